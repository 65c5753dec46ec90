// E2E: the outputs grouped by audience, the router team's configs and handover sheet, the router
// settings, print, the wide-screen layout, the theme that follows the system, the untouched page and
// axe on the Router team tab. Every visit also fails on a CSP violation, a console or page error, or a
// request that leaves the origin (harness.mjs).
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { after, before, test } from 'node:test';
import { startHarness, visit } from './harness.mjs';
import { PlannerPage, planFragment } from './pages/planner.mjs';

const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'];
const SCREENSHOT_DIR = process.env.PLANNER_E2E_OUTPUT ?? 'test-results/e2e';

let harness;
before(async () => {
  harness = await startHarness();
});
after(async () => {
  await harness?.close();
});

const VENDORS = [
  ['iosxe', 'Cisco IOS XE'],
  ['junos', 'Juniper Junos'],
  ['eos', 'Arista EOS'],
  ['frr', 'FRRouting (frr.conf)'],
];
const ROUTERS = ['primary', 'secondary'];
const ROUTER_BLOCKS = VENDORS.flatMap(([vendor]) => ROUTERS.map((router) => `router-${vendor}-${router}`));
const KEY_PLACEHOLDER = 'REPLACE-WITH-PRIVATE-SHARED-KEY';

/** A valid private peering without router settings (as before routers existed). */
const SAMPLE = {
  version: 1,
  circuit: { subscription: 'aaaa0a0a-bb1b-cc2c-dd3d-eeeeee4e4e4e', resourceGroup: 'ExpressRouteResourceGroup', name: 'MyCircuit' },
  vnetAddressSpaces: ['10.1.0.0/16'],
  peerings: [
    { type: 'AzurePrivatePeering', peerAsn: '65010', vlanId: '200', ipv4: { primary: '192.168.100.128/30', secondary: '192.168.100.132/30' } },
  ],
};

/** A valid dual-stack private peering with router settings (`vendor` picked, or '' for none). */
function routerPlan(vendor, routers = {}) {
  return {
    ...structuredClone(SAMPLE),
    routers: { vendor, bfd: true, ...routers },
    peerings: [
      {
        type: 'AzurePrivatePeering', peerAsn: '65010', vlanId: '200',
        ipv4: { primary: '192.168.100.128/30', secondary: '192.168.100.132/30', onPremisesPrefixes: ['10.10.0.0/16'] },
        ipv6: { primary: 'fd00:10::/126', secondary: 'fd00:10::4/126', onPremisesPrefixes: ['fd10:1::/48'] },
      },
    ],
  };
}

const lines = (text) => text.split('\n');
const bfdLines = (text) => lines(text).filter((l) => /\bbfd\b/i.test(l));

// 1. Outputs grouped by audience.

