// Change mode journeys: a live peering or circuit pasted as az prints it (`-o json`) becomes the plan's
// baseline; the outputs are then the minimal updates for what the user edits, and the ARM bodies keep the
// peering's Global Reach connections. Release bundle, strict CSP, real Chromium (harness.mjs).
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { after, before, test } from 'node:test';
import { accessibilityViolations, startHarness, visit } from './harness.mjs';
import { PlannerPage, planFromUrl } from './pages/planner.mjs';

const SCREENSHOT_DIR = process.env.PLANNER_E2E_OUTPUT ?? 'test-results/e2e';
const SUB = 'aaaa0a0a-bb1b-cc2c-dd3d-eeeeee4e4e4e';
const CIRCUIT_ID = `/subscriptions/${SUB}/resourceGroups/ExpressRouteResourceGroup/providers/Microsoft.Network/expressRouteCircuits/MyCircuit`;

/** `az network express-route peering show ... -n AzurePrivatePeering -o json` of a live private peering. */
const PRIVATE_PEERING_SHOW = {
  azureASN: 12076,
  connections: [],
  etag: 'W/"7"',
  gatewayManagerEtag: '',
  id: `${CIRCUIT_ID}/peerings/AzurePrivatePeering`,
  lastModifiedBy: 'Customer',
  name: 'AzurePrivatePeering',
  peerASN: 65010,
  peeredConnections: [],
  peeringType: 'AzurePrivatePeering',
  primaryAzurePort: 'EQ-AMS-06GMR-CIS-1-PRI-A',
  primaryPeerAddressPrefix: '192.168.100.128/30',
  provisioningState: 'Succeeded',
  resourceGroup: 'ExpressRouteResourceGroup',
  secondaryAzurePort: 'EQ-AMS-06GMR-CIS-2-SEC-A',
  secondaryPeerAddressPrefix: '192.168.100.132/30',
  state: 'Enabled',
  type: 'Microsoft.Network/expressRouteCircuits/peerings',
  vlanId: 200,
};

/** `az network express-route show -o json` of a circuit whose Microsoft peering has a Global Reach connection. */
const CIRCUIT_SHOW = {
  allowClassicOperations: false,
  circuitProvisioningState: 'Enabled',
  etag: 'W/"3"',
  id: CIRCUIT_ID,
  location: 'westeurope',
  name: 'MyCircuit',
  peerings: [
    {
      azureASN: 12076,
      connections: [
        {
          addressPrefix: '10.255.0.0/29',
          circuitConnectionStatus: 'Connected',
          etag: 'W/"3"',
          expressRouteCircuitPeering: { id: `${CIRCUIT_ID}/peerings/MicrosoftPeering`, resourceGroup: 'ExpressRouteResourceGroup' },
          id: `${CIRCUIT_ID}/peerings/MicrosoftPeering/connections/gr-to-dublin`,
          name: 'gr-to-dublin',
          peerExpressRouteCircuitPeering: {
            id: '/subscriptions/bbbb1b1b-cc2c-dd3d-ee4e-ffffff5f5f5f/resourceGroups/DublinRG/providers/Microsoft.Network/expressRouteCircuits/DublinCircuit/peerings/MicrosoftPeering',
            resourceGroup: 'DublinRG',
          },
          provisioningState: 'Succeeded',
          resourceGroup: 'ExpressRouteResourceGroup',
          type: 'Microsoft.Network/expressRouteCircuits/peerings/connections',
        },
      ],
      etag: 'W/"3"',
      id: `${CIRCUIT_ID}/peerings/MicrosoftPeering`,
      ipv6PeeringConfig: null,
      microsoftPeeringConfig: {
        advertisedCommunities: [],
        advertisedPublicPrefixes: ['123.1.0.0/24'],
        advertisedPublicPrefixesState: 'Configured',
        customerASN: 31337,
        legacyMode: 0,
        routingRegistryName: 'RIPENCC',
      },
      name: 'MicrosoftPeering',
      peerASN: 12345,
      peeringType: 'MicrosoftPeering',
      primaryPeerAddressPrefix: '123.0.0.0/30',
      provisioningState: 'Succeeded',
      routeFilter: { id: `/subscriptions/${SUB}/resourceGroups/ExpressRouteResourceGroup/providers/Microsoft.Network/routeFilters/MyRouteFilter` },
      secondaryPeerAddressPrefix: '123.0.0.4/30',
      state: 'Enabled',
      type: 'Microsoft.Network/expressRouteCircuits/peerings',
      vlanId: 300,
    },
  ],
  provisioningState: 'Succeeded',
  resourceGroup: 'ExpressRouteResourceGroup',
  serviceProviderProvisioningState: 'Provisioned',
  type: 'Microsoft.Network/expressRouteCircuits',
};

let harness;
before(async () => {
  harness = await startHarness();
});
after(async () => {
  await harness?.close();
});

/** The `az ... peering update` lines of a script (comments excluded). */
function updateLines(script) {
  return script.split('\n').filter((l) => !l.trim().startsWith('#') && /peering update/.test(l));
}

