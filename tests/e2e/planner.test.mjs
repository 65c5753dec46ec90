// E2E journeys through the planner page (release bundle, strict CSP, real Chromium). Every visit also
// fails on a CSP violation, a console or page error, or any request that leaves the origin (harness.mjs).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { openWatched, assertClean, startHarness, visit } from './harness.mjs';
import { PlannerPage, fillPrivateDualStack, planFragment, planFromUrl } from './pages/planner.mjs';

let harness;
before(async () => {
  harness = await startHarness();
});
after(async () => {
  await harness?.close();
});

const SAMPLE = {
  version: 1,
  circuit: { subscription: 'aaaa0a0a-bb1b-cc2c-dd3d-eeeeee4e4e4e', resourceGroup: 'ExpressRouteResourceGroup', name: 'MyCircuit' },
  vnetAddressSpaces: ['10.1.0.0/16'],
  peerings: [
    { type: 'AzurePrivatePeering', peerAsn: '65010', vlanId: '200', ipv4: { primary: '192.168.100.128/30', secondary: '192.168.100.132/30' } },
  ],
};

test('a private dual-stack peering from scratch to copied commands', () =>
  visit(harness, assert, '/', async ({ page }) => {
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: harness.origin });
    const planner = await new PlannerPage(page).ready();
    assert.match(await planner.outputText('az-bash'), /^# Nothing to check yet/, 'an untouched plan: nothing to check, no red errors');
    assert.equal(await planner.root.locator('.pp-blocked').count(), 0, 'no error note on an untouched page');
    await fillPrivateDualStack(planner);
    assert.equal(await planner.field('/peerings/0/ipv4/secondary').inputValue(), '192.168.100.132/30', 'the /29 was split');
    await planner.checkPlan();
    await page.waitForFunction(() => document.activeElement?.id === 'pp-findings');
    const codes = await planner.findingCodes();
    assert.deepEqual(codes, ['cli.ipv6_update_drops_ipv4'], 'only the dual-stack note remains');
    const bash = await planner.outputText('az-bash');
    assert.match(bash, /peering create .*--peering-type AzurePrivatePeering --peer-asn 65010 --vlan-id 200 --primary-peer-subnet 192\.168\.100\.128\/30 --secondary-peer-subnet 192\.168\.100\.132\/30/);
    assert.match(bash, /--set ipv6PeeringConfig\.primaryPeerAddressPrefix=fd00:10::\/126/);
    assert.doesNotMatch(bash, /delete/);
    assert.match(await planner.outputText('az-bash-cleanup'), /peering delete/);
    assert.match(await planner.outputText('ip-plan'), /fd00:10::1 +fd00:10::2/);

    await planner.root.locator('button[data-copy="az-bash"]').click();
    await assertCopyStatus(planner, /Copied the bash script/);
    const clipboard = await page.evaluate(() => navigator.clipboard.readText());
    assert.equal(clipboard, bash, 'the clipboard holds exactly the block text');

    await planner.tab('PowerShell').click();
    const ps = await planner.outputText('az-powershell');
    await planner.root.locator('button[data-copy="az-powershell"]').click();
    await assertCopyStatus(planner, /Copied the PowerShell script/);
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), ps);
    assert.match(ps, /if \(\$LASTEXITCODE\)/);
  }));

async function assertCopyStatus(planner, pattern) {
  await planner.page.waitForFunction(
    (source) => new RegExp(source).test(document.querySelector('[data-testid=copy-status]')?.textContent ?? ''),
    pattern.source,
  );
  assert.equal(await planner.copyStatus.getAttribute('aria-live'), 'polite');
}

test('without clipboard access (plain HTTP), Copy selects the block and says to press Ctrl+C', async () => {
  const { context, page, watch } = await openWatched(harness, `/${planFragment(SAMPLE)}`);
  try {
    await new PlannerPage(page).ready();
    await context.addInitScript(() => {
      Object.defineProperty(Navigator.prototype, 'clipboard', { get: () => undefined });
    });
    await page.waitForLoadState('networkidle');
    await page.reload();
    const planner = await new PlannerPage(page).ready();
    await planner.root.locator('button[data-copy="az-bash"]').click();
    await assertCopyStatus(planner, /Could not copy the bash script .*press Ctrl\+C/);
    const selected = await page.evaluate(() => window.getSelection().toString());
    assert.equal(selected, (await planner.outputText('az-bash')).trimEnd(), 'the whole block is selected');
    assertClean(assert, watch);
  } finally {
    await context.close();
  }
});