test('outputs are grouped by audience in an ARIA tab list: Azure | Router team | IP plan | Clean-up and rollback', () =>
  visit(harness, assert, `/${planFragment(routerPlan(''))}`, async ({ page }) => {
    const planner = await new PlannerPage(page).ready();
    assert.deepEqual(await planner.tabNames('Outputs by audience'),
      ['Azure', 'Router team', 'IP plan', 'Clean-up and rollback']);
    for (const name of ['Azure', 'Router team', 'IP plan', 'Clean-up and rollback']) {
      const panel = await planner.panelOf(name);
      assert.equal(await panel.count(), 1, `the ${name} tab controls one tab panel`);
      assert.equal(await panel.getAttribute('aria-labelledby'), await planner.tab(name).getAttribute('id'),
        `the ${name} panel is labelled by its tab`);
    }
    // Inside Azure: bash, PowerShell, ARM JSON, Terraform.
    const azure = await planner.panelOf('Azure');
    assert.equal(await azure.isVisible(), true, 'Azure is open at first');
    const azureTabs = azure.getByRole('tablist');
    assert.equal(await azureTabs.count(), 1, 'the Azure panel holds its own tab list');
    assert.deepEqual(await azureTabs.getByRole('tab').evaluateAll((t) => t.map((x) => x.textContent.trim())),
      ['bash', 'PowerShell', 'ARM JSON', 'Terraform']);
    // Inside Router team: one tab per vendor, each panel with both routers' configs; the handover sheet.
    await planner.tab('Router team').click();
    const routers = await planner.panelOf('Router team');
    assert.equal(await routers.isVisible(), true);
    assert.equal(await azure.isVisible(), false, 'one audience at a time');
    const vendorTabs = routers.getByRole('tablist');
    assert.equal(await vendorTabs.count(), 1, 'the Router team panel holds the vendor tab list');
    assert.deepEqual(await vendorTabs.getByRole('tab').evaluateAll((t) => t.map((x) => x.textContent.trim())),
      VENDORS.map(([, label]) => label));
    for (const [vendor, label] of VENDORS) {
      const panel = await planner.panelOf(label);
      for (const router of ROUTERS) {
        assert.equal(await panel.locator(`[data-output="router-${vendor}-${router}"]`).count(), 1,
          `the ${label} panel holds the ${router} router's config`);
      }
    }
    assert.equal(await routers.locator('[data-output="router-handover"]').count(), 1, 'the handover sheet is a Router team block');
    assert.equal(await routers.locator('[role=tabpanel] [data-output="router-handover"]').count(), 0,
      'the sheet is under no vendor tab');
    assert.equal(await planner.output('router-handover').isVisible(), true);
  }));

test('every block stays in the DOM whichever tab is open, and its text is exactly what Copy copies', () =>
  visit(harness, assert, `/${planFragment(routerPlan('eos'))}`, async ({ page }) => {
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: harness.origin });
    const planner = await new PlannerPage(page).ready();
    await planner.tab('Router team').click();
    assert.equal(await planner.tab('Arista EOS').getAttribute('aria-selected'), 'true');
    for (const id of ['az-bash', 'az-powershell', 'az-bash-cleanup', 'ip-plan', 'router-handover', ...ROUTER_BLOCKS]) {
      assert.equal(await planner.output(id).count(), 1, `${id} is in the DOM once`);
    }
    // Blocks under closed tabs are real text, not placeholders.
    assert.match(await planner.outputText('az-bash'), /peering create/);
    assert.equal(await planner.output('router-junos-secondary').isVisible(), false, 'a closed vendor tab hides its block');
    assert.match(await planner.outputText('router-junos-secondary'), /neighbor 192\.168\.100\.134/);
    assert.match(await planner.outputText('router-iosxe-primary'), /router bgp 65010/);
    for (const id of ['router-eos-primary', 'router-eos-secondary', 'router-handover']) {
      const text = await planner.outputText(id);
      assert.match(text, /12076/, `${id} is a real config`);
      assert.equal(await planner.copyOutput(id), text, `Copy of ${id} copies exactly its text`);
    }
  }));

test('the plan\'s router vendor opens that vendor\'s tab', async () => {
  for (const [vendor, label] of VENDORS) {
    await visit(harness, assert, `/${planFragment(routerPlan(vendor))}`, async ({ page }) => {
      const planner = await new PlannerPage(page).ready();
      await planner.tab('Router team').click();
      assert.equal(await planner.tab(label).getAttribute('aria-selected'), 'true', `${vendor}: ${label} is selected`);
      assert.equal(await planner.tab(label).getAttribute('tabindex'), '0');
      for (const [other, otherLabel] of VENDORS) {
        assert.equal(await (await planner.panelOf(otherLabel)).isVisible(), other === vendor,
          `${vendor} plan: the ${otherLabel} panel is ${other === vendor ? 'shown' : 'hidden'}`);
      }
      assert.equal(await planner.output(`router-${vendor}-primary`).isVisible(), true);
    });
  }
});

