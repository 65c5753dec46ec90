// E2E: route filters the plan creates (README "Route filters"): the switch and its fields, the community
// picker, the findings at the community list, the route filter blocks of the ARM JSON tab (page contract:
// data-output, data-peering, data-family), the az commands in bash and PowerShell, and axe on the form and
// the ARM tab. Every visit also fails on a CSP violation, a console or page error, or a request that leaves
// the origin (harness.mjs).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { after, before, test } from 'node:test';
import { startHarness, visit } from './harness.mjs';
import { PlannerPage, planFragment } from './pages/planner.mjs';

const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'];

let harness;
before(async () => {
  harness = await startHarness();
});
after(async () => {
  await harness?.close();
});

const SUBSCRIPTION = 'aaaa0a0a-bb1b-cc2c-dd3d-eeeeee4e4e4e';

/** A valid Microsoft peering (IPv4) that attaches `routeFilter`, with `rule` as its routeFilterRule. */
function microsoftPlan(rule, { routeFilter = 'ExchangeWestEurope', ipv6 = false } = {}) {
  const family = (primary, secondary, prefix) => ({
    primary, secondary, advertisedPrefixes: [prefix], routingRegistry: 'ARIN', routeFilter,
    ...(rule ? { routeFilterRule: structuredClone(rule) } : {}),
  });
  return {
    version: 1,
    circuit: { subscription: SUBSCRIPTION, resourceGroup: 'ExpressRouteResourceGroup', name: 'MyCircuit' },
    peerings: [
      {
        type: 'MicrosoftPeering', peerAsn: '12345', vlanId: '300',
        ipv4: family('123.0.0.0/30', '123.0.0.4/30', '123.1.0.0/24'),
        ...(ipv6 ? { ipv6: family('2a01:111:f100::/126', '2a01:111:f100::4/126', '2a01:111:f200::/48') } : {}),
      },
    ],
  };
}

const RULE = { location: 'westeurope', communities: ['12076:5060', '12076:51002'] };
const FILTER = '/peerings/0/ipv4/routeFilterRule';

/** The route filter blocks in the DOM: [data-output, data-peering, data-family] of each. */
async function filterBlocks(planner) {
  await planner.outputsSettled();
  return planner.root.locator('[data-output^="arm-route-filter"]').evaluateAll((blocks) =>
    blocks.map((b) => [b.dataset.output, b.dataset.peering, b.dataset.family]));
}

test('a plan that creates a route filter shows its body and az rest blocks in the ARM JSON tab, with data-peering and data-family', () =>
  visit(harness, assert, `/${planFragment(microsoftPlan(RULE))}`, async ({ page }) => {
    const planner = await new PlannerPage(page).ready();
    assert.deepEqual(await filterBlocks(planner), [
      ['arm-route-filter', 'MicrosoftPeering', 'ipv4'],
      ['arm-route-filter-rest', 'MicrosoftPeering', 'ipv4'],
      ['arm-route-filter-rest-powershell', 'MicrosoftPeering', 'ipv4'],
    ]);
    await planner.tab('ARM JSON').click();
    const body = planner.output('arm-route-filter', 'MicrosoftPeering');
    assert.equal(await body.isVisible(), true, 'the user sees the body under ARM JSON');
    const json = JSON.parse(await body.textContent());
    assert.equal(json.location, 'westeurope');
    assert.deepEqual(json.properties.rules, [{
      name: 'allow-communities',
      properties: { access: 'Allow', communities: ['12076:5060', '12076:51002'], routeFilterRuleType: 'Community' },
    }]);
    const rest = await planner.outputText('arm-route-filter-rest', 'MicrosoftPeering');
    assert.match(rest, /az rest/);
    assert.match(rest, new RegExp(`/subscriptions/${SUBSCRIPTION}/resourceGroups/ExpressRouteResourceGroup/providers/Microsoft\\.Network/routeFilters/ExchangeWestEurope\\?api-version=`));
    // The headings of the filter's blocks are unique (the page's ids stay unique).
    const ids = await page.locator('[id]').evaluateAll((els) => els.map((e) => e.id));
    assert.deepEqual(ids.filter((id, i) => ids.indexOf(id) !== i), [], 'no duplicate id on the page');
  }));

