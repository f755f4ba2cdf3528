/**
 * Every kind of broken input gets a "not verified" answer with a sentence saying why, and never
 * an exception: the verifier reads files from strangers.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { VerificationResult } from '../../../src/core/verify/types.ts';
import { verifyBadge } from '../../../src/core/verify/verify-badge.ts';
import { SHARED } from '../../support/paths.ts';
import { makeBadges } from './badges.ts';
import { optionsFor, world } from './world.ts';

function random(length: number, seed: number): Uint8Array {
  const bytes = new Uint8Array(length);
  let state = seed;
  for (let at = 0; at < length; at++) {
    state = (state * 1103515245 + 12345) >>> 0;
    bytes[at] = state >>> 24;
  }
  return bytes;
}

function expectClearRefusal(result: VerificationResult, pattern?: RegExp): void {
  expect(result.verdict).not.toBe('verified');
  expect(result.reason).toMatch(/\S.*[.!?]$/);
  expect(result.steps).toHaveLength(10);
  if (pattern) expect(result.reason).toMatch(pattern);
}

const badges = await makeBadges();
const documents = await world();
const encode = (text: string) => new TextEncoder().encode(text);
const { proof: _, ...unsigned } = badges.credential;
const deep = `${'['.repeat(50_000)}${']'.repeat(50_000)}`;
const cyclic: Record<string, unknown> = { ...badges.credential };
cyclic.self = cyclic;

const CASES: [string, unknown, RegExp?][] = [
  ['nothing at all', undefined, /nothing to verify/],
  ['null', null, /nothing to verify/],
  ['a number', 42, /nothing to verify/],
  ['an array', [badges.credential], /nothing to verify/],
  ['an empty file', new Uint8Array(0), /empty/],
  ['empty text', '', /not a credential/],
  ['whitespace', ' \n\t ', /not a credential/],
  ['random bytes', random(4096, 7), /not a PNG or SVG badge/],
  ['a 20 MB file', random(20 * 1024 * 1024, 11), /at most 16 MiB/],
  ['a truncated PNG', badges.png.slice(0, Math.floor(badges.png.length / 2))],
  ['a PNG signature alone', badges.png.slice(0, 8)],
  ['a PNG without a credential', badges.png.slice(0, 33)],
  [
    'an SVG with an empty credential element',
    encode(
      '<svg xmlns="http://www.w3.org/2000/svg" xmlns:openbadges="https://purl.imsglobal.org/ob/v3p0"><openbadges:credential></openbadges:credential></svg>',
    ),
  ],
  ['an SVG that is not XML', encode('<svg><g></svg>')],
  ['JSON without a proof', unsigned, /no proof/],
  ['JSON text that is cut off', badges.json.slice(0, 200), /not valid JSON/],
  ['JSON nested 50,000 deep', deep],
  ['a credential that contains itself', cyclic],
  [
    'a JWT with two segments',
    badges.jwt.split('.').slice(0, 2).join('.'),
    /looks like a JWT but has 2 parts/,
  ],
  [
    'a JWT whose payload is not JSON',
    `${badges.jwt.split('.')[0]}.bm90IGpzb24.${badges.jwt.split('.')[2]}`,
    /payload/,
  ],
  ['a JWT with an empty signature', `${badges.jwt.split('.').slice(0, 2).join('.')}.`],
  ['a proof that is a string', { ...badges.credential, proof: 'signed, honest' }, /no proof/],
  ['proofs that are null', { ...badges.credential, proof: [null, null] }, /no proof/],
  [
    'a verificationMethod that is an object',
    {
      ...badges.credential,
      proof: [{ ...(badges.credential.proof as object[])[0], verificationMethod: { id: 1 } }],
    },
  ],
  ['an issuer that is a number', { ...badges.credential, issuer: 7 }],
  [
    'a credentialSubject list of junk',
    { ...badges.credential, credentialSubject: [1, 'two', null] },
  ],
  ['a credentialStatus of junk', { ...badges.credential, credentialStatus: 'revoked?' }],
  ['markup pasted as text', '<p>badge</p>', /markup/],
  ['a URL that cannot be fetched', 'https://nowhere.example/badge.json', /could not be fetched/],
  [
    'an Open Badges 2.0 assertion',
    {
      '@context': 'https://w3id.org/openbadges/v2',
      type: 'Assertion',
      id: 'https://example.org/a',
    },
    /Open Badges 2\.0 assertion; this verifier checks Open Badges 3\.0/,
  ],
];

describe('malformed input', () => {
  for (const [title, input, pattern] of CASES) {
    it(`gives a clear reason for ${title}`, async () => {
      const result = await verifyBadge(input, optionsFor(documents));
      expectClearRefusal(result, pattern);
    });
  }

  const ob2Png = path.join(SHARED, 'ob3/examples/validator-1edtech/ob20/simple-badge.png');
  it.skipIf(!existsSync(ob2Png))('recognises a baked Open Badges 2.0 PNG', async () => {
    const result = await verifyBadge(new Uint8Array(readFileSync(ob2Png)), optionsFor(documents));
    expectClearRefusal(result, /Open Badges 2\.0/);
  });
});