test('picking a vendor under Router settings opens its tab', () =>
  visit(harness, assert, `/${planFragment(SAMPLE)}`, async ({ page }) => {
    const planner = await new PlannerPage(page).ready();
    await planner.tab('Router team').click();
    assert.equal(await planner.tab('Cisco IOS XE').getAttribute('aria-selected'), 'true', 'IOS XE without a vendor');
    await planner.select('/routers/vendor', 'junos');
    await planner.selectedTab('Juniper Junos').waitFor({ timeout: 5_000 });
    assert.equal(await planner.output('router-junos-primary').isVisible(), true);
    assert.equal(await planner.output('router-iosxe-primary').isVisible(), false);
  }));

// 2. Router settings.

test('router settings typed into the form update the configs live (FRR interface and on-premises prefix)', () =>
  visit(harness, assert, `/${planFragment(SAMPLE)}`, async ({ page }) => {
    const planner = await new PlannerPage(page).ready();
    await planner.tab('Router team').click();
    const before = await planner.outputText('router-frr-primary');
    assert.doesNotMatch(before, /ens5/);
    assert.doesNotMatch(before, /permit 10\.10\.0\.0\/16/);
    await planner.select('/routers/vendor', 'frr');
    // Typing, not leaving the field: the config follows each keystroke.
    await planner.field('/routers/primaryInterface').fill('ens5');
    const withInterface = await planner.waitForOutput('router-frr-primary', /^interface ens5\.200$/m);
    assert.match(withInterface, /ip link add link ens5 name ens5\.200 type vlan id 200/);
    await planner.field('/peerings/0/ipv4/onPremisesPrefixes').fill('10.10.0.0/16');
    const text = await planner.waitForOutput('router-frr-primary', /ip prefix-list ER-PRIVATE-V4-OUT seq 5 permit 10\.10\.0\.0\/16/);
    assert.match(text, /^interface ens5\.200$/m);
    assert.match(text, /^ {2}network 10\.10\.0\.0\/16$/m);
    assert.equal(await planner.tab('FRRouting (frr.conf)').getAttribute('aria-selected'), 'true');
    assert.equal(await planner.output('router-frr-primary').isVisible(), true, 'the user sees the config change');
    const secondary = await planner.outputText('router-frr-secondary');
    assert.doesNotMatch(secondary, /ens5/, 'the primary interface is the primary router\'s only');
    assert.match(secondary, /ip prefix-list ER-PRIVATE-V4-OUT seq 5 permit 10\.10\.0\.0\/16/, 'both routers advertise the prefix');
  }));

test('the secondary interface and the maximum-prefix reach the configs', () =>
  visit(harness, assert, `/${planFragment(routerPlan('iosxe'))}`, async ({ page }) => {
    const planner = await new PlannerPage(page).ready();
    await planner.fill('/routers/secondaryInterface', 'TenGigabitEthernet0/1/0');
    await planner.fill('/routers/maxPrefix', '2000');
    const secondary = await planner.waitForOutput('router-iosxe-secondary',
      (t) => /^interface TenGigabitEthernet0\/1\/0\.200$/m.test(t) && /maximum-prefix 2000 warning-only/.test(t));
    assert.doesNotMatch(secondary, /maximum-prefix 1000 /, 'the typed limit replaces the default');
    const primary = await planner.outputText('router-iosxe-primary');
    assert.doesNotMatch(primary, /TenGigabitEthernet0\/1\/0/);
    assert.match(primary, /neighbor 192\.168\.100\.130 maximum-prefix 2000 warning-only/);
  }));

