// A small static server for the e2e suite: serves the release bundle (dist/) the way a docs portal would,
// under a strict Content-Security-Policy, both at a sub-path and at the root, plus two host pages that embed
// the planner (an iframe, and a `#peering-planner` element with the loader module).
//
//   node tests/e2e/server.mjs [--dist dist] [--port 8081]     (standalone, for poking at it by hand)
//   import { startServer } from './server.mjs'                 (the e2e tests start it on a free port)
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The exact policy the bundle must run under when hosted (see README, Embedding). */
export const CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'";

/** Where the bundle is mounted besides `/`, as on a docs portal. */
export const SUB_PATH = '/docs/planner/';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.txt': 'text/plain; charset=utf-8',
};

// Host pages: no inline script or style, so they obey the same CSP as the bundle.
const HOST_PAGES = {
  '/host/iframe.html': `<!doctype html>
<html lang="en">
  <head><meta charset="utf-8" /><title>Docs portal: planner in an iframe</title></head>
  <body>
    <h1>Docs portal</h1>
    <iframe src="${SUB_PATH}" title="ExpressRoute Peering Planner" width="1000" height="700"></iframe>
  </body>
</html>
`,
  '/host/embed.html': `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <title>Docs portal: planner in a host element</title>
    <link rel="stylesheet" href="${SUB_PATH}tokens.css" />
    <link rel="stylesheet" href="${SUB_PATH}base.css" />
    <link rel="stylesheet" href="${SUB_PATH}components.css" />
    <link rel="icon" href="${SUB_PATH}favicon.svg" />
    <script type="module" src="${SUB_PATH}loader.js"></script>
  </head>
  <body>
    <h1 id="portal-heading">Docs portal</h1>
    <p>Plan your peerings below.</p>
    <div id="peering-planner"></div>
    <footer>Portal footer</footer>
  </body>
</html>
`,
};

function send(res, status, type, body) {
  res.writeHead(status, { 'Content-Type': type, 'Content-Security-Policy': CSP, 'Cache-Control': 'no-store' });
  res.end(body);
}

/** Maps a URL path to a file in dist, or null (also for any path that would escape dist). */
function resolveInDist(dist, urlPath) {
  let rel = urlPath.startsWith(SUB_PATH) ? urlPath.slice(SUB_PATH.length) : urlPath.slice(1);
  if (rel === '' || rel.endsWith('/')) rel += 'index.html';
  const file = normalize(join(dist, rel));
  if (file !== dist && !file.startsWith(dist + sep)) return null;
  if (!existsSync(file) || !statSync(file).isFile()) return null;
  return file;
}

/**
 * Starts the server on 127.0.0.1. Resolves to `{ origin, close() }`.
 * @param {{ dist?: string, port?: number }} options port 0 (default) picks a free port.
 */
export function startServer({ dist = 'dist', port = 0 } = {}) {
  const root = resolve(dist);
  if (!existsSync(join(root, 'index.html'))) {
    throw new Error(`no bundle at ${root}: run \`trunk build --release\` (scripts/build.sh) first`);
  }
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'text/plain', 'method not allowed\n');
    if (url.pathname === SUB_PATH.slice(0, -1)) {
      res.writeHead(301, { Location: SUB_PATH, 'Content-Security-Policy': CSP });
      return res.end();
    }
    const host = HOST_PAGES[url.pathname];
    if (host) return send(res, 200, TYPES['.html'], host);
    const file = resolveInDist(root, decodeURIComponent(url.pathname));
    if (!file) return send(res, 404, 'text/plain; charset=utf-8', 'not found\n');
    res.writeHead(200, {
      'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
      'Content-Security-Policy': CSP,
      'Cache-Control': 'no-store',
    });
    if (req.method === 'HEAD') return res.end();
    createReadStream(file).pipe(res);
  });
  return new Promise((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      const { port: actual } = server.address();
      resolvePromise({
        origin: `http://127.0.0.1:${actual}`,
        close: () => new Promise((done) => server.close(() => done())),
      });
    });
  });
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const arg = (name, fallback) => {
    const i = process.argv.indexOf(name);
    return i >= 0 ? process.argv[i + 1] : fallback;
  };
  const { origin } = await startServer({ dist: arg('--dist', 'dist'), port: Number(arg('--port', '8081')) });
  console.log(`serving ${arg('--dist', 'dist')} at ${origin}/ and ${origin}${SUB_PATH}`);
  console.log(`host pages: ${origin}/host/iframe.html ${origin}/host/embed.html`);
}
