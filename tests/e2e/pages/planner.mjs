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

  // Output groups, router settings, layout and theme (routers.test.mjs).

  /** A tab list by its accessible name, e.g. "Outputs by audience", "Router vendor". */
  tablist(name) {
    return this.root.getByRole('tablist', { name, exact: true });
  }

  /** The names of a tab list's tabs, in order. */
  async tabNames(listName) {
    return this.tablist(listName).getByRole('tab').evaluateAll((tabs) => tabs.map((t) => t.textContent.trim()));
  }

  /** The tab `name` once it is the selected one (wait for it with `.waitFor()`). */
  selectedTab(name) {
    return this.tab(name).and(this.root.locator('[aria-selected="true"]'));
  }

  /** The control at `pointer` once it is marked invalid (wait for it with `.waitFor()`). */
  invalidField(pointer) {
    return this.field(pointer).and(this.root.locator('[aria-invalid="true"]'));
  }

  /** The panel a tab controls (found through its aria-controls, as assistive technology does). */
  async panelOf(tabName) {
    const id = await this.tab(tabName).getAttribute('aria-controls');
    return this.root.locator(`[role="tabpanel"][id="${id}"]`);
  }

  /** The output section. */
  get outputs() {
    return this.root.getByTestId('outputs');
  }

  /** The plan form. */
  get form() {
    return this.root.locator('form.pp-form');
  }

  get findingsCount() {
    return this.root.getByTestId('findings-count');
  }

  /** The findings summary item with `code` at `pointer`. */
  findingAt(code, pointer) {
    return this.summary.locator(`[data-finding-code="${code}"][data-field="${pointer}"]`);
  }

  /** The messages shown under the field at `pointer` (its findings, in the field). */
  fieldMessages(pointer) {
    // `has` is matched inside each candidate, so the inner locator must not start from the root.
    const control = this.page.locator(`.pp-control[data-field="${pointer}"]`);
    return this.root.locator('.pp-field', { has: control }).locator('.pp-messages');
  }

  /** Picks an option of a select field and leaves it. */
  async select(pointer, value) {
    const control = this.field(pointer);
    await control.selectOption(value);
    await control.blur();
  }

  /** Turns a switch (e.g. `/routers/bfd`) on or off. */
  async setSwitch(pointer, on) {
    await this.field(pointer).setChecked(on);
  }

  /** The "Put the shared key into the outputs" option. */
  get inlineKeyOption() {
    return this.root.getByLabel('Put the shared key into the outputs', { exact: true });
  }

  /**
   * Waits until block `id` is settled and its text satisfies `predicate` (a RegExp to match, or a
   * function of the text), and returns the text. Outputs follow typing a moment later, so a test waits
   * for the state it expects instead of reading once.
   */
  async waitForOutput(id, predicate, { peering, timeout = 10_000 } = {}) {
    const test = typeof predicate === 'function' ? predicate : (text) => predicate.test(text);
    const deadline = Date.now() + timeout;
    let text = '';
    for (;;) {
      text = await this.outputText(id, peering);
      if (test(text)) return text;
      if (Date.now() > deadline) {
        throw new Error(`block ${id} never reached the expected state (${predicate}); its text:\n${text}`);
      }
      await this.page.waitForTimeout(50);
    }
  }

  /** The output block's box (heading, Copy, Download and text) for block `id`. */
  outputBox(id) {
    return this.root.locator('.pp-output', { has: this.page.locator(`[data-output="${id}"]`) });
  }

  /** Presses Download on block `id`; returns the file's suggested name, its URL and its text. */
  async downloadOutput(id) {
    const [download] = await Promise.all([
      this.page.waitForEvent('download'),
      this.outputBox(id).getByRole('button', { name: /^Download/ }).click(),
    ]);
    const chunks = [];
    for await (const chunk of await download.createReadStream()) chunks.push(chunk);
    return { filename: download.suggestedFilename(), url: download.url(), text: Buffer.concat(chunks).toString('utf8') };
  }

  /** Presses Copy on block `id` and returns the clipboard's text once the status says it was copied. */
  async copyOutput(id) {
    const sentinel = `(clipboard before copying ${id})`;
    await this.page.evaluate((text) => navigator.clipboard.writeText(text), sentinel);
    await this.root.locator(`button[data-copy="${id}"]`).click();
    await this.page.waitForFunction(
      async (before) => /^Copied/.test(document.querySelector('[data-testid=copy-status]')?.textContent ?? '')
        && (await navigator.clipboard.readText()) !== before,
      sentinel,
    );
    return this.page.evaluate(() => navigator.clipboard.readText());
  }

  /** The theme classes on the app root ("pp-theme-light" / "pp-theme-dark"). */
  async themeClass() {
    const classes = (await this.root.getAttribute('class')) ?? '';
    return classes.split(/\s+/).filter((c) => c.startsWith('pp-theme-')).join(' ');
  }

  get themeToggle() {
    return this.button('Dark theme');
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