test('turning BFD off removes the bfd lines from every router config', () =>
  visit(harness, assert, `/${planFragment(routerPlan(''))}`, async ({ page }) => {
    const planner = await new PlannerPage(page).ready();
    const bfd = planner.field('/routers/bfd');
    assert.equal(await bfd.getAttribute('role'), 'switch');
    assert.equal(await bfd.isChecked(), true, 'BFD is on by default');
    for (const id of ROUTER_BLOCKS) {
      assert.ok(bfdLines(await planner.outputText(id)).length > 0, `${id} runs BFD while it is on`);
    }
    await planner.setSwitch('/routers/bfd', false);
    assert.equal(await bfd.isChecked(), false);
    for (const id of ROUTER_BLOCKS) {
      const text = await planner.waitForOutput(id, (t) => bfdLines(t).length === 0 && /router bgp|routing-options|protocols/.test(t));
      assert.match(text, /12076/, `${id} still holds the BGP sessions`);
    }
    assert.doesNotMatch(await planner.outputText('router-handover'), /show bfd/, 'the handover asks for no BFD check');
  }));

test('QinQ with S-tag 100 double-tags the sub-interface (IOS XE)', () =>
  visit(harness, assert, `/${planFragment(routerPlan('iosxe'))}`, async ({ page }) => {
    const planner = await new PlannerPage(page).ready();
    assert.match(await planner.outputText('router-iosxe-primary'), /^ encapsulation dot1Q 200$/m);
    await planner.select('/routers/encapsulation', 'qinq');
    await planner.fill('/routers/sTag', '100');
    const text = await planner.waitForOutput('router-iosxe-primary', /encapsulation dot1Q 100 second-dot1q 200/);
    assert.doesNotMatch(text, /^ encapsulation dot1Q 200$/m);
    assert.match(await planner.outputText('router-iosxe-secondary'), /encapsulation dot1Q 100 second-dot1q 200/);
    assert.match(await planner.outputText('router-handover'), /S-tag 100, C-tag 200/, 'the provider is told both tags');
  }));

test('an invalid interface name shows its finding at the field and in the summary', () =>
  visit(harness, assert, `/${planFragment(routerPlan('iosxe'))}`, async ({ page }) => {
    const planner = await new PlannerPage(page).ready();
    const control = planner.field('/routers/primaryInterface');
    assert.equal(await control.getAttribute('aria-invalid'), null);
    await planner.fill('/routers/primaryInterface', 'Gi0/0/1.200');
    await planner.invalidField('/routers/primaryInterface').waitFor({ timeout: 5_000 });
    const messages = planner.fieldMessages('/routers/primaryInterface');
    assert.equal(await messages.isVisible(), true, 'the message shows under the field');
    assert.match(await messages.textContent(), /Gi0\/0\/1\.200/, 'the message names the value');
    assert.match(await control.getAttribute('aria-describedby'), new RegExp(await messages.getAttribute('id')),
      'the control is described by its message');
    await planner.checkPlan();
    const item = planner.findingAt('router.interface', '/routers/primaryInterface');
    await item.waitFor();
    assert.equal(await item.getAttribute('data-severity'), 'error');
    assert.ok((await planner.findingCodes()).includes('router.interface'));
    assert.equal(await control.getAttribute('aria-invalid'), 'true');
    assert.equal(await planner.root.locator('.pp-blocked').isVisible(), true, 'the blocks say to fix the errors first');
    assert.doesNotMatch(await planner.outputText('router-iosxe-primary'), /interface Gi0\/0\/1\.200/);
  }));

/** Other invalid router values: [what, vendor, edits, the control marked invalid, code, pointer of the finding]. */
const INVALID_ROUTER_VALUES = [
  ['an FRR sub-interface name longer than 15 characters', 'frr', [['/routers/primaryInterface', 'enp0s31f6long']],
    '/routers/primaryInterface', 'router.interface', '/routers/primaryInterface'],
  ['a maximum-prefix of 0', 'iosxe', [['/routers/maxPrefix', '0']], '/routers/maxPrefix', 'router.max_prefix', '/routers/maxPrefix'],
  ['a QinQ S-tag of 5000', 'iosxe', [['/routers/encapsulation', 'qinq'], ['/routers/sTag', '5000']],
    '/routers/sTag', 'vlan.range', '/routers/sTag'],
  ['an on-premises prefix with host bits', 'eos', [['/peerings/0/ipv4/onPremisesPrefixes', '10.10.0.1/16']],
    '/peerings/0/ipv4/onPremisesPrefixes', 'prefix.host_bits', '/peerings/0/ipv4/onPremisesPrefixes/0'],
];

