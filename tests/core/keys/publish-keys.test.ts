import { describe, expect, it } from 'vitest';
import { buildDidDocument } from '../../../src/core/keys/did-document.ts';
import { generateKeySet } from '../../../src/core/keys/generate-key-set.ts';
import { buildJwks, jwkUrl, publicJwkFile } from '../../../src/core/keys/jwks.ts';
import {
  privateKeyRecordSchema,
  publicKeyRecordSchema,
} from '../../../src/core/keys/key-records.ts';
import { rotateKeySet } from '../../../src/core/keys/rotate-key-set.ts';
import { ISSUER_DID, ISSUER_SLUG, KEYS_A, KEYS_B, SITE } from '../../fixtures/keys/test-keys.ts';

describe('buildDidDocument', () => {
  it('lists every key by its full DID URL, controlled by the issuer DID', () => {
    const doc = buildDidDocument(ISSUER_DID, [KEYS_A.rsaPublic, KEYS_A.edPublic]);
    expect(doc).toEqual({
      '@context': [
        'https://www.w3.org/ns/did/v1',
        'https://w3id.org/security/multikey/v1',
        expect.objectContaining({ JsonWebKey: 'https://w3id.org/security#JsonWebKey' }),
      ],
      id: ISSUER_DID,
      verificationMethod: [
        {
          id: `${ISSUER_DID}#ed25519-test-a`,
          type: 'Multikey',
          controller: ISSUER_DID,
          publicKeyMultibase: KEYS_A.edPublic.publicKeyMultibase,
        },
        {
          id: `${ISSUER_DID}#rsa-test-a`,
          type: 'JsonWebKey',
          controller: ISSUER_DID,
          publicKeyJwk: { ...KEYS_A.rsaPublic.publicKeyJwk, alg: 'RS256' },
        },
      ],
      assertionMethod: [`${ISSUER_DID}#ed25519-test-a`, `${ISSUER_DID}#rsa-test-a`],
    });
  });

  it('never copies a private member, even from a tampered record', () => {
    const tampered = {
      ...KEYS_A.rsaPublic,
      publicKeyJwk: { ...KEYS_A.rsa.privateKeyJwk },
    };
    const json = JSON.stringify([
      buildDidDocument(ISSUER_DID, [tampered]),
      buildJwks([tampered]),
      publicJwkFile(tampered),
    ]);
    expect(json).not.toContain(KEYS_A.rsa.privateKeyJwk.d);
    expect(json).not.toContain('"d"');
  });
});

describe('JWK files and the JWKS', () => {
  it('publishes a bare public JWK at the kid URL', () => {
    expect(jwkUrl(SITE, ISSUER_SLUG, 'rsa-test-a')).toBe(
      'https://badges.example.org/guild/issuers/test-club/keys/rsa-test-a.json',
    );
    expect(jwkUrl('https://badges.example.org/guild', ISSUER_SLUG, 'rsa-test-a')).toBe(
      'https://badges.example.org/guild/issuers/test-club/keys/rsa-test-a.json',
    );
    const { n, e } = KEYS_A.rsaPublic.publicKeyJwk;
    expect(publicJwkFile(KEYS_A.rsaPublic)).toEqual({ kty: 'RSA', n, e, alg: 'RS256', use: 'sig' });
  });

  it('lists the RSA keys only, each with its kid when asked', () => {
    const kid = (key: { name: string }) => jwkUrl(SITE, ISSUER_SLUG, key.name);
    const jwks = buildJwks([KEYS_A.edPublic, KEYS_A.rsaPublic], { kid });
    expect(jwks.keys).toEqual([{ ...publicJwkFile(KEYS_A.rsaPublic), kid: kid(KEYS_A.rsaPublic) }]);
  });
});

describe('generateKeySet and rotateKeySet', () => {
  it('makes an active Ed25519 Multikey and RSA-2048 JWK named for the day', async () => {
    const set = await generateKeySet(ISSUER_SLUG, '2026-12-03');
    expect(set.publicKeys.map((key) => [key.name, key.status, key.created])).toEqual([
      ['ed25519-2026-12-03', 'active', '2026-12-03'],
      ['rsa-2026-12-03', 'active', '2026-12-03'],
    ]);
    for (const key of set.publicKeys) expect(publicKeyRecordSchema.parse(key)).toEqual(key);
    for (const key of set.privateKeys) expect(privateKeyRecordSchema.parse(key)).toEqual(key);
    const [, rsa] = set.privateKeys;
    expect(Buffer.from(rsa.privateKeyJwk.n, 'base64url').length * 8).toBe(2048);
  });

  it('retires the active keys and keeps them in the DID document and the JWKS', async () => {
    const before = [KEYS_A.edPublic, KEYS_A.rsaPublic];
    const rotated = await rotateKeySet(ISSUER_SLUG, before, '2026-12-03');
    expect(rotated.retired.map((key) => [key.name, key.status, key.retired])).toEqual([
      ['ed25519-test-a', 'retired', '2026-12-03'],
      ['rsa-test-a', 'retired', '2026-12-03'],
    ]);
    const active = rotated.publicKeys.filter((key) => key.status === 'active');
    expect(active.map((key) => key.name)).toEqual(['ed25519-2026-12-03', 'rsa-2026-12-03']);

    const doc = buildDidDocument(ISSUER_DID, rotated.publicKeys);
    expect(doc.assertionMethod).toEqual([
      `${ISSUER_DID}#ed25519-2026-12-03`,
      `${ISSUER_DID}#rsa-2026-12-03`,
      `${ISSUER_DID}#ed25519-test-a`,
      `${ISSUER_DID}#rsa-test-a`,
    ]);
    expect(buildJwks(rotated.publicKeys).keys.map((key) => key.n)).toEqual([
      rotated.keySet.publicKeys[1].publicKeyJwk.n,
      KEYS_A.rsaPublic.publicKeyJwk.n,
    ]);

    const twice = await rotateKeySet(ISSUER_SLUG, rotated.publicKeys, '2026-12-03');
    expect(twice.keySet.publicKeys.map((key) => key.name)).toEqual([
      'ed25519-2026-12-03-2',
      'rsa-2026-12-03-2',
    ]);
    expect(twice.publicKeys.filter((key) => key.status === 'retired')).toHaveLength(4);
  });

  it('orders published keys the same way whatever order they were read in', () => {
    const keys = [KEYS_B.rsaPublic, KEYS_A.edPublic, KEYS_B.edPublic, KEYS_A.rsaPublic];
    expect(buildDidDocument(ISSUER_DID, keys)).toEqual(
      buildDidDocument(ISSUER_DID, [...keys].reverse()),
    );
  });
});
