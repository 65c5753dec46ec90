// E2E: the release bundle (dist/) as a docs portal hosts it, under the strict CSP, in headless Chromium.
// One behaviour per test; every visit also fails on any CSP violation, console or page error, failed request
// or request to another origin (harness.mjs). Run by scripts/test.sh after `trunk build --release`.
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, statSync } from 'node:fs';
import { after, before, test } from 'node:test';
import { accessibilityViolations, APP_ROOT, APP_TITLE, startHarness, visit } from './harness.mjs';
import { CSP, SUB_PATH } from './server.mjs';

const SCREENSHOT_DIR = process.env.PLANNER_E2E_OUTPUT ?? 'test-results/e2e';

let harness;
before(async () => {
  harness = await startHarness();
});
after(async () => {
  await harness?.close();
});

/** Waits for the app shell inside `scope` (a page or a frame locator) and checks what it shows. */
async function expectShell(scope) {
  const root = scope.locator(APP_ROOT);
  await root.waitFor({ state: 'visible', timeout: 20_000 });
  assert.equal(await root.count(), 1, 'exactly one app root');
  assert.equal(await root.getAttribute('data-app'), 'peering-planner');
  assert.match((await root.getAttribute('class')) ?? '', /\bpeering-planner\b/);
  const heading = root.getByRole('heading', { level: 1 });
  assert.equal((await heading.textContent())?.trim(), APP_TITLE);
}

test('served at the root, the shell renders with its title under the strict CSP', () =>
  visit(harness, assert, '/', async ({ page, response }) => {
    assert.equal(response.headers()['content-security-policy'], CSP, 'the server sends exactly the strict CSP');
    await expectShell(page);
    assert.equal(await page.title(), APP_TITLE);
    assert.equal(await page.locator(`body > ${APP_ROOT}`).count(), 1, 'mounted on body without a host element');
  }));

test('served under a sub-path, every asset loads from that sub-path', () =>
  visit(harness, assert, SUB_PATH, async ({ page, watch }) => {
    await expectShell(page);
    const wasm = watch.requests.filter((url) => new URL(url).pathname.endsWith('.wasm'));
    assert.equal(wasm.length, 1, `one wasm request, saw ${JSON.stringify(wasm)}`);
    assert.ok(new URL(wasm[0]).pathname.startsWith(SUB_PATH), `wasm from ${SUB_PATH}: ${wasm[0]}`);
    const outside = watch.requests.filter((url) => !new URL(url).pathname.startsWith(SUB_PATH));
    assert.deepEqual(outside, [], 'nothing is requested outside the sub-path');
  }));

test('the output generator is fetched on first use, from the page folder with the same version query', () =>
  visit(harness, assert, SUB_PATH, async ({ page, watch }) => {
    await expectShell(page);
    const wasm = () => watch.requests.filter((url) => new URL(url).pathname.endsWith('.wasm'));
    const root = page.locator(APP_ROOT);
    assert.deepEqual(wasm().map((u) => new URL(u).pathname), [`${SUB_PATH}peering-planner_bg.wasm`],
      'an empty plan loads only the form module');
    assert.match(await root.locator('[data-output="az-bash"]').textContent(), /^# Nothing to check yet/);
    assert.match(await root.getByTestId('findings-count').textContent(), /Nothing to check yet/);
    await root.getByRole('button', { name: 'Load example', exact: true }).click();
    const bash = root.locator('[data-output="az-bash"]');
    await page.waitForFunction(() => /peering create/.test(document.querySelector('[data-output="az-bash"]')?.textContent ?? ''));
    // The other blocks follow off the input path; the section is busy until they are all built.
    await root.locator('[data-testid="outputs"][aria-busy="false"]').waitFor({ state: 'attached', timeout: 20_000 });
    assert.match(await root.locator('[data-output="router-frr-primary"]').textContent(), /router bgp 65010/);
    const [main, generator] = wasm().map((u) => new URL(u));
    assert.equal(generator.pathname, `${SUB_PATH}peering-planner-outputs_bg.wasm`, 'the generator, from the sub-path');
    assert.ok(generator.search.startsWith('?v='), `versioned like the app: ${generator}`);
    assert.equal(generator.search, main.search, 'the same release as the form module');
    assert.match(await bash.textContent(), /set -euo pipefail/);
  }));

test('embedded in an iframe of a host page, the shell renders', () =>
  visit(harness, assert, '/host/iframe.html', async ({ page }) => {
    await expectShell(page.frameLocator('iframe'));
    assert.equal(await page.locator(APP_ROOT).count(), 0, 'the app stays inside the iframe');
  }));

test('on a host page with #peering-planner, the app mounts into that element and leaves the page alone', () =>
  visit(harness, assert, '/host/embed.html', async ({ page }) => {
    await expectShell(page);
    assert.equal(await page.locator(`#peering-planner > ${APP_ROOT}`).count(), 1, 'mounted in the host element');
    assert.equal(await page.locator(`body > ${APP_ROOT}`).count(), 0, 'not mounted on body');
    assert.equal(await page.locator('#portal-heading').textContent(), 'Docs portal', 'host content kept');
    assert.equal(await page.title(), 'Docs portal: planner in a host element', 'host title kept');
  }));

test('a screenshot of the shell is a non-empty PNG', () =>
  visit(harness, assert, SUB_PATH, async ({ page }) => {
    await expectShell(page);
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    const path = `${SCREENSHOT_DIR}/shell.png`;
    await page.screenshot({ path, fullPage: true });
    assert.ok(statSync(path).size > 1000, `${path} has content`);
    const signature = readFileSync(path).subarray(0, 8);
    assert.deepEqual([...signature], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'PNG signature');
  }));

for (const colorScheme of ['light', 'dark']) {
  test(`in the ${colorScheme} color scheme, axe finds no accessibility violation in the shell`, () =>
    visit(
      harness,
      assert,
      SUB_PATH,
      async ({ page }) => {
        await expectShell(page);
        assert.deepEqual(await accessibilityViolations(page), [], 'axe-core: WCAG 2 A/AA and best practices');
      },
      { colorScheme },
    ));
}
