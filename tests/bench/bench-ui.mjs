// UI benchmark (not a test): first-load bytes, time to the first usable form control, per-keystroke
// latency until every output block is updated, and a paste of 10,000 prefixes. Runs the release bundle
// from dist/ under the strict CSP in headless Chromium (the e2e harness), and prints the figures.
//
//   bash scripts/bench-ui.sh            (builds dist/ first when it is missing)
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { startHarness, openWatched, assertClean } from '../e2e/harness.mjs';
import { planFragment } from '../e2e/pages/planner.mjs';
import assert from 'node:assert/strict';

const DIST = process.env.PLANNER_DIST ?? 'dist';
const KEYSTROKES = Number(process.env.BENCH_KEYSTROKES ?? 250);
const PASTE_COUNT = Number(process.env.BENCH_PASTE ?? 10_000);
const FIRST_LOAD_TARGET = 100 * 1024;

const SAMPLE = {
  version: 1,
  circuit: { subscription: 'aaaa0a0a-bb1b-cc2c-dd3d-eeeeee4e4e4e', resourceGroup: 'ExpressRouteResourceGroup', name: 'MyCircuit' },
  vnetAddressSpaces: ['10.1.0.0/16'],
  peerings: [
    { type: 'AzurePrivatePeering', peerAsn: '65010', vlanId: '200',
      ipv4: { primary: '192.168.100.128/30', secondary: '192.168.100.132/30' },
      ipv6: { primary: 'fd00:10::/126', secondary: 'fd00:10::4/126' } },
    { type: 'MicrosoftPeering', peerAsn: '1234', vlanId: '300',
      ipv4: { primary: '123.0.0.0/30', secondary: '123.0.0.4/30', advertisedPrefixes: ['123.1.0.0/24'], routingRegistry: 'ARIN', routeFilter: 'MyRouteFilter' } },
  ],
};

/** The sample with `n` advertised prefixes on the Microsoft peering's IPv4 family (≤ 200 keeps it valid). */
function withPrefixes(n) {
  const plan = structuredClone(SAMPLE);
  plan.peerings[1].ipv4.advertisedPrefixes = Array.from({ length: n }, (_, i) => `123.${1 + Math.floor(i / 256)}.${i % 256}.0/24`);
  return plan;
}

