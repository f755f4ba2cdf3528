import { readFileSync } from 'node:fs';
import path from 'node:path';
import { verifyCredential as dccVerify } from '@digitalcredentials/verifier-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { setBitIndices } from '../../src/core/status/bitstring.ts';
import { decodeStatusList } from '../../src/core/status/encoded-list.ts';
import { readJson } from '../support/built-site.ts';
import { siteFetch } from '../support/site-fetch.ts';

const { out, site } = inject('revocationSite');
const AWARDS = { '2026/ash': 0, '2026/birch': 7, '2026/cedar': 8, '2026/dogwood': 131071 };
const REVOKED = ['2026/birch', '2026/dogwood'];

describe('a revoked award', () => {
  it('sets exactly its bit in the signed status list, at the index the record gives it', async () => {
    const list = readJson(out, 'status/lantern-club/revocation-1.json') as Record<string, any>;
    expect(list.type).toEqual(['VerifiableCredential', 'BitstringStatusListCredential']);
    expect(list.proof[0]).toMatchObject({ cryptosuite: 'eddsa-rdfc-2022' });
    const bits = await decodeStatusList(list.credentialSubject.encodedList);
    expect(bits.length * 8).toBe(131_072);
    expect(setBitIndices(bits)).toEqual([7, 131071]);
  });

  it("keeps each credential's index as recorded, decoding back to the right award", async () => {
    const list = readJson(out, 'status/lantern-club/revocation-1.json') as Record<string, any>;
    const bits = await decodeStatusList(list.credentialSubject.encodedList);
    for (const [id, index] of Object.entries(AWARDS)) {
      const credential = readJson(out, `credentials/${id}.json`) as Record<string, any>;
      expect(credential.credentialStatus).toEqual({
        id: `${site}status/lantern-club/revocation-1.json#${index}`,
        type: 'BitstringStatusListEntry',
        statusPurpose: 'revocation',
        statusListIndex: String(index),
        statusListCredential: `${site}status/lantern-club/revocation-1.json`,
      });
      const set = setBitIndices(bits).includes(Number(credential.credentialStatus.statusListIndex));
      expect(set, id).toBe(REVOKED.includes(id));
    }
  });

  it('keeps its URLs: the JSON is still published and its page says revoked, with the reason', () => {
    const html = readFileSync(path.join(out, 'credentials/2026/birch/index.html'), 'utf8');
    expect(html).toContain('Revoked on 2026-05-02: Awarded by mistake to the wrong member.');
    expect(readJson(out, 'credentials/2026/birch.json').id).toBe(
      `${site}credentials/2026/birch.json`,
    );
    const kept = readFileSync(path.join(out, 'credentials/2026/ash/index.html'), 'utf8');
    expect(kept).not.toContain('Revoked');
  });
});

describe('the DCC verifier-core', () => {
  const realFetch = globalThis.fetch;
  beforeAll(() => {
    globalThis.fetch = siteFetch(out, site);
  });
  afterAll(() => {
    globalThis.fetch = realFetch;
  });

  it('reports the revoked awards revoked and the others not', async () => {
    for (const id of Object.keys(AWARDS)) {
      const credential = readJson(out, `credentials/${id}.json`);
      const result = (await dccVerify({
        credential: credential as never,
        knownDIDRegistries: [],
      })) as {
        log: { id: string; valid: boolean }[];
      };
      const log = Object.fromEntries(result.log.map((entry) => [entry.id, entry.valid]));
      expect(log.valid_signature, id).toBe(true);
      expect(log.revocation_status, id).toBe(!REVOKED.includes(id));
    }
  });
});