test('a seeded error is fixed from the findings summary with one click', () => {
  const plan = structuredClone(SAMPLE);
  plan.peerings[0].ipv4.primary = '192.168.100.129/30';
  return visit(harness, assert, `/${planFragment(plan)}`, async ({ page }) => {
    const planner = await new PlannerPage(page).ready();
    // A plan opened from a link counts as submitted: its findings show at once.
    const item = planner.summary.locator('[data-finding-code="subnet.host_bits"]');
    await item.waitFor();
    assert.equal(await item.getAttribute('data-severity'), 'error');
    assert.equal(await item.getAttribute('data-field'), '/peerings/0/ipv4/primary');
    assert.equal(await planner.field('/peerings/0/ipv4/primary').getAttribute('aria-invalid'), 'true');
    assert.match(await planner.outputText('az-bash'), /^# No commands yet/);
    // The link in the summary takes the user to the field.
    await item.getByRole('link').click();
    assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('data-field')), '/peerings/0/ipv4/primary');
    await item.getByRole('button', { name: /^Fix: Use 192\.168\.100\.128\/30/ }).click();
    await planner.findings().first().waitFor({ state: 'detached' });
    assert.equal(await planner.findings().count(), 0);
    await page.waitForFunction(() => document.activeElement?.id === 'pp-findings', null, { timeout: 2_000 });
    assert.equal(await planner.field('/peerings/0/ipv4/primary').inputValue(), '192.168.100.128/30');
    assert.equal(await planner.field('/peerings/0/ipv4/primary').getAttribute('aria-invalid'), null);
    assert.match(await planner.outputText('az-bash'), /peering create/);
  });
});

test('a share link opened in a fresh context restores the plan without the key', async () => {
  const first = await openWatched(harness, '/');
  let link;
  try {
    await first.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: harness.origin });
    const planner = await new PlannerPage(first.page).ready();
    await fillPrivateDualStack(planner);
    await planner.fill('/peerings/0/sharedKey', 'Abc123xyz');
    await planner.button('Copy share link').click();
    await first.page.waitForFunction(() => /Copied the share link/.test(document.querySelector('[data-testid=share-status]')?.textContent ?? ''));
    link = await first.page.evaluate(() => navigator.clipboard.readText());
    assert.doesNotMatch(link, /Abc123xyz/);
    const shared = planFromUrl(link);
    assert.equal(shared.peerings[0].sharedKey, undefined, 'no key in the link');
    assert.equal(shared.peerings[0].ipv6.secondary, 'fd00:10::4/126');
    // The address bar is a share link too, and never holds the key.
    await planner.waitForAddress('#plan=');
    assert.deepEqual(planFromUrl(first.page.url()), shared);
    const stored = await first.page.evaluate(() => localStorage.getItem('peering-planner.draft.v1'));
    assert.doesNotMatch(stored, /Abc123xyz/, 'the draft never holds the key');
    assertClean(assert, first.watch);
  } finally {
    await first.context.close();
  }
  await visit(harness, assert, new URL(link).pathname + new URL(link).hash, async ({ page }) => {
    const planner = await new PlannerPage(page).ready();
    assert.equal(await planner.field('/circuit/name').inputValue(), 'MyCircuit');
    assert.equal(await planner.field('/peerings/0/ipv6/primary').inputValue(), 'fd00:10::/126');
    assert.equal(await planner.field('/peerings/0/sharedKey').inputValue(), '');
    assert.match(await planner.outputText('az-bash'), /peering create/);
    for (const block of ['az-bash', 'az-powershell', 'az-bash-cleanup', 'az-powershell-cleanup', 'ip-plan']) {
      assert.doesNotMatch(await planner.outputText(block), /Abc123xyz/, `${block} must not carry the key`);
    }
    assert.doesNotMatch(await page.content(), /Abc123xyz/, 'the key is nowhere on the page');
  });
});

test('a link that carries a shared key uses it in memory and rewrites the address without it', () => {
  const plan = structuredClone(SAMPLE);
  plan.peerings[0].sharedKey = 'Key4Link';
  return visit(harness, assert, `/${planFragment(plan)}`, async ({ page }) => {
    const planner = await new PlannerPage(page).ready();
    assert.equal(await planner.field('/peerings/0/sharedKey').inputValue(), 'Key4Link');
    assert.doesNotMatch(page.url(), /S2V5NExpbms|Key4Link/);
    assert.equal(planFromUrl(page.url()).peerings[0].sharedKey, undefined);
    await planner.root.getByLabel('Put the shared key into the outputs').check();
    assert.match(await planner.outputText('az-bash'), /--shared-key=Key4Link/);
  });
});

