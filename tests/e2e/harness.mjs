// Shared e2e harness: Debian's Chromium through playwright-core (never a browser download), the bundle
// server, and a watched page that records every request, console error, page error and CSP violation.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';
import { startServer } from './server.mjs';

/** Chromium flags this machine kind needs (shared toolchain notes, machine notes). */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

export const APP_TITLE = 'ExpressRoute Peering Planner';
export const APP_ROOT = '[data-app="peering-planner"]';

/** Starts the bundle server and a headless Chromium (a fresh profile per launch). */
export async function startHarness() {
  const server = await startServer({ dist: process.env.PLANNER_DIST ?? 'dist' });
  const browser = await chromium.launch({
    executablePath: process.env.PLANNER_CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_ARGS,
  });
  return {
    origin: server.origin,
    browser,
    async close() {
      await browser.close();
      await server.close();
    },
  };
}

/**
 * Opens `path` in a new context and watches it. `watch` lists every request URL, the ones that left the
 * page's origin, console errors, uncaught page errors, CSP violations (from `securitypolicyviolation`
 * events in every frame) and failed or non-2xx/3xx responses.
 */
export async function openWatched(harness, path, contextOptions = {}) {
  const context = await harness.browser.newContext({ viewport: { width: 1100, height: 800 }, ...contextOptions });
  const watch = {
    requests: [],
    foreignRequests: [],
    consoleErrors: [],
    pageErrors: [],
    cspViolations: [],
    failedRequests: [],
    badResponses: [],
  };
  const origin = new URL(harness.origin).origin;
  context.on('request', (request) => {
    const url = request.url();
    watch.requests.push(url);
    if (!url.startsWith('data:') && !url.startsWith('blob:') && new URL(url).origin !== origin) {
      watch.foreignRequests.push(url);
    }
  });
  context.on('requestfailed', (request) => {
    watch.failedRequests.push(`${request.url()} (${request.failure()?.errorText})`);
  });
  context.on('response', (response) => {
    if (response.status() >= 400) watch.badResponses.push(`${response.status()} ${response.url()}`);
  });
  // Any request to another origin is also stopped, so a regression cannot reach the network from a test.
  await context.route((url) => url.origin !== origin && url.protocol.startsWith('http'), (route) => route.abort());
  await context.exposeBinding('__plannerCspViolation', (_source, violation) => {
    watch.cspViolations.push(violation);
  });
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      window.__plannerCspViolation(
        `${event.violatedDirective} blocked ${event.blockedURI || '(inline)'} in ${event.documentURI}`,
      );
    });
  });
  const page = await context.newPage();
  page.on('console', (message) => {
    if (message.type() === 'error') watch.consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => watch.pageErrors.push(String(error)));
  const response = await page.goto(`${harness.origin}${path}`, { waitUntil: 'load' });
  return { context, page, watch, response };
}

/**
 * Opens `path` watched, runs `body({ page, watch, response })`, then requires the page to have stayed clean
 * (see `assertClean`); the context is closed either way. `contextOptions` go to `browser.newContext`
 * (e.g. `{ colorScheme: 'dark' }`).
 */
export async function visit(harness, assert, path, body, contextOptions = {}) {
  const { context, page, watch, response } = await openWatched(harness, path, contextOptions);
  try {
    await body({ page, watch, response });
    assertClean(assert, watch);
  } finally {
    await context.close();
  }
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/**
 * Runs axe-core (WCAG 2 A and AA rules plus best practices) on the page and returns its violations as
 * `"rule (impact): target, ..."` lines. axe is evaluated through the DevTools protocol, so the page's CSP
 * needs no exception for it.
 */
export async function accessibilityViolations(page) {
  await page.evaluate(axeSource);
  const { violations } = await page.evaluate(() =>
    window.axe.run(document, { runOnly: ['wcag2a', 'wcag2aa', 'best-practice'] }),
  );
  return violations.map(
    (v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
  );
}

/** Fails with everything that went wrong on a watched page. */
export function assertClean(assert, watch) {
  assert.ok(watch.requests.length > 0, 'the request tracker saw the page load');
  assert.deepEqual(watch.foreignRequests, [], 'no request leaves the page origin');
  assert.deepEqual(watch.cspViolations, [], 'no CSP violation');
  assert.deepEqual(watch.consoleErrors, [], 'no console error');
  assert.deepEqual(watch.pageErrors, [], 'no uncaught error');
  assert.deepEqual(watch.failedRequests, [], 'no failed request');
  assert.deepEqual(watch.badResponses, [], 'no 4xx/5xx response');
}