for (const [what, vendor, edits, control, code, pointer] of INVALID_ROUTER_VALUES) {
  test(`${what} shows ${code} at its field`, () =>
    visit(harness, assert, `/${planFragment(routerPlan(vendor))}`, async ({ page }) => {
      const planner = await new PlannerPage(page).ready();
      for (const [at, value] of edits) {
        if (at === '/routers/encapsulation') await planner.select(at, value);
        else await planner.fill(at, value);
      }
      await planner.invalidField(control).waitFor({ timeout: 5_000 });
      assert.equal(await planner.fieldMessages(control).isVisible(), true, 'the message shows under the field');
      await planner.checkPlan();
      await planner.findingAt(code, pointer).waitFor();
      assert.equal(await planner.findingAt(code, pointer).getAttribute('data-severity'), 'error');
    }));
}

test('on-premises prefixes are asked for on private peering families only', () => {
  const plan = routerPlan('frr');
  plan.peerings.push({
    type: 'MicrosoftPeering', peerAsn: '1234', vlanId: '300',
    ipv4: { primary: '123.0.0.0/30', secondary: '123.0.0.4/30', advertisedPrefixes: ['123.1.0.0/24'], routeFilter: 'MyRouteFilter' },
  });
  return visit(harness, assert, `/${planFragment(plan)}`, async ({ page }) => {
    const planner = await new PlannerPage(page).ready();
    assert.equal(await planner.field('/peerings/0/ipv4/onPremisesPrefixes').inputValue(), '10.10.0.0/16');
    assert.equal(await planner.field('/peerings/0/ipv6/onPremisesPrefixes').inputValue(), 'fd10:1::/48');
    assert.equal(await planner.field('/peerings/1/ipv4/onPremisesPrefixes').count(), 0, 'none on Microsoft peering');
    for (const pointer of ['/routers/vendor', '/routers/encapsulation', '/routers/sTag', '/routers/primaryInterface',
      '/routers/secondaryInterface', '/routers/maxPrefix', '/routers/bfd']) {
      assert.equal(await planner.field(pointer).count(), 1, `${pointer} is a field of Router settings`);
    }
    assert.equal(await planner.field('/routers/vendor').inputValue(), 'frr');
  });
});

// 3. The shared key.

test('router configs hold the shared key only with "Put the shared key into the outputs"', () =>
  visit(harness, assert, `/${planFragment(routerPlan(''))}`, async ({ page }) => {
    const planner = await new PlannerPage(page).ready();
    await planner.fill('/peerings/0/sharedKey', 'Abc123xyz');
    assert.equal(await planner.inlineKeyOption.isChecked(), false, 'off by default');
    for (const id of [...ROUTER_BLOCKS, 'router-handover']) {
      const text = await planner.outputText(id);
      assert.ok(!text.includes('Abc123xyz'), `${id} does not hold the key`);
      assert.ok(text.includes(KEY_PLACEHOLDER), `${id} holds the placeholder`);
    }
    await planner.inlineKeyOption.check();
    const withKey = {
      iosxe: /^ neighbor 192\.168\.100\.130 password Abc123xyz$/m,
      eos: /^ {3}neighbor 192\.168\.100\.130 password 0 Abc123xyz$/m,
      frr: /^ neighbor 192\.168\.100\.130 password Abc123xyz$/m,
      junos: /authentication-key "Abc123xyz";/,
    };
    for (const [vendor] of VENDORS) {
      const text = await planner.waitForOutput(`router-${vendor}-primary`, withKey[vendor]);
      assert.doesNotMatch(text, new RegExp(KEY_PLACEHOLDER), `${vendor}: no placeholder once the key is in`);
    }
    assert.match(await planner.outputText('router-handover'), /Abc123xyz/);
    await planner.inlineKeyOption.uncheck();
    for (const id of [...ROUTER_BLOCKS, 'router-handover']) {
      const text = await planner.waitForOutput(id, (t) => !t.includes('Abc123xyz'));
      assert.ok(text.includes(KEY_PLACEHOLDER), `${id} holds the placeholder`);
    }
  }));

