/**
 * Bake throughput, against a plain file copy of the same bytes as the floor. Not a
 * test: run it with `node bench/bake.ts` and compare the MB/s columns.
 */
import {
  copyFileSync,
  existsSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PNG } from 'pngjs';
import { bakePng } from '../src/core/bake/bake-png-node.ts';
import { bakeSvg } from '../src/core/bake/bake-svg.ts';
import { checkPngArtwork } from '../src/core/bake/check-png-artwork-node.ts';
import { unbake } from '../src/core/bake/unbake.ts';

const MB = 1024 * 1024;
const shared = path.resolve(import.meta.dirname, '..', '..', 'shared');
const credential = JSON.stringify({
  '@context': ['https://www.w3.org/ns/credentials/v2'],
  type: ['VerifiableCredential', 'OpenBadgeCredential'],
  credentialSubject: { name: 'Bench Example', note: 'x'.repeat(1500) },
});

/** Noisy RGBA pixels compress badly, giving a PNG of several megabytes. */
function noisyPng(side: number): Uint8Array {
  const png = new PNG({ width: side, height: side });
  let seed = 1;
  for (let index = 0; index < png.data.length; index++) {
    seed = (seed * 1103515245 + 12345) >>> 0;
    png.data[index] = seed >>> 24;
  }
  return new Uint8Array(PNG.sync.write(png));
}

function manyShapesSvg(shapes: number): string {
  const colour = (n: number) => ((n * 4099) % 0x1000000).toString(16).padStart(6, '0');
  const body = Array.from(
    { length: shapes },
    (_, n) => `  <path d="M${n % 97} ${n % 89} l3 4 l-2 1 z" fill="#${colour(n)}"/>`,
  );
  const root = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100">';
  return `<?xml version="1.0" encoding="UTF-8"?>\n${root}\n${body.join('\n')}\n</svg>\n`;
}

/** Runs `work` for about `seconds` and returns MB/s over `bytes` per run. */
function throughput(bytes: number, work: () => void, seconds = 1): number {
  work();
  let runs = 0;
  const started = performance.now();
  while (performance.now() - started < seconds * 1000) {
    work();
    runs++;
  }
  return (bytes * runs) / MB / ((performance.now() - started) / 1000);
}

const folder = mkdtempSync(path.join(tmpdir(), 'laurel-bench-'));
function copyThroughput(bytes: Uint8Array | string): number {
  const source = path.join(folder, 'source');
  writeFileSync(source, bytes);
  const size = typeof bytes === 'string' ? Buffer.byteLength(bytes) : bytes.length;
  return throughput(size, () => copyFileSync(source, path.join(folder, 'copy')));
}

const rows: [string, string, string][] = [];
const add = (name: string, size: number, mbPerSecond: number) =>
  rows.push([name, `${(size / 1024).toFixed(0)} KB`, mbPerSecond.toFixed(1)]);

const pngs: [string, Uint8Array][] = [['noisy 1024x1024 PNG', noisyPng(1024)]];
const svgs: [string, string][] = [['SVG, 5000 paths', manyShapesSvg(5000)]];
const real = path.join(shared, 'real/cognipilot/credentials/maintainer-cognipilot');
if (existsSync(real)) {
  pngs.push(['CogniPilot badge.png', new Uint8Array(readFileSync(path.join(real, 'badge.png')))]);
  svgs.push(['CogniPilot badge.svg', readFileSync(path.join(real, 'badge.svg'), 'utf8')]);
}

for (const [name, png] of pngs) {
  add(
    `${name}: bakePng`,
    png.length,
    throughput(png.length, () => bakePng(png, credential)),
  );
  const check = () => checkPngArtwork(png, name);
  add(`${name}: checkPngArtwork`, png.length, throughput(png.length, check));
  const baked = bakePng(png, credential);
  add(
    `${name}: unbake`,
    baked.length,
    throughput(baked.length, () => unbake(baked)),
  );
  add(`${name}: fs.copyFileSync`, png.length, copyThroughput(png));
}
for (const [name, svg] of svgs) {
  const size = Buffer.byteLength(svg);
  add(
    `${name}: bakeSvg`,
    size,
    throughput(size, () => bakeSvg(svg, { json: credential })),
  );
  const baked = new TextEncoder().encode(bakeSvg(svg, { json: credential }));
  add(
    `${name}: unbake`,
    baked.length,
    throughput(baked.length, () => unbake(baked)),
  );
  add(`${name}: fs.copyFileSync`, size, copyThroughput(svg));
}
rmSync(folder, { recursive: true, force: true });

const width = Math.max(...rows.map(([name]) => name.length));
console.log(`${'what'.padEnd(width)}  ${'size'.padStart(9)}  ${'MB/s'.padStart(8)}`);
for (const [name, size, speed] of rows) {
  console.log(`${name.padEnd(width)}  ${size.padStart(9)}  ${speed.padStart(8)}`);
}
