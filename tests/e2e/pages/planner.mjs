// Page object for the planner: finds controls by their plan pointer (data-field), by role and label, and
// output blocks by data-output. Tests say what the user does; this file knows where things are.
import { APP_ROOT } from '../harness.mjs';

/** base64url without padding, as `#plan=` carries a plan. */
export function planFragment(plan) {
  return `#plan=${Buffer.from(JSON.stringify(plan), 'utf8').toString('base64url')}`;
}

/** Decodes the plan of a URL's `#plan=` fragment (null when there is none). */
export function planFromUrl(url) {
  const hash = new URL(url).hash;
  const match = /plan=([^&]*)/.exec(hash);
  return match ? JSON.parse(Buffer.from(match[1], 'base64url').toString('utf8')) : null;
}

export class PlannerPage {
  constructor(page) {
    this.page = page;
    this.root = page.locator(APP_ROOT);
  }

  /** Waits until the form is usable. */
  async ready() {
    await this.field('/circuit/name').waitFor({ state: 'visible', timeout: 20_000 });
    return this;
  }

  /** The control that edits the plan value at `pointer`. */
  field(pointer) {
    return this.root.locator(`.pp-control[data-field="${pointer}"]`);
  }

  /** Types a value and leaves the field, as a user does. */
  async fill(pointer, value) {
    const control = this.field(pointer);
    await control.fill(value);
    await control.blur();
  }

  button(name) {
    return this.root.getByRole('button', { name, exact: true });
  }

  async addPeering(kind) {
    await this.button(kind === 'microsoft' ? 'Add Microsoft peering' : 'Add private peering').click();
  }

  /** Turns an address family of peering `index` on or off. */
  async setFamily(index, family, on) {
    await this.field(`/peerings/${index}/${family}`).setChecked(on);
  }

  async checkPlan() {
    await this.button('Check plan').click();
  }

  get summary() {
    return this.root.locator('#pp-findings');
  }

  findings() {
    return this.summary.locator('[data-finding-code]');
  }

  async findingCodes() {
    return this.findings().evaluateAll((items) => items.map((i) => i.getAttribute('data-finding-code')));
  }

  output(id, peering) {
    const selector = peering ? `[data-output="${id}"][data-peering="${peering}"]` : `[data-output="${id}"]`;
    return this.root.locator(selector);
  }

  /** Waits until the output section is not busy (a valid plan waits for the generator module). */
  async outputsSettled() {
    await this.root.locator('[data-testid="outputs"][aria-busy="false"]').waitFor({ state: 'attached', timeout: 20_000 });
  }

  async outputText(id, peering) {
    await this.outputsSettled();
    return (await this.output(id, peering).textContent()) ?? '';
  }

  tab(name) {
    return this.root.getByRole('tab', { name, exact: true });
  }

  get copyStatus() {
    return this.root.getByTestId('copy-status');
  }

  get shareStatus() {
    return this.root.getByTestId('share-status');
  }

  // Change mode ("Start from a live circuit").

  /** The disclosure that holds the live-JSON import. */
  get changeSection() {
    return this.root.getByTestId('change-section');
  }

  /** Opens "Start from a live circuit" (a no-op when it is open). */
  async openChangeSection() {
    const section = this.changeSection;
    if (!(await section.evaluate((d) => d.open))) await section.locator('summary').click();
    await this.liveJson.waitFor({ state: 'visible' });
  }

  /** The textarea for the JSON of `az network express-route peering show` / `az network express-route show`. */
  get liveJson() {
    return this.root.getByLabel('JSON of the live peering or circuit');
  }

  /** Pastes live JSON (an object is stringified as az prints it) and presses Import. */
  async importLive(json) {
    await this.openChangeSection();
    await this.liveJson.fill(typeof json === 'string' ? json : JSON.stringify(json, null, 2));
    await this.button('Import').click();
  }

  get importNotes() {
    return this.root.getByTestId('import-notes');
  }

  get importError() {
    return this.root.getByTestId('import-error');
  }

  get changeBanner() {
    return this.root.getByTestId('change-banner');
  }

  /** Waits until the address fragment starts with `prefix` (it is written after a short pause in typing). */
  async waitForAddress(prefix) {
    await this.page.waitForFunction((p) => location.hash.startsWith(p), prefix, { timeout: 5_000 });
  }
}

/** Fills a valid private dual-stack peering on a fresh page (the journeys' common start). */
export async function fillPrivateDualStack(planner) {
  await planner.fill('/circuit/resourceGroup', 'ExpressRouteResourceGroup');
  await planner.fill('/circuit/name', 'MyCircuit');
  await planner.addPeering('private');
  await planner.fill('/peerings/0/peerAsn', '65010');
  await planner.fill('/peerings/0/vlanId', '200');
  await planner.fill('/peerings/0/ipv4/primary', '192.168.100.128/29');
  await planner.root.getByRole('button', { name: /^Split into/ }).click();
  await planner.setFamily(0, 'ipv6', true);
  await planner.fill('/peerings/0/ipv6/primary', 'fd00:10::/126');
  await planner.fill('/peerings/0/ipv6/secondary', 'fd00:10::4/126');
}