// 4. The handover sheet.

test('the handover sheet holds the VLAN, the IP plan, both routers\' configs of the chosen vendor and the checks', () =>
  visit(harness, assert, `/${planFragment(routerPlan('eos'))}`, async ({ page }) => {
    const planner = await new PlannerPage(page).ready();
    const sheet = await planner.outputText('router-handover');
    assert.match(sheet, /AzurePrivatePeering: VLAN 200\b/, 'the VLAN to tell the provider');
    const ipRows = lines(await planner.outputText('ip-plan')).filter((l) => /^AzurePrivatePeering /.test(l));
    assert.equal(ipRows.length, 4, 'two links, two families');
    for (const row of ipRows) assert.ok(sheet.includes(row.trimEnd()), `the sheet has the IP plan row ${row}`);
    for (const router of ROUTERS) {
      const config = (await planner.outputText(`router-eos-${router}`)).trimEnd();
      assert.ok(sheet.includes(config), `the sheet holds the whole ${router} EOS config`);
    }
    for (const other of ['Cisco IOS XE', 'Juniper Junos', 'FRRouting']) {
      assert.doesNotMatch(sheet, new RegExp(`${other} config of the`), `no ${other} config in an EOS sheet`);
    }
    for (const path of ROUTERS) {
      assert.match(sheet, new RegExp(`az network express-route list-arp-tables .*--peering-name AzurePrivatePeering --path ${path}\\b`));
      assert.match(sheet, new RegExp(`az network express-route list-route-tables-summary .*--peering-name AzurePrivatePeering --path ${path}\\b`));
    }
    assert.match(sheet, /show ip bgp summary/);
    assert.match(sheet, /show ip bgp neighbors 192\.168\.100\.130 advertised-routes/);
    assert.match(sheet, /show ip bgp neighbors 192\.168\.100\.134 advertised-routes/);
  }));

test('Download of the handover sheet saves exactly its text', () =>
  visit(harness, assert, `/${planFragment(routerPlan('junos'))}`, async ({ page }) => {
    const planner = await new PlannerPage(page).ready();
    await planner.tab('Router team').click();
    const { filename, url, text } = await planner.downloadOutput('router-handover');
    assert.equal(filename, 'expressroute-handover.txt');
    assert.match(url, new RegExp(`^blob:${harness.origin}/`));
    const sheet = await planner.outputText('router-handover');
    assert.match(sheet, /Juniper Junos/);
    assert.equal(text, sheet);
  }));

// 5. Print.

test('print shows every router config and the handover sheet, hidden tabs included', () =>
  visit(harness, assert, `/${planFragment(routerPlan('frr'))}`, async ({ page }) => {
    const planner = await new PlannerPage(page).ready();
    await planner.outputsSettled();
    assert.equal(await planner.tab('Azure').getAttribute('aria-selected'), 'true', 'the Router team tab is closed');
    assert.equal(await planner.output('router-handover').isVisible(), false);
    await page.emulateMedia({ media: 'print' });
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    await page.screenshot({ path: `${SCREENSHOT_DIR}/routers-print.png`, fullPage: true });
    for (const id of [...ROUTER_BLOCKS, 'router-handover']) {
      assert.equal(await planner.output(id).isVisible(), true, `${id} prints`);
      assert.match(await planner.outputText(id), /12076/, `${id} prints a real config`);
    }
    assert.equal(await planner.tablist('Router vendor').isVisible(), false, 'no tab chrome in print');
    const box = await planner.output('router-handover').boundingBox();
    assert.ok(box && box.height > 200, 'the whole sheet is laid out, not cut to a scroll box');
  }));

