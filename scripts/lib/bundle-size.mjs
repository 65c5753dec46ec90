// Bundle size table: raw, `gzip -9 -n` (the gzip program) and brotli (node's zlib, quality 11, the usual
// static-hosting setting) per file and in total.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { brotliCompressSync, constants } from 'node:zlib';

const root = process.argv[2] ?? 'dist';

function* files(dir) {
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* files(path);
    else yield path;
  }
}

const rows = [];
for (const path of files(root)) {
  const bytes = readFileSync(path);
  rows.push({
    file: relative(root, path),
    raw: bytes.length,
    gzip: execFileSync('gzip', ['-9', '-n', '-c', path], { maxBuffer: 1 << 30 }).length,
    brotli: brotliCompressSync(bytes, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: 11,
        [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
      },
    }).length,
  });
}
const total = rows.reduce(
  (sum, r) => ({ file: 'TOTAL', raw: sum.raw + r.raw, gzip: sum.gzip + r.gzip, brotli: sum.brotli + r.brotli }),
  { file: 'TOTAL', raw: 0, gzip: 0, brotli: 0 },
);
const width = Math.max(5, ...rows.map((r) => r.file.length));
const line = (r) =>
  `${r.file.padEnd(width)}  ${String(r.raw).padStart(10)}  ${String(r.gzip).padStart(10)}  ${String(r.brotli).padStart(10)}`;
console.log(`bundle size of ${root} (bytes)`);
console.log(line({ file: 'file', raw: 'raw', gzip: 'gzip -9', brotli: 'brotli' }));
rows.forEach((r) => console.log(line(r)));
console.log(line(total));
