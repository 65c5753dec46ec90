// E2E: the Terraform output (README "Terraform"; page contract: data-output="terraform", one complete .tf
// file, what Copy copies). Its text on the page equals the golden file the emitter tests review, the
// shared key reaches it only when the user ticks "Put the shared key into the outputs", a change-mode plan
// gets import blocks with the real peering IDs, and axe finds nothing on the tab, light and dark. Every
// visit also fails on a CSP violation, a console or page error, or a request that leaves the origin
// (harness.mjs).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { after, before, test } from 'node:test';
import { startHarness, visit } from './harness.mjs';
import { PlannerPage, planFragment } from './pages/planner.mjs';

const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'];
const GOLDEN = new URL('../golden/', import.meta.url);

let harness;
before(async () => {
  harness = await startHarness();
});
after(async () => {
  await harness?.close();
});

const golden = (path) => readFileSync(new URL(path, GOLDEN), 'utf8');

async function openTerraform(planner) {
  await planner.tab('Azure').click();
  await planner.tab('Terraform').click();
  assert.equal(await planner.tab('Terraform').getAttribute('aria-selected'), 'true');
}

for (const name of ['microsoft-filter-create', 'private-dual', 'microsoft-ipv6-only']) {
  test(`the terraform block of ${name} is exactly the reviewed golden main.tf, and Copy copies it`, () =>
    visit(harness, assert, `/${planFragment(JSON.parse(golden(`plans/${name}.json`)))}`, async ({ page }) => {
      await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: harness.origin });
      const planner = await new PlannerPage(page).ready();
      await openTerraform(planner);
      assert.equal(await planner.output('terraform').count(), 1, 'one terraform block');
      const text = await planner.outputText('terraform');
      assert.equal(text, golden(`${name}/main.tf`));
      assert.equal(await planner.copyOutput('terraform'), text, 'Copy copies exactly the text');
    }));
}

test('the shared key reaches the Terraform only with "Put the shared key into the outputs"', () =>
  visit(harness, assert, `/${planFragment(JSON.parse(golden('plans/private-dual.json')))}`, async ({ page }) => {
    const planner = await new PlannerPage(page).ready();
    await planner.fill('/peerings/0/sharedKey', 'Abc123xyz');
    await openTerraform(planner);
    let text = await planner.outputText('terraform');
    assert.match(text, /shared_key\s+= var\.er_shared_key_private\n/);
    assert.match(text, /variable "er_shared_key_private" \{\n[^}]*sensitive\s+= true/);
    assert.doesNotMatch(text, /Abc123xyz/);
    await planner.inlineKeyOption.check();
    await page.waitForFunction(() =>
      document.querySelector('[data-output="terraform"]')?.textContent.includes('Abc123xyz'));
    text = await planner.outputText('terraform');
    assert.match(text, /default\s+= "Abc123xyz"\n/);
    assert.equal(text.split('Abc123xyz').length - 1, 1, 'the key once, as the variable default');
  }));

test('a plan with errors gets a terraform block that says what to fix first', () => {
  const plan = JSON.parse(golden('plans/private-dual.json'));
  plan.peerings[0].vlanId = '5000';
  return visit(harness, assert, `/${planFragment(plan)}`, async ({ page }) => {
    const planner = await new PlannerPage(page).ready();
    await openTerraform(planner);
    const text = await planner.outputText('terraform');
    assert.match(text, /^# No commands yet: the plan has 1 error/);
    assert.doesNotMatch(text, /resource "/);
  });
});

test('a circuit imported in change mode gets import blocks with the real peering IDs and a required key variable', () =>
  visit(harness, assert, '/', async ({ page }) => {
    const planner = await new PlannerPage(page).ready();
    await planner.importLive(golden('change/change-private-vlan/live.json'));
    await openTerraform(planner);
    const text = await planner.outputText('terraform');
    const imports = [...text.matchAll(/import \{\n\s+to = ([^\n]+)\n\s+id = "([^"]+)"\n\}/g)].map((m) => [m[1], m[2]]);
    assert.ok(imports.length >= 1, text);
    for (const [to, id] of imports) {
      const type = to === 'azurerm_express_route_circuit_peering.private' ? 'AzurePrivatePeering' : 'MicrosoftPeering';
      assert.match(id, new RegExp(`^/subscriptions/[^/]+/resourceGroups/[^/]+/providers/Microsoft\\.Network/expressRouteCircuits/[^/]+/peerings/${type}$`));
    }
    // The live key cannot be read back: the user must say what it is ("" for none).
    assert.match(text, /shared_key\s+= var\.er_shared_key_private != "" \? var\.er_shared_key_private : null/);
    assert.doesNotMatch(text, /variable "er_shared_key_private" \{[^}]*default/);
  }));

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
  test(`axe: the Terraform tab in the ${theme} theme has no WCAG A/AA violation`, () =>
    visit(harness, assert, `/${planFragment(JSON.parse(golden('plans/microsoft-filter-create.json')))}`, async ({ page }) => {
      const planner = await new PlannerPage(page).ready();
      assert.equal(await planner.themeClass(), `pp-theme-${theme}`);
      await openTerraform(planner);
      await planner.outputsSettled();
      assert.equal(await planner.output('terraform').isVisible(), true);
      const violations = await axeViolations(page);
      assert.deepEqual(violations, [], JSON.stringify(violations, null, 2));
    }, { colorScheme: theme }));
}