test('one filter planned alike for IPv4 and IPv6 is created once: one body, one create, both families attached', () =>
  visit(harness, assert, `/${planFragment(microsoftPlan(RULE, { ipv6: true }))}`, async ({ page }) => {
    const planner = await new PlannerPage(page).ready();
    const blocks = await filterBlocks(planner);
    assert.equal(blocks.filter(([id]) => id === 'arm-route-filter').length, 1, JSON.stringify(blocks));
    const bash = await planner.outputText('az-bash');
    assert.equal(bash.match(/^\s*az network route-filter create /gm)?.length, 1, 'one create');
    const attach = bash.split('\n').find((l) => /az network express-route peering update .*--route-filter ExchangeWestEurope/.test(l));
    assert.ok(attach, 'the IPv4 attach names the filter');
    assert.match(attach, /--set ipv6PeeringConfig\.routeFilter\.id=\/subscriptions\/[^ ]+\/routeFilters\/ExchangeWestEurope/,
      'the IPv6 attach sets the filter\'s ID');
  }));

test('the az scripts create the filter and its rule with one argument per community, in bash and PowerShell', () =>
  visit(harness, assert, `/${planFragment(microsoftPlan(RULE))}`, async ({ page }) => {
    const planner = await new PlannerPage(page).ready();
    const bash = await planner.outputText('az-bash');
    assert.match(bash, /az network route-filter create --subscription \S+ -g ExpressRouteResourceGroup -n ExchangeWestEurope -l westeurope /);
    assert.match(bash, /az network route-filter rule create [^\n]*--filter-name ExchangeWestEurope -n allow-communities -l westeurope --access Allow --communities 12076:5060 12076:51002 /);
    assert.doesNotMatch(bash, /12076:5060,12076:51002/, 'never one comma-joined string');
    assert.match(bash, /list-service-communities/, 'the script says to compare with Microsoft\'s list');
    await planner.tab('PowerShell').click();
    const ps = await planner.outputText('az-powershell');
    assert.match(ps, /az network route-filter create /);
    assert.match(ps, /--access Allow --communities 12076:5060 12076:51002 /);
  }));

test('"Create this route filter" shows the filter\'s fields; the picker adds a community found by name, with Enter or Add community', () =>
  visit(harness, assert, `/${planFragment(microsoftPlan(null, { routeFilter: 'EntraOnly' }))}`, async ({ page }) => {
    const planner = await new PlannerPage(page).ready();
    const create = planner.field(FILTER);
    assert.equal(await create.getAttribute('role'), 'switch');
    assert.equal(await create.isChecked(), false, 'an existing filter is attached by default');
    assert.equal(await planner.field(`${FILTER}/location`).count(), 0, 'no filter fields while it is off');
    assert.doesNotMatch(await planner.outputText('az-bash'), /route-filter create/);
    await planner.setSwitch(FILTER, true);
    await planner.fill(`${FILTER}/location`, 'northeurope');
    const find = planner.root.getByLabel('Find a community (service or region)').first();
    const status = planner.root.locator('.pp-picker .pp-status').first();
    // A name that matches one entry, then Enter (which must not submit the form).
    await find.fill('defender');
    await find.press('Enter');
    await status.filter({ hasText: 'Added 12076:5220 (Microsoft Defender for Identity).' }).waitFor({ timeout: 5_000 });
    assert.equal(await find.inputValue(), '', 'the search box empties after adding');
    // A suggestion as the browser fills it in, then the button.
    await find.fill('12076:51002 West Europe');
    await planner.root.getByRole('button', { name: 'Add community', exact: true }).first().click();
    await status.filter({ hasText: 'Added 12076:51002' }).waitFor({ timeout: 5_000 });
    assert.deepEqual((await planner.field(`${FILTER}/communities`).inputValue()).split('\n'), ['12076:5220', '12076:51002']);
    // Adding one again keeps the list as it is.
    await find.fill('Defender');
    await find.press('Enter');
    await status.filter({ hasText: '12076:5220 (Microsoft Defender for Identity) is in the list already.' }).waitFor({ timeout: 5_000 });
    assert.deepEqual((await planner.field(`${FILTER}/communities`).inputValue()).split('\n'), ['12076:5220', '12076:51002']);
    const bash = await planner.waitForOutput('az-bash', /--communities 12076:5220 12076:51002 /);
    assert.match(bash, /az network route-filter create [^\n]*-n EntraOnly -l northeurope /);
    assert.deepEqual((await filterBlocks(planner)).map(([id]) => id),
      ['arm-route-filter', 'arm-route-filter-rest', 'arm-route-filter-rest-powershell']);
  }));

