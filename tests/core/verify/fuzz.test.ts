/**
 * Mutation fuzzing with a seeded PRNG: thousands of damaged badges (flipped, inserted, deleted,
 * duplicated and truncated bytes of JSON, JWT, PNG and SVG) must each get an answer, never an
 * exception, and a mutation may verify only when the credential it carries is unchanged.
 */
import { describe, expect, it } from 'vitest';
import type { VerifyOptions } from '../../../src/core/verify/types.ts';
import { verifyBadge } from '../../../src/core/verify/verify-badge.ts';
import { prng } from '../../support/prng.ts';
import { makeBadges } from './badges.ts';
import { NOW, optionsFor, world } from './world.ts';

function mutate(source: Uint8Array, next: () => number): Uint8Array {
  const at = Math.floor(next() * source.length);
  const span = 1 + Math.floor(next() * 16);
  const byte = Math.floor(next() * 256);
  switch (Math.floor(next() * 6)) {
    case 0: {
      const copy = source.slice();
      copy[at] = (copy[at] ?? 0) ^ (1 << Math.floor(next() * 8));
      return copy;
    }
    case 1:
      return concat(source.subarray(0, at), Uint8Array.of(byte), source.subarray(at));
    case 2:
      return concat(source.subarray(0, at), source.subarray(at + span));
    case 3:
      return concat(source.subarray(0, at + span), source.subarray(at));
    case 4:
      return source.slice(0, at);
    default: {
      // A structural byte of JSON, XML or base64url in a random place.
      const copy = source.slice();
      copy[at] = '{}[]":,<>/.-_=\\'.charCodeAt(Math.floor(next() * 15));
      return copy;
    }
  }
}

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

const VERDICTS = ['verified', 'revoked', 'expired', 'not-yet-valid', 'invalid', 'unverifiable'];
const badges = await makeBadges();
const encode = (text: string) => new TextEncoder().encode(text);
const seeds: Record<string, Uint8Array> = {
  json: encode(badges.json),
  jwt: encode(badges.jwt),
  png: badges.png,
  pngJwt: badges.pngJwt,
  svg: badges.svg,
  svgJwt: badges.svgJwt,
};
const original = JSON.stringify(badges.credential);

describe('fuzzing the verifier', () => {
  it('answers 5,000 mutated badges without throwing (nothing fetched)', async () => {
    const next = prng(20_260_301);
    // Nothing can be fetched, so no mutation can verify; each still needs a reason.
    const options: VerifyOptions = {
      now: NOW,
      fetchJson: async (url) => Promise.reject(new Error(`offline: ${url}`)),
    };
    const kinds = Object.values(seeds);
    const seen = new Set<string>();
    for (let round = 0; round < 5000; round++) {
      let input = kinds[round % kinds.length] as Uint8Array;
      for (let times = 1 + Math.floor(next() * 3); times > 0; times--) input = mutate(input, next);
      const result = await verifyBadge(input, options);
      expect(VERDICTS).toContain(result.verdict);
      expect(result.verdict).not.toBe('verified');
      expect(result.reason.length).toBeGreaterThan(0);
      expect(result.steps).toHaveLength(10);
      seen.add(result.verdict);
    }
    expect(seen).toContain('invalid');
  }, 120_000);

  it('never verifies a mutated badge whose credential changed (signatures checked)', async () => {
    const next = prng(7);
    const { validateSchema: _, ...options } = optionsFor(await world());
    for (let round = 0; round < 300; round++) {
      const kinds = Object.values(seeds);
      const input = mutate(kinds[round % kinds.length] as Uint8Array, next);
      const result = await verifyBadge(input, options);
      if (result.verdict === 'verified') {
        expect(JSON.stringify(result.credential)).toBe(original);
      }
    }
  }, 120_000);
});
