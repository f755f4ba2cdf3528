import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { bakePng } from '../../../src/core/bake/bake-png-node.ts';
import { bakeSvg } from '../../../src/core/bake/bake-svg.ts';
import { type UnbakeResult, unbake, unbakeAsync } from '../../../src/core/bake/unbake.ts';
import { prng } from '../../support/prng.ts';
import { credentialJson, credentialJws, makePng, sharedDir } from './artwork.ts';

const encode = (text: string) => new TextEncoder().encode(text);
const svg = '<svg xmlns="http://www.w3.org/2000/svg" width="8" height="8"><rect/></svg>';
const sharedFiles = [
  'ob3/examples/validator-1edtech/ob30/simple-json.png',
  'ob3/examples/validator-1edtech/ob30/simple-jwt.svg',
  'ob3/examples/validator-1edtech/ob30/simple-json.svg',
  'ob3/examples/validator-1edtech/ob20/simple-badge.png',
  'real/cognipilot/credentials/maintainer-cognipilot/badge.png',
].map((file) => path.join(sharedDir, file));

const corpus: Uint8Array[] = [
  bakePng(makePng(), credentialJson()),
  bakePng(makePng(9, 9, 2), credentialJws()),
  encode(bakeSvg(svg, { json: credentialJson('Zoë ]]> 🎓') })),
  encode(bakeSvg(svg, { jws: credentialJws() })),
  encode(bakeSvg(svg, { url: 'https://x.example/a', json: '{"a":1}' }, { version: '2.0' })),
  ...sharedFiles
    .filter((file) => existsSync(file))
    .map((file) => new Uint8Array(readFileSync(file))),
];

/**
 * One mutated input: bit flips, truncation, splices of two files, or random bytes.
 */
function mutate(random: () => number): Uint8Array {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const randomBytes = (length: number) =>
    Uint8Array.from({ length }, () => Math.floor(random() * 256));
  const source = pick(corpus);
  const at = (bytes: Uint8Array) => Math.floor(random() * (bytes.length + 1));
  switch (Math.floor(random() * 5)) {
    case 0: {
      const flipped = source.slice();
      const near = random() < 0.5 ? Math.min(flipped.length, 2048) : flipped.length;
      for (let flips = 1 + Math.floor(random() * 8); flips > 0; flips--) {
        const index = Math.floor(random() * near);
        flipped[index] = (flipped[index] ?? 0) ^ (1 << Math.floor(random() * 8));
      }
      return flipped;
    }
    case 1:
      return source.subarray(0, at(source));
    case 2: {
      const other = random() < 0.8 ? pick(corpus) : randomBytes(64);
      const head = source.subarray(0, at(source));
      const tail = other.subarray(at(other));
      const joined = new Uint8Array(head.length + tail.length);
      joined.set(head);
      joined.set(tail, head.length);
      return joined;
    }
    case 3: {
      const patched = source.slice();
      patched.set(randomBytes(Math.min(16, patched.length)), Math.max(0, at(patched) - 16));
      return patched;
    }
    default:
      return randomBytes(Math.floor(random() * 512));
  }
}

function expectResult(result: UnbakeResult, index: number): void {
  if (result.ok) {
    expect(['png', 'svg'], `input ${index}`).toContain(result.format);
    expect(typeof result.text).toBe('string');
    return;
  }
  expect(['not-png-or-svg', 'no-credential', 'multiple-credentials', 'unreadable']).toContain(
    result.code,
  );
  expect(result.message, `input ${index}`).toMatch(/^[A-Z].*\.$/s);
  // The catch-all in unbake would hide a crash in the readers; it must not be what
  // answered.
  expect(result.message, `input ${index}`).not.toMatch(/^The file could not be read:/);
}

describe('unbake never throws', () => {
  it('returns a result for 6,000 mutated inputs (seed 20260101)', () => {
    const random = prng(20260101);
    const outcomes = new Map<string, number>();
    for (let index = 0; index < 6000; index++) {
      const result = unbake(mutate(random));
      expectResult(result, index);
      const key = result.ok ? `ok-${result.format}` : result.code;
      outcomes.set(key, (outcomes.get(key) ?? 0) + 1);
    }
    // The mutations must reach every branch, or the test proves little.
    for (const key of ['ok-png', 'ok-svg', 'not-png-or-svg', 'no-credential', 'unreadable']) {
      expect(outcomes.get(key) ?? 0, key).toBeGreaterThan(20);
    }
  }, 60_000);

  it('unbakeAsync resolves to a result for 500 mutated inputs (seed 7)', async () => {
    const random = prng(7);
    for (let index = 0; index < 500; index++) {
      expectResult(await unbakeAsync(mutate(random)), index);
    }
  }, 60_000);
});