test('the app follows hashchange and a plan from the address counts as submitted', () =>
  visit(harness, assert, '/', async ({ page }) => {
    const planner = await new PlannerPage(page).ready();
    assert.equal(await planner.findings().count(), 0, 'nothing listed before a submit');
    const plan = structuredClone(SAMPLE);
    plan.peerings[0].vlanId = '5000';
    await page.evaluate((hash) => { location.hash = hash; }, planFragment(plan));
    await planner.summary.locator('[data-finding-code="vlan.range"]').waitFor();
    assert.equal(await planner.field('/peerings/0/vlanId').inputValue(), '5000');
    await page.evaluate(() => { location.hash = '#plan=not-a-plan'; });
    await planner.summary.locator('[data-finding-code="plan.unreadable"]').waitFor();
  }));

test('a draft is restored on return, and a link beats the draft', () =>
  visit(harness, assert, '/', async ({ page }) => {
    const planner = await new PlannerPage(page).ready();
    await planner.fill('/circuit/name', 'DraftCircuit');
    await page.waitForFunction(() => (localStorage.getItem('peering-planner.draft.v1') ?? '').includes('DraftCircuit'));
    await page.waitForLoadState('networkidle'); // leave no request (the favicon) half-done
    await page.goto(`${harness.origin}/`);
    await planner.ready();
    assert.equal(await planner.field('/circuit/name').inputValue(), 'DraftCircuit', 'the draft came back');
    await page.waitForLoadState('networkidle');
    await page.goto(`${harness.origin}/?from=link${planFragment(SAMPLE)}`);
    await planner.ready();
    assert.equal(await planner.field('/circuit/name').inputValue(), 'MyCircuit', 'the link wins');
  }));

test('the plan file exports without the key unless asked, and imports', () =>
  visit(harness, assert, `/${planFragment(SAMPLE)}`, async ({ page }) => {
    const planner = await new PlannerPage(page).ready();
    await planner.fill('/peerings/0/sharedKey', 'FileKey1');
    const [download] = await Promise.all([page.waitForEvent('download'), planner.button('Download plan file').click()]);
    const saved = JSON.parse(await streamText(await download.createReadStream()));
    assert.equal(saved.peerings[0].sharedKey, undefined);
    await planner.root.getByLabel('Include the shared key in the plan file').check();
    const [withKey] = await Promise.all([page.waitForEvent('download'), planner.button('Download plan file').click()]);
    assert.equal(JSON.parse(await streamText(await withKey.createReadStream())).peerings[0].sharedKey, 'FileKey1');

    const edited = structuredClone(SAMPLE);
    edited.circuit.name = 'FromFile';
    await planner.root.getByLabel('Open a plan file').setInputFiles({
      name: 'plan.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(edited)),
    });
    await page.waitForFunction(() => document.querySelector('[data-field="/circuit/name"].pp-control')?.value === 'FromFile');
    await planner.root.getByLabel('Open a plan file').setInputFiles({
      name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from('{"version": 7}'),
    });
    await planner.summary.locator('[data-finding-code="plan.unreadable"]').waitFor();
  }));

async function streamText(stream) {
  const chunks = [];
  for await (const chunk of stream) chunks.push(chunk);
  return Buffer.concat(chunks).toString('utf8');
}