test('a live private peering: change the VLAN to 300, get exactly one update that resets BGP', () =>
  visit(harness, assert, '/', async ({ page }) => {
    const planner = await new PlannerPage(page).ready();
    await planner.importLive(PRIVATE_PEERING_SHOW);
    await planner.changeBanner.waitFor();
    assert.match(await planner.changeBanner.textContent(), /AzurePrivatePeering/);
    assert.equal(await planner.liveJson.getAttribute('aria-invalid'), null);
    assert.equal(await planner.field('/peerings/0/vlanId').inputValue(), '200');
    assert.equal(await planner.field('/circuit/name').inputValue(), 'MyCircuit');
    assert.match(await planner.root.locator('#pp-outputs-title').textContent(), /Changes to the live circuit/);

    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    await page.screenshot({ path: `${SCREENSHOT_DIR}/change-imported.png`, fullPage: true });

    await planner.fill('/peerings/0/vlanId', '300');
    await page.waitForFunction(() =>
      /--vlan-id 300/.test(document.querySelector('[data-output="az-bash"]')?.textContent ?? ''),
    );
    const bash = await planner.outputText('az-bash');
    const updates = updateLines(bash);
    assert.equal(updates.length, 1, bash);
    assert.match(updates[0], /az network express-route peering update .* -n AzurePrivatePeering .*--vlan-id 300/);
    assert.doesNotMatch(updates[0], /--shared-key/, 'an empty key means unchanged');
    assert.doesNotMatch(bash, /peering (create|delete)/, 'change mode: the main block neither creates nor deletes');
    const rollback = await planner.outputText('az-bash-rollback');
    assert.match(rollback, /az network express-route peering update .* -n AzurePrivatePeering .*--vlan-id 200/,
      'the rollback block puts the imported VLAN back');
    assert.match(await planner.outputText('az-powershell-rollback'), /--vlan-id 200/);

    const codes = await planner.findingCodes();
    assert.ok(codes.includes('change.resets_bgp'), `change.resets_bgp listed: ${codes}`);
    const resets = planner.summary.locator('[data-finding-code="change.resets_bgp"]');
    assert.equal(await resets.getAttribute('data-severity'), 'warning');
    assert.equal(await resets.getAttribute('data-field'), '/peerings/0/vlanId');

    const ps = await planner.outputText('az-powershell');
    const psUpdates = updateLines(ps);
    assert.equal(psUpdates.length, 1, ps);
    assert.match(psUpdates[0], /az network express-route peering update .* -n AzurePrivatePeering .*--vlan-id 300/);
    assert.doesNotMatch(ps, /peering (create|delete)/);

    // The baseline travels in the share link (never a key).
    await page.waitForFunction(() => {
      const m = /plan=([^&]*)/.exec(location.hash);
      if (!m) return false;
      try {
        return JSON.parse(atob(m[1].replace(/-/g, '+').replace(/_/g, '/'))).peerings?.[0]?.vlanId === '300';
      } catch {
        return false;
      }
    });
    const linked = planFromUrl(page.url());
    assert.equal(linked.baseline?.peerings?.[0]?.type, 'AzurePrivatePeering');
    assert.equal(linked.peerings[0].vlanId, '300');

    await planner.button('Leave change mode').click();
    await planner.changeBanner.waitFor({ state: 'detached' });
    await page.waitForFunction(() => /peering create/.test(document.querySelector('[data-output="az-bash"]')?.textContent ?? ''));
  }));

test('a circuit show with Global Reach: the ARM body keeps connections; a dropped peering is a warning', () =>
  visit(harness, assert, '/', async ({ page }) => {
    const planner = await new PlannerPage(page).ready();
    await planner.importLive(CIRCUIT_SHOW);
    await planner.changeBanner.waitFor();
    assert.match(await planner.changeBanner.textContent(), /MicrosoftPeering/);
    await planner.tab('ARM JSON').click();
    const body = JSON.parse(await planner.outputText('arm-json', 'MicrosoftPeering'));
    const connections = body.properties.connections;
    assert.ok(Array.isArray(connections) && connections.length === 1, JSON.stringify(body));
    assert.equal(connections[0].name, 'gr-to-dublin');
    assert.match(connections[0].properties.peerExpressRouteCircuitPeering.id, /DublinCircuit/);
    assert.equal(updateLines(await planner.outputText('az-bash')).length, 0, 'nothing changed: no update');

    // Dropping the live peering from the plan is a warning listed in the summary.
    await planner.button('Remove Microsoft peering').click();
    await planner.summary.locator('[data-finding-code="change.peering_dropped"]').waitFor();
    const dropped = planner.summary.locator('[data-finding-code="change.peering_dropped"]');
    assert.equal(await dropped.getAttribute('data-severity'), 'warning');
  }));

test('garbage shows the error at the textarea; axe finds no violation with the change section open', () =>
  visit(harness, assert, '/', async ({ page }) => {
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    const planner = await new PlannerPage(page).ready();
    await planner.openChangeSection();
    assert.deepEqual(await accessibilityViolations(page), [], 'the open change section');
    await planner.importLive('Name       ResourceGroup\n---------  -------------\nMyCircuit  ExpressRouteResourceGroup');
    await planner.importError.waitFor();
    assert.match(await planner.importError.textContent(), /not JSON/);
    assert.equal(await planner.liveJson.getAttribute('aria-invalid'), 'true');
    const describedBy = (await planner.liveJson.getAttribute('aria-describedby')).split(' ');
    assert.ok(describedBy.includes('pp-live-json-error'), describedBy.join(' '));
    assert.equal(await planner.changeBanner.count(), 0, 'nothing else changes');
    assert.equal(await planner.field('/circuit/name').inputValue(), '');
    assert.deepEqual(await accessibilityViolations(page), [], 'the section with its error');
    await page.screenshot({ path: `${SCREENSHOT_DIR}/change-error.png`, fullPage: true });

    await planner.importLive(PRIVATE_PEERING_SHOW);
    await planner.changeBanner.waitFor();
    assert.match(await planner.importNotes.textContent(), /Imported 1 live peering/);
    assert.deepEqual(await accessibilityViolations(page), [], 'change mode with the banner and notes');
    await planner.changeSection.screenshot({ path: `${SCREENSHOT_DIR}/change-section.png` });
  }));
