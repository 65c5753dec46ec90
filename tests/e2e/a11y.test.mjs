// Accessibility: axe-core (WCAG 2.0-2.2 A/AA rules) on the empty and the filled page, light and dark,
// under the same strict CSP as production (axe's source is evaluated through the DevTools protocol,
// which the page's CSP does not govern, so no policy is relaxed); a whole plan completed with the
// keyboard alone; screenshots of the light, dark, 360 px and print views for review.
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { after, before, test } from 'node:test';
import { startHarness, visit } from './harness.mjs';
import { PlannerPage, planFragment } from './pages/planner.mjs';

const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const SCREENSHOT_DIR = process.env.PLANNER_E2E_OUTPUT ?? 'test-results/e2e';
const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'];

let harness;
before(async () => {
  harness = await startHarness();
});
after(async () => {
  await harness?.close();
});

/** A filled plan with an error and a warning showing (so their styles are checked too). */
const FILLED = {
  version: 1,
  circuit: { subscription: '', resourceGroup: 'ExpressRouteResourceGroup', name: 'MyCircuit' },
  vnetAddressSpaces: ['10.1.0.0/16'],
  peerings: [
    { type: 'AzurePrivatePeering', peerAsn: '65010', vlanId: '200',
      ipv4: { primary: '192.168.100.129/30', secondary: '192.168.100.132/30' },
      ipv6: { primary: 'fd00:10::/126', secondary: 'fd00:10::4/126' } },
    { type: 'MicrosoftPeering', peerAsn: '1234', vlanId: '300',
      ipv4: { primary: '123.0.0.0/30', secondary: '123.0.0.4/30', advertisedPrefixes: ['123.1.0.0/24'], routeFilter: 'MyRouteFilter' } },
  ],
};

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

for (const [name, path] of [['empty', '/'], ['filled', `/${planFragment(FILLED)}`]]) {
  for (const theme of ['light', 'dark']) {
    test(`axe: the ${name} page in the ${theme} theme has no WCAG A/AA violation`, () =>
      visit(harness, assert, path, async ({ page }) => {
        const planner = await new PlannerPage(page).ready();
        if (theme === 'dark') await planner.button('Dark theme').click();
        if (name === 'filled') await planner.summary.locator('[data-finding-code]').first().waitFor();
        const violations = await axeViolations(page);
        assert.deepEqual(violations, [], JSON.stringify(violations, null, 2));
      }));
  }
}

/** Presses Tab until the focused element matches, as a keyboard user moves through the page. */
async function tabTo(page, describe, max = 150) {
  for (let i = 0; i < max; i += 1) {
    await page.keyboard.press('Tab');
    const hit = await page.evaluate(([kind, value]) => {
      const el = document.activeElement;
      if (!el) return false;
      if (kind === 'field') return el.getAttribute('data-field') === value && el.classList.contains('pp-control');
      return el.tagName === 'BUTTON' && el.textContent.trim() === value;
    }, describe);
    if (hit) return;
  }
  throw new Error(`Tab never reached ${describe.join(' ')}`);
}

test('a whole plan is completed with the keyboard alone', () =>
  visit(harness, assert, '/', async ({ page }) => {
    const planner = await new PlannerPage(page).ready();
    const type = async (pointer, text) => {
      await tabTo(page, ['field', pointer]);
      await page.keyboard.type(text);
    };
    await type('/circuit/resourceGroup', 'ExpressRouteResourceGroup');
    await type('/circuit/name', 'MyCircuit');
    await tabTo(page, ['button', 'Add private peering']);
    await page.keyboard.press('Enter');
    // The new peering takes the focus on its first field.
    await page.waitForFunction(() => document.activeElement?.getAttribute('data-field') === '/peerings/0/peerAsn');
    await page.keyboard.type('65010');
    await type('/peerings/0/vlanId', '200');
    await type('/peerings/0/ipv4/primary', '192.168.100.128/29');
    await tabTo(page, ['button', 'Split into 192.168.100.128/30 and 192.168.100.132/30']);
    await page.keyboard.press('Enter');
    // The fix button goes away with the finding; the focus returns to the field it fixed.
    await page.waitForFunction(() => document.activeElement?.getAttribute('data-field') === '/peerings/0/ipv4/primary');
    await tabTo(page, ['field', '/peerings/0/ipv6']);
    await page.keyboard.press('Space');
    await type('/peerings/0/ipv6/primary', 'fd00:10::/126');
    await type('/peerings/0/ipv6/secondary', 'fd00:10::4/126');
    await tabTo(page, ['button', 'Check plan']);
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.activeElement?.id === 'pp-findings');
    assert.deepEqual(await planner.findingCodes(), ['cli.ipv6_update_drops_ipv4']);
    assert.match(await planner.outputText('az-bash'), /peering create/);
    assert.match(await planner.outputText('ip-plan'), /192\.168\.100\.133 +192\.168\.100\.134/);
  }));

test('screenshots: light, dark, 360 px and print', () =>
  visit(harness, assert, `/${planFragment(FILLED)}`, async ({ page }) => {
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    const planner = await new PlannerPage(page).ready();
    await page.screenshot({ path: `${SCREENSHOT_DIR}/planner-light.png`, fullPage: true });
    await planner.button('Dark theme').click();
    await page.screenshot({ path: `${SCREENSHOT_DIR}/planner-dark.png`, fullPage: true });
    await planner.button('Dark theme').click();
    await page.setViewportSize({ width: 360, height: 740 });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `no horizontal scroll at 360 px (overflow ${overflow}px)`);
    await page.screenshot({ path: `${SCREENSHOT_DIR}/planner-360.png`, fullPage: true });
    await page.setViewportSize({ width: 900, height: 800 });
    const valid = structuredClone(FILLED);
    valid.peerings[0].ipv4.primary = '192.168.100.128/30';
    await page.waitForLoadState('networkidle');
    await page.goto(`${harness.origin}/?print${planFragment(valid)}`);
    await planner.ready();
    await page.emulateMedia({ media: 'print' });
    await page.screenshot({ path: `${SCREENSHOT_DIR}/planner-print.png`, fullPage: true });
    assert.equal(await planner.root.locator('form').isVisible(), false, 'no form chrome in print');
    assert.match(await planner.root.getByTestId('handover-title').textContent(), /circuit MyCircuit in resource group ExpressRouteResourceGroup/);
    assert.equal(await planner.root.getByTestId('handover-title').isVisible(), true);
    assert.equal(await planner.root.locator('table.pp-table').isVisible(), true, 'the IP plan table prints');
    assert.equal(await planner.output('az-powershell').isVisible(), true, 'hidden tabs print too');
  }));