test('output tabs follow the ARIA tabs pattern with arrow keys, and every block stays in the DOM', () =>
  visit(harness, assert, `/${planFragment(SAMPLE)}`, async ({ page }) => {
    const planner = await new PlannerPage(page).ready();
    // Grouped by audience: Azure | Router team | IP plan | Clean-up and rollback.
    const azure = planner.tab('Azure');
    assert.equal(await azure.getAttribute('aria-selected'), 'true');
    await azure.focus();
    await page.keyboard.press('ArrowRight');
    assert.equal(await planner.tab('Router team').getAttribute('aria-selected'), 'true');
    assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Router team');
    await page.keyboard.press('End');
    assert.equal(await planner.tab('Clean-up and rollback').getAttribute('aria-selected'), 'true');
    await page.keyboard.press('ArrowRight');
    assert.equal(await azure.getAttribute('aria-selected'), 'true', 'wraps around');
    await page.keyboard.press('ArrowLeft');
    assert.equal(await planner.tab('Clean-up and rollback').getAttribute('aria-selected'), 'true');
    await page.keyboard.press('Home');
    assert.equal(await azure.getAttribute('tabindex'), '0');
    assert.equal(await planner.tab('IP plan').getAttribute('tabindex'), '-1');
    // The Azure group's own tabs: bash, PowerShell, ARM JSON, Terraform.
    const bash = planner.tab('bash');
    assert.equal(await bash.getAttribute('aria-selected'), 'true');
    await bash.focus();
    await page.keyboard.press('ArrowRight');
    assert.equal(await planner.tab('PowerShell').getAttribute('aria-selected'), 'true');
    await page.keyboard.press('End');
    assert.equal(await planner.tab('Terraform').getAttribute('aria-selected'), 'true');
    await page.keyboard.press('ArrowLeft');
    assert.equal(await planner.tab('ARM JSON').getAttribute('aria-selected'), 'true');
    // The router team's vendor tabs.
    await planner.tab('Router team').click();
    await planner.tab('Juniper Junos').click();
    assert.equal(await planner.tab('Juniper Junos').getAttribute('aria-selected'), 'true');
    assert.match(await planner.outputText('router-junos-primary'), /autonomous-system 65010;/);
    for (const id of ['az-bash', 'az-powershell', 'az-bash-cleanup', 'az-powershell-cleanup', 'az-bash-rollback',
      'az-powershell-rollback', 'ip-plan', 'router-handover', 'terraform']) {
      assert.equal(await planner.output(id).count(), 1, `${id} once in the DOM`);
    }
    for (const vendor of ['iosxe', 'junos', 'eos', 'frr']) {
      for (const router of ['primary', 'secondary']) {
        assert.equal(await planner.output(`router-${vendor}-${router}`).count(), 1, `router-${vendor}-${router}`);
      }
    }
    assert.equal(await planner.output('arm-json', 'AzurePrivatePeering').count(), 1);
    assert.equal(await planner.output('arm-rest', 'AzurePrivatePeering').count(), 1);
    assert.equal(await planner.output('arm-rest-powershell', 'AzurePrivatePeering').count(), 1);
    const body = JSON.parse(await planner.outputText('arm-json', 'AzurePrivatePeering'));
    assert.equal(body.properties.vlanId, 200);
    // Hidden panels keep their blocks, and every block follows the plan (built off the input path).
    assert.equal(await planner.root.locator('#pp-panel-azure').getAttribute('hidden'), '', 'a hidden panel keeps its blocks');
    assert.match(await planner.outputText('router-eos-secondary'), /neighbor 192\.168\.100\.134 remote-as 12076/);
    const rows = planner.root.locator('table.pp-table tbody tr');
    assert.equal(await rows.count(), 2);
  }));

test('Download saves a block as a file with exactly its text (a same-origin blob URL)', () =>
  visit(harness, assert, `/${planFragment(SAMPLE)}`, async ({ page }) => {
    const planner = await new PlannerPage(page).ready();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      planner.root.getByRole('button', { name: 'Download peerings.sh' }).click(),
    ]);
    assert.equal(download.suggestedFilename(), 'peerings.sh');
    assert.match(download.url(), new RegExp(`^blob:${harness.origin}/`));
    assert.equal(await streamText(await download.createReadStream()), await planner.outputText('az-bash'));
  }));

test('outputs update as the user types', () =>
  visit(harness, assert, `/${planFragment(SAMPLE)}`, async ({ page }) => {
    const planner = await new PlannerPage(page).ready();
    await planner.field('/peerings/0/vlanId').fill('201');
    assert.match(await planner.outputText('az-bash'), /--vlan-id 201/);
    assert.match(await planner.outputText('ip-plan'), /\s201\s/);
    assert.equal(JSON.parse(await planner.outputText('arm-json', 'AzurePrivatePeering')).properties.vlanId, 201);
  }));

test('Microsoft peering: pasted prefixes split into the list, registry select, retired public peering explained', () =>
  visit(harness, assert, '/', async ({ page }) => {
    const planner = await new PlannerPage(page).ready();
    await planner.fill('/circuit/resourceGroup', 'rg1');
    await planner.fill('/circuit/name', 'ckt1');
    await planner.addPeering('microsoft');
    assert.equal(await planner.button('Add Microsoft peering').isDisabled(), true, 'one peering of each type');
    assert.match(await planner.root.textContent(), /Azure public peering was retired/);
    assert.equal(await planner.root.getByRole('button', { name: /public peering/i }).count(), 0, 'not offered');
    await planner.fill('/peerings/0/peerAsn', '1234');
    await planner.fill('/peerings/0/vlanId', '300');
    await planner.fill('/peerings/0/ipv4/primary', '123.0.0.0/30');
    await planner.fill('/peerings/0/ipv4/secondary', '123.0.0.4/30');
    await planner.fill('/peerings/0/ipv4/advertisedPrefixes', '123.1.0.0/24, 123.2.0.0/24 123.3.0.0/24');
    await planner.field('/peerings/0/ipv4/routingRegistry').selectOption('RIPENCC');
    await planner.fill('/peerings/0/ipv4/routeFilter', 'MyRouteFilter');
    await planner.checkPlan();
    assert.deepEqual(await planner.findingCodes(), []);
    const bash = await planner.outputText('az-bash');
    assert.match(bash, /--advertised-public-prefixes 123\.1\.0\.0\/24 123\.2\.0\.0\/24 123\.3\.0\.0\/24 --routing-registry-name RIPENCC/);
    await planner.button('Remove Microsoft peering').click();
    assert.equal(await planner.field('/peerings/0/peerAsn').count(), 0);
    await page.waitForFunction(() => document.activeElement?.getAttribute('data-section') === '/peerings');
    assert.deepEqual(await planner.findingCodes(), ['required']);
  }));