test('the picker says what to do with a name that matches many entries or none', () =>
  visit(harness, assert, `/${planFragment(microsoftPlan(RULE))}`, async ({ page }) => {
    const planner = await new PlannerPage(page).ready();
    const find = planner.root.getByLabel('Find a community (service or region)').first();
    const status = planner.root.locator('.pp-picker .pp-status').first();
    await find.fill('Europe');
    await find.press('Enter');
    await status.filter({ hasText: /^\d+ communities match "Europe": pick one from the suggestions/ }).waitFor({ timeout: 5_000 });
    await find.fill('Atlantis');
    await find.press('Enter');
    await status.filter({ hasText: '"Atlantis" is not in the catalogue' }).waitFor({ timeout: 5_000 });
    assert.deepEqual((await planner.field(`${FILTER}/communities`).inputValue()).split('\n'), RULE.communities,
      'nothing was added');
    // The suggestions are the catalogue: a datalist tied to the search box.
    const list = await find.getAttribute('list');
    const options = await planner.root.locator(`datalist[id="${list}"] option`).evaluateAll((o) => o.map((x) => x.value));
    assert.ok(options.includes('12076:5010 Exchange Online, needs authorization'), options.slice(0, 5).join(' | '));
    assert.ok(options.some((o) => o.startsWith('12076:51002 ')), 'regional values are suggested');
  }));

/** Community lists and what they raise: [what, communities, code, severity, pointer]. */
const FINDINGS = [
  ['an unknown community', ['12076:52004'], 'community.unknown', 'error', `${FILTER}/communities/0`],
  ['a comma-joined list', ['12076:5010,12076:5020'], 'community.syntax', 'error', `${FILTER}/communities/0`],
  ['a community twice', ['12076:5060', '12076:5060'], 'community.duplicate', 'warning', `${FILTER}/communities/1`],
  ['a community that needs authorization', ['12076:5010'], 'community.authorization', 'info', `${FILTER}/communities/0`],
  ['no community', [], 'route_filter.no_communities', 'warning', `${FILTER}/communities`],
];

for (const [what, communities, code, severity, pointer] of FINDINGS) {
  test(`${what} raises ${code} (${severity}) at the community list`, () =>
    visit(harness, assert, `/${planFragment(microsoftPlan({ location: 'westeurope', communities }))}`, async ({ page }) => {
      const planner = await new PlannerPage(page).ready();
      await planner.checkPlan();
      const item = planner.findingAt(code, pointer);
      await item.waitFor({ timeout: 5_000 });
      assert.equal(await item.getAttribute('data-severity'), severity);
      const messages = planner.fieldMessages(`${FILTER}/communities`);
      assert.equal(await messages.isVisible(), true, 'the message shows under the list');
      const control = planner.field(`${FILTER}/communities`);
      assert.match(await control.getAttribute('aria-describedby'), new RegExp(await messages.getAttribute('id')));
      assert.equal(await control.getAttribute('aria-invalid'), severity === 'error' ? 'true' : null);
      if (severity === 'error') {
        assert.equal(await planner.root.locator('.pp-blocked').isVisible(), true, 'no commands until it is fixed');
      } else {
        assert.match(await planner.outputText('az-bash'), /az network route-filter create /, 'a warning or note blocks nothing');
      }
    }));
}

test('a region written as shown in the portal is an error at the region field', () =>
  visit(harness, assert, `/${planFragment(microsoftPlan(RULE))}`, async ({ page }) => {
    const planner = await new PlannerPage(page).ready();
    await planner.fill(`${FILTER}/location`, 'West Europe');
    await planner.invalidField(`${FILTER}/location`).waitFor({ timeout: 5_000 });
    assert.match(await planner.fieldMessages(`${FILTER}/location`).textContent(), /"West Europe" is not an Azure region's name/);
    await planner.checkPlan();
    await planner.findingAt('route_filter.location', `${FILTER}/location`).waitFor();
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
  test(`axe: the route filter fields, their findings and the ARM JSON tab in the ${theme} theme have no WCAG A/AA violation`, () =>
    visit(harness, assert, `/${planFragment(microsoftPlan({ location: 'westeurope', communities: ['12076:5010', '12076:5060', '12076:5060'] }, { ipv6: true }))}`, async ({ page }) => {
      const planner = await new PlannerPage(page).ready();
      assert.equal(await planner.themeClass(), `pp-theme-${theme}`);
      await planner.checkPlan();
      await planner.findingAt('community.duplicate', `${FILTER}/communities/2`).waitFor();
      await planner.tab('ARM JSON').click();
      await planner.outputsSettled();
      assert.equal(await planner.output('arm-route-filter', 'MicrosoftPeering').isVisible(), true);
      const violations = await axeViolations(page);
      assert.deepEqual(violations, [], JSON.stringify(violations, null, 2));
    }, { colorScheme: theme }));
}