// 6. Wide screens.

test('at 1280 px the outputs sit right of the form and stay in view while the user types far down', () =>
  visit(harness, assert, `/${planFragment(routerPlan('iosxe'))}`, async ({ page }) => {
    const planner = await new PlannerPage(page).ready();
    await planner.outputsSettled();
    const form = await planner.form.boundingBox();
    const outputs = await planner.outputs.boundingBox();
    assert.ok(outputs.x >= form.x + form.width - 1, `outputs (x ${outputs.x}) right of the form (right ${form.x + form.width})`);
    assert.ok(outputs.y < form.y + form.height, 'side by side, not below');
    await planner.tab('Router team').click();
    const field = planner.field('/routers/maxPrefix');
    await field.scrollIntoViewIfNeeded();
    await field.click();
    await page.keyboard.type('2000');
    assert.ok(await page.evaluate(() => window.scrollY) > 0, 'the page scrolled down to the field');
    await planner.waitForOutput('router-iosxe-primary', /maximum-prefix 2000 warning-only/);
    const fieldBox = await field.boundingBox();
    const now = await planner.outputs.boundingBox();
    assert.ok(fieldBox.y >= 0 && fieldBox.y + fieldBox.height <= 900, 'the field is on screen');
    assert.ok(now.y >= 0 && now.y + now.height <= 900,
      `the outputs box (top ${now.y}, bottom ${now.y + now.height}) is within the 900 px viewport`);
    assert.ok(now.x >= form.x + form.width - 1, 'still beside the form');
    assert.equal(await planner.output('router-iosxe-primary').isVisible(), true);
  }, { viewport: { width: 1280, height: 900 } }));

test('at 1100 px the outputs are below the form', () =>
  visit(harness, assert, `/${planFragment(routerPlan('iosxe'))}`, async ({ page }) => {
    const planner = await new PlannerPage(page).ready();
    const form = await planner.form.boundingBox();
    const outputs = await planner.outputs.boundingBox();
    assert.ok(outputs.y >= form.y + form.height - 1, `outputs (top ${outputs.y}) below the form (bottom ${form.y + form.height})`);
  }, { viewport: { width: 1100, height: 900 } }));

// 7. The theme follows the system.

/** Counts the page's own `prefers-color-scheme` changes, so a test knows the page has seen one. */
async function watchColorScheme(page) {
  await page.evaluate(() => {
    window.__schemeQuery = matchMedia('(prefers-color-scheme: dark)');
    window.__schemeChanges = 0;
    window.__schemeQuery.addEventListener('change', () => { window.__schemeChanges += 1; });
  });
}

async function switchSystemScheme(page, colorScheme, changes) {
  await page.emulateMedia({ colorScheme });
  await page.waitForFunction((n) => window.__schemeChanges === n, changes);
  // The app's listener ran before ours (its query is older); let the page render.
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
}

const rootBackground = (planner) => planner.root.evaluate((el) => getComputedStyle(el).backgroundColor);

test('the theme follows a system change while the page is open, without a reload', () =>
  visit(harness, assert, `/${planFragment(SAMPLE)}`, async ({ page }) => {
    const planner = await new PlannerPage(page).ready();
    assert.equal(await planner.themeClass(), 'pp-theme-light');
    assert.equal(await rootBackground(planner), 'rgb(255, 255, 255)');
    await watchColorScheme(page);
    await switchSystemScheme(page, 'dark', 1);
    assert.equal(await planner.themeClass(), 'pp-theme-dark');
    assert.equal(await rootBackground(planner), 'rgb(13, 17, 23)', 'the dark colours apply');
    assert.equal(await planner.themeToggle.getAttribute('aria-pressed'), 'true', 'the toggle says so');
    await switchSystemScheme(page, 'light', 2);
    assert.equal(await planner.themeClass(), 'pp-theme-light');
    assert.equal(await planner.themeToggle.getAttribute('aria-pressed'), 'false');
  }, { colorScheme: 'light' }));