function percentile(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

const round = (x) => Math.round(x * 100) / 100;

/** Records (in the page) when the first form control appears, enabled, measured from navigation start. */
const FIRST_CONTROL_PROBE = () => {
  const check = () => {
    const el = document.querySelector('.pp-control[data-field="/circuit/resourceGroup"]');
    if (el && !el.disabled && window.__firstControlAt === undefined) {
      window.__firstControlAt = performance.now();
      return true;
    }
    return false;
  };
  new MutationObserver((_, observer) => {
    if (check()) observer.disconnect();
  }).observe(document, { childList: true, subtree: true });
};

/**
 * In the page: for each keystroke, set the VLAN field and fire `input`, then wait (microtask by microtask,
 * then by zero-delay message) until the output the user sees (the bash block, on the open tab) and the IP
 * plan show the new VLAN: the keystroke latency. Then wait until every other block (PowerShell, ARM JSON,
 * router configs: built off the input path) shows it and the output section is no longer busy: the "all
 * blocks" latency.
 */
async function keystrokeLatencies(page, count, field) {
  return page.evaluate(
    async ({ count, field }) => {
      const input = document.querySelector(`.pp-control[data-field="${field}"]`);
      const block = (id) => document.querySelector(`[data-output="${id}"]`);
      const arm = () => document.querySelector('[data-output="arm-json"][data-peering="AzurePrivatePeering"]');
      const outputs = document.querySelector('[data-testid="outputs"]');
      const channel = new MessageChannel();
      const macrotask = () => new Promise((resolve) => { channel.port1.onmessage = resolve; channel.port2.postMessage(0); });
      const visible = [];
      const all = [];
      for (let i = 0; i < count; i += 1) {
        const vlan = String(1000 + i);
        const shown = () =>
          block('az-bash').textContent.includes(`--vlan-id ${vlan}`) &&
          block('ip-plan').textContent.includes(` ${vlan} `);
        const everywhere = () =>
          shown() &&
          block('az-powershell').textContent.includes(`--vlan-id ${vlan}`) &&
          arm().textContent.includes(`"vlanId": ${vlan}`) &&
          block('router-frr-primary').textContent.includes(`.${vlan}`) &&
          outputs.getAttribute('aria-busy') === 'false';
        const start = performance.now();
        input.value = vlan;
        input.dispatchEvent(new Event('input', { bubbles: true }));
        let spins = 0;
        const wait = async (done) => {
          while (!done()) {
            spins += 1;
            if (spins < 50) await Promise.resolve();
            else await macrotask();
            if (performance.now() - start > 5000) throw new Error(`keystroke ${i} never reached every block`);
          }
          return performance.now() - start;
        };
        visible.push(await wait(shown));
        all.push(await wait(everywhere));
      }
      return { visible, all };
    },
    { count, field },
  );
}

async function main() {
  const harness = await startHarness();
  const figures = {};
  try {
    // 1 + 2: first load (bytes of every file the page fetched, gzip -9) and the first usable control.
    {
      const context = await harness.browser.newContext({ viewport: { width: 1100, height: 800 } });
      await context.addInitScript(FIRST_CONTROL_PROBE);
      const page = await context.newPage();
      const fetched = [];
      page.on('requestfinished', (request) => fetched.push(new URL(request.url()).pathname));
      await page.goto(`${harness.origin}/`, { waitUntil: 'load' });
      await page.waitForFunction(() => window.__firstControlAt !== undefined, null, { timeout: 20_000 });
      const firstControl = await page.evaluate(() => window.__firstControlAt);
      await page.waitForLoadState('networkidle');
      const files = [...new Set(fetched)].map((path) => {
        const name = path === '/' ? 'index.html' : path.slice(1);
        const raw = readFileSync(join(DIST, name));
        return { file: name, raw: raw.length, gzip: gzipSync(raw, { level: 9 }).length };
      });
      const gzip = files.reduce((sum, f) => sum + f.gzip, 0);
      figures.firstLoad = { files, rawBytes: files.reduce((s, f) => s + f.raw, 0), gzipBytes: gzip, targetBytes: FIRST_LOAD_TARGET, withinTarget: gzip <= FIRST_LOAD_TARGET };
      figures.firstControlMs = round(firstControl);
      await context.close();
    }

    // 3: per-keystroke latency, on the sample plan and on one with 200 advertised prefixes.
    for (const [label, plan] of [['sample plan', SAMPLE], ['200 prefixes', withPrefixes(200)]]) {
      const { context, page, watch } = await openWatched(harness, `/${planFragment(plan)}`);
      await page.locator('.pp-control[data-field="/peerings/0/vlanId"]').waitFor({ timeout: 20_000 });
      await page.locator('[data-testid="outputs"][aria-busy="false"]').waitFor({ state: 'attached', timeout: 20_000 });
      const { visible: times, all } = await keystrokeLatencies(page, KEYSTROKES, '/peerings/0/vlanId');
      figures[`keystroke (${label})`] = {
        keystrokes: times.length,
        p50Ms: round(percentile(times, 50)),
        p95Ms: round(percentile(times, 95)),
        maxMs: round(Math.max(...times)),
      };
      figures[`all blocks current (${label})`] = {
        keystrokes: all.length,
        p50Ms: round(percentile(all, 50)),
        p95Ms: round(percentile(all, 95)),
        maxMs: round(Math.max(...all)),
      };
      assertClean(assert, watch);
      await context.close();
    }

    // 4: a paste of 10,000 prefixes into the Microsoft peering's prefix list.
    {
      const { context, page, watch } = await openWatched(harness, `/${planFragment(SAMPLE)}`);
      const area = '.pp-control[data-field="/peerings/1/ipv4/advertisedPrefixes"]';
      await page.locator(area).waitFor({ timeout: 20_000 });
      const result = await page.evaluate(
        async ({ area, count }) => {
          const longTasks = [];
          new PerformanceObserver((list) => list.getEntries().forEach((e) => longTasks.push(e.duration))).observe({ type: 'longtask', buffered: false });
          const text = Array.from({ length: count }, (_, i) => `${20 + Math.floor(i / 65536)}.${Math.floor(i / 256) % 256}.${i % 256}.0/24`).join('\n');
          const el = document.querySelector(area);
          const start = performance.now();
          el.value = text;
          el.dispatchEvent(new Event('input', { bubbles: true }));
          const updated = () => (document.querySelector('[data-testid=findings-count]')?.textContent ?? '').includes('error') &&
            document.querySelector('[data-output="az-bash"]').textContent.startsWith('# No commands yet');
          while (!updated()) {
            await new Promise((r) => setTimeout(r, 0));
            if (performance.now() - start > 60_000) throw new Error('the paste never updated the page');
          }
          const updateMs = performance.now() - start;
          // Still answering? A zero-delay timer round trip, then a keystroke elsewhere that must update the outputs.
          const t0 = performance.now();
          await new Promise((r) => setTimeout(r, 0));
          const timerMs = performance.now() - t0;
          const vlan = document.querySelector('.pp-control[data-field="/peerings/0/vlanId"]');
          const t1 = performance.now();
          vlan.value = '1999';
          vlan.dispatchEvent(new Event('input', { bubbles: true }));
          while (!document.querySelector('[data-output="ip-plan"]').textContent.includes(' 1999 ')) {
            await new Promise((r) => setTimeout(r, 0));
            if (performance.now() - t1 > 30_000) throw new Error('after the paste, a keystroke never reached the IP plan');
          }
          const nextKeystrokeMs = performance.now() - t1;
          await new Promise((r) => setTimeout(r, 400));
          return {
            prefixes: count,
            updateMs,
            timerRoundTripMs: timerMs,
            nextKeystrokeMs,
            longestTaskMs: longTasks.length ? Math.max(...longTasks) : 0,
            findings: document.querySelector('[data-testid=findings-count]').textContent,
            listEntries: el.value.split('\n').length,
          };
        },
        { area, count: PASTE_COUNT },
      );
      figures.paste = {
        ...result,
        updateMs: round(result.updateMs),
        timerRoundTripMs: round(result.timerRoundTripMs),
        nextKeystrokeMs: round(result.nextKeystrokeMs),
        longestTaskMs: round(result.longestTaskMs),
      };
      assertClean(assert, watch);
      await context.close();
    }
  } finally {
    await harness.close();
  }

  console.log('UI benchmark (release bundle, headless Chromium, strict CSP)');
  console.log(`first load: ${figures.firstLoad.gzipBytes} bytes gzip -9 (${figures.firstLoad.rawBytes} raw) over ${figures.firstLoad.files.length} files; target ${FIRST_LOAD_TARGET}: ${figures.firstLoad.withinTarget ? 'met' : 'NOT met'}`);
  for (const f of figures.firstLoad.files) console.log(`  ${f.file.padEnd(28)} ${String(f.raw).padStart(8)} raw ${String(f.gzip).padStart(8)} gzip`);
  console.log(`first form control usable: ${figures.firstControlMs} ms after navigation start`);
  for (const [key, value] of Object.entries(figures).filter(([k]) => k.startsWith('keystroke') || k.startsWith('all blocks'))) {
    console.log(`${key}: p50 ${value.p50Ms} ms, p95 ${value.p95Ms} ms, max ${value.maxMs} ms over ${value.keystrokes} keystrokes`);
  }
  const p = figures.paste;
  console.log(`paste of ${p.prefixes} prefixes: page updated in ${p.updateMs} ms (longest task ${p.longestTaskMs} ms); then a timer answered in ${p.timerRoundTripMs} ms and the next keystroke updated the outputs in ${p.nextKeystrokeMs} ms; findings: ${p.findings}`);
  console.log(JSON.stringify(figures));
}

await main();