test('mounted in a host page without data-sync-url, the host address is left alone', () =>
  visit(harness, assert, '/host/embed.html', async ({ page }) => {
    const planner = await new PlannerPage(page).ready();
    const before = page.url();
    await planner.fill('/circuit/name', 'HostCircuit');
    await page.waitForTimeout(600);
    assert.equal(page.url(), before);
  }));

test('mounted in a host element with data-sync-url, the app keeps the host address in step', async () => {
  const { context, page, watch } = await openWatched(harness, '/');
  try {
    await new PlannerPage(page).ready();
    // The test server's host page has no data-sync-url: add it while the page parses, before the app mounts.
    await context.addInitScript(() => {
      new MutationObserver((_, observer) => {
        const host = document.getElementById('peering-planner');
        if (host) {
          host.setAttribute('data-sync-url', '');
          observer.disconnect();
        }
      }).observe(document, { childList: true, subtree: true });
    });
    await page.waitForLoadState('networkidle');
    await page.goto(`${harness.origin}/host/embed.html`);
    const planner = await new PlannerPage(page).ready();
    await planner.fill('/circuit/name', 'SyncedCircuit');
    await planner.waitForAddress('#plan=');
    assert.equal(planFromUrl(page.url()).circuit.name, 'SyncedCircuit');
    assertClean(assert, watch);
  } finally {
    await context.close();
  }
});

test('?embed=1 drops the page chrome; the theme toggle is a pressed button', () =>
  visit(harness, assert, '/?embed=1', async ({ page }) => {
    const planner = await new PlannerPage(page).ready();
    assert.equal(await planner.root.locator('h1').count(), 0);
    assert.equal(await planner.root.getByTestId('intro').count(), 0);
    const toggle = planner.button('Dark theme');
    assert.equal(await toggle.getAttribute('aria-pressed'), 'false');
    await toggle.click();
    assert.equal(await toggle.getAttribute('aria-pressed'), 'true');
    assert.match(await planner.root.getAttribute('class'), /pp-theme-dark/);
  }));

test('a dark system preference starts the dark theme', async () => {
  const { context, page, watch } = await openWatched(harness, '/');
  try {
    const planner = await new PlannerPage(page).ready();
    assert.equal(await planner.button('Dark theme').getAttribute('aria-pressed'), 'false');
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.waitForLoadState('networkidle');
    await page.reload();
    await planner.ready();
    assert.equal(await planner.button('Dark theme').getAttribute('aria-pressed'), 'true');
    assertClean(assert, watch);
  } finally {
    await context.close();
  }
});

test('Start over and Load example can be undone', () =>
  visit(harness, assert, `/${planFragment(SAMPLE)}`, async ({ page }) => {
    const planner = await new PlannerPage(page).ready();
    await planner.button('Start over').click();
    assert.equal(await planner.field('/circuit/name').inputValue(), '');
    await planner.button('Undo').click();
    assert.equal(await planner.field('/circuit/name').inputValue(), 'MyCircuit');
    await planner.fill('/circuit/name', 'Mine');
    await planner.button('Load example').click();
    assert.equal(await planner.field('/circuit/name').inputValue(), 'MyCircuit');
    await planner.button('Undo').click();
    assert.equal(await planner.field('/circuit/name').inputValue(), 'Mine');
    assert.equal(await planner.button('Undo').count(), 0);
  }));

test('no element carries a style attribute', () =>
  visit(harness, assert, `/${planFragment(SAMPLE)}`, async ({ page }) => {
    await new PlannerPage(page).ready();
    assert.equal(await page.locator('[style]').count(), 0);
  }));