test('once the user picks a theme, a later system change leaves it alone', () =>
  visit(harness, assert, `/${planFragment(SAMPLE)}`, async ({ page }) => {
    const planner = await new PlannerPage(page).ready();
    assert.equal(await planner.themeClass(), 'pp-theme-light');
    await planner.themeToggle.click();
    assert.equal(await planner.themeClass(), 'pp-theme-dark');
    await watchColorScheme(page);
    await switchSystemScheme(page, 'dark', 1);
    await switchSystemScheme(page, 'light', 2);
    assert.equal(await planner.themeClass(), 'pp-theme-dark', 'the user\'s dark theme stays');
    assert.equal(await planner.themeToggle.getAttribute('aria-pressed'), 'true');
    assert.equal(await rootBackground(planner), 'rgb(13, 17, 23)');
  }, { colorScheme: 'light' }));

// 8. The untouched page.

async function assertNeutral(planner) {
  assert.match(await planner.findingsCount.textContent(), /^Nothing to check yet/);
  assert.equal(await planner.findings().count(), 0, 'no finding listed');
  assert.match(await planner.outputText('az-bash'), /^# Nothing to check yet/);
  for (const id of ['router-iosxe-primary', 'router-handover']) {
    assert.match(await planner.outputText(id), /^# Nothing to check yet/, `${id} is neutral too`);
  }
  assert.equal(await planner.root.locator('.pp-blocked').count(), 0, 'no error note');
  assert.equal(await planner.root.locator('[aria-invalid="true"]').count(), 0, 'no field marked invalid');
}

test('an untouched page shows a neutral state: nothing to check yet, no error note', () =>
  visit(harness, assert, '/', async ({ page }) => {
    const planner = await new PlannerPage(page).ready();
    await assertNeutral(planner);
    await planner.tab('Router team').click();
    await assertNeutral(planner);
  }));

test('Start over returns to the neutral state of an untouched page', () =>
  visit(harness, assert, `/${planFragment(routerPlan('frr'))}`, async ({ page }) => {
    const planner = await new PlannerPage(page).ready();
    assert.match(await planner.outputText('router-frr-primary'), /router bgp 65010/);
    await planner.button('Start over').click();
    await planner.waitForOutput('az-bash', /^# Nothing to check yet/);
    await assertNeutral(planner);
  }));

// 9. Accessibility of the Router team tab.

async function axeViolations(page) {
  await page.evaluate(AXE_SOURCE);
  return page.evaluate(async (tags) => {
    const result = await window.axe.run(document, { runOnly: { type: 'tag', values: tags } });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      nodes: v.nodes.slice(0, 5).map((n) => `${n.target.join(' ')}: ${n.failureSummary}`),
    }));
  }, WCAG_TAGS);
}

for (const theme of ['light', 'dark']) {
  test(`axe: the Router team tab in the ${theme} theme has no WCAG A/AA violation`, () =>
    visit(harness, assert, `/${planFragment(routerPlan('junos', { encapsulation: 'qinq', sTag: '100' }))}`, async ({ page }) => {
      const planner = await new PlannerPage(page).ready();
      assert.equal(await planner.themeClass(), `pp-theme-${theme}`);
      await planner.tab('Router team').click();
      await planner.outputsSettled();
      assert.equal(await planner.output('router-junos-primary').isVisible(), true);
      assert.equal(await planner.output('router-handover').isVisible(), true);
      const violations = await axeViolations(page);
      assert.deepEqual(violations, [], JSON.stringify(violations, null, 2));
    }, { colorScheme: theme }));
}
