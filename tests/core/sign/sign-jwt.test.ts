import { CompactSign, decodeProtectedHeader, importJWK, type JWK } from 'jose';
import { describe, expect, it } from 'vitest';
import type { SignedCredential } from '../../../src/core/credential/types.ts';
import { verificationMethodId } from '../../../src/core/keys/did-document.ts';
import { jwkUrl, publicJwkFile } from '../../../src/core/keys/jwks.ts';
import { signDataIntegrity } from '../../../src/core/sign/sign-data-integrity.ts';
import { signVcJwt, verifyVcJwt } from '../../../src/core/sign/sign-jwt.ts';
import {
  ISSUER_DID,
  ISSUER_SLUG,
  KEYS_A,
  KEYS_B,
  SITE,
  sampleCredential,
} from '../../fixtures/keys/test-keys.ts';

const KID = jwkUrl(SITE, ISSUER_SLUG, KEYS_A.rsa.name);
const published = new Map<string, JWK>([[KID, { ...publicJwkFile(KEYS_A.rsaPublic) }]]);
const resolveKey = async (kid: string | undefined) => (kid ? published.get(kid) : undefined);

async function signedCredential(): Promise<SignedCredential> {
  return signDataIntegrity(sampleCredential(), KEYS_A.ed25519, {
    created: '2026-03-01T00:00:00Z',
    verificationMethod: verificationMethodId(ISSUER_DID, KEYS_A.ed25519.name),
  });
}

function payloadOf(jws: string): Record<string, unknown> {
  const [, payload = ''] = jws.split('.');
  return JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
}

/** Re-signs a payload as-is with test key `a`, to test the claim checks on their own. */
async function forge(payload: object, header: Record<string, unknown> = {}): Promise<string> {
  const key = await importJWK(KEYS_A.rsa.privateKeyJwk, 'RS256');
  return new CompactSign(new TextEncoder().encode(JSON.stringify(payload)))
    .setProtectedHeader({ alg: 'RS256', kid: KID, typ: 'JWT', ...header })
    .sign(key);
}

describe('signVcJwt', () => {
  it('uses exactly the header {alg, kid, typ}', async () => {
    const jws = await signVcJwt(await signedCredential(), KEYS_A.rsa.privateKeyJwk, { kid: KID });
    expect(decodeProtectedHeader(jws)).toEqual({ alg: 'RS256', kid: KID, typ: 'JWT' });
    expect(Buffer.from(jws.split('.')[0] ?? '', 'base64url').toString()).toBe(
      JSON.stringify({ alg: 'RS256', kid: KID, typ: 'JWT' }),
    );
  });

  it('carries the signed credential, with its proof, plus iss, sub, jti, nbf and exp', async () => {
    const signed = await signedCredential();
    const payload = payloadOf(await signVcJwt(signed, KEYS_A.rsa.privateKeyJwk, { kid: KID }));
    expect(payload).toEqual({
      ...signed,
      iss: ISSUER_DID,
      sub: 'https://example.org/people/ada',
      jti: signed.id,
      nbf: Date.parse('2026-03-01T00:00:00Z') / 1000,
      exp: Date.parse('2028-03-01T00:00:00Z') / 1000,
    });
    expect(payload).not.toHaveProperty('iat');
    expect(payload).not.toHaveProperty('vc');
  });

  it('leaves out sub and exp when the credential has no subject id or validUntil', async () => {
    const signed = await signedCredential();
    delete signed.credentialSubject.id;
    delete signed.validUntil;
    const payload = payloadOf(await signVcJwt(signed, KEYS_A.rsa.privateKeyJwk, { kid: KID }));
    expect(payload).not.toHaveProperty('sub');
    expect(payload).not.toHaveProperty('exp');
  });

  it('gives byte-identical tokens for the same credential and key', async () => {
    const first = await signVcJwt(await signedCredential(), KEYS_A.rsa.privateKeyJwk, { kid: KID });
    const jwk = structuredClone(KEYS_A.rsa.privateKeyJwk);
    const second = await signVcJwt(await signedCredential(), jwk, { kid: KID });
    expect(second).toBe(first);
  });

  it('accepts an imported CryptoKey as well as a JWK', async () => {
    const key = await importJWK(KEYS_A.rsa.privateKeyJwk, 'RS256');
    const signed = await signedCredential();
    expect(await signVcJwt(signed, key, { kid: KID })).toBe(
      await signVcJwt(signed, KEYS_A.rsa.privateKeyJwk, { kid: KID }),
    );
  });

  it('refuses a key that cannot sign RS256 with ERR_SIGN', async () => {
    const ed = { kty: 'OKP', crv: 'Ed25519', x: 'AAAA', d: 'AAAA' } as JWK;
    await expect(signVcJwt(await signedCredential(), ed, { kid: KID })).rejects.toMatchObject({
      code: 'ERR_SIGN',
    });
  });
});

describe('verifyVcJwt', () => {
  it('verifies what signVcJwt signed and returns the credential', async () => {
    const signed = await signedCredential();
    const jws = await signVcJwt(signed, KEYS_A.rsa.privateKeyJwk, { kid: KID });
    const result = await verifyVcJwt(jws, { resolveKey });
    expect(result.errors).toEqual([]);
    expect(result.verified).toBe(true);
    expect(result.credential).toMatchObject(signed);
  });

  const changes: Record<string, (payload: Record<string, unknown>) => void> = {
    name: (p) => {
      p.name = 'Hero';
    },
    validFrom: (p) => {
      p.validFrom = '2026-03-02T00:00:00Z';
    },
    'credentialSubject.id': (p) => {
      (p.credentialSubject as { id: string }).id = 'https://example.org/people/eve';
    },
    'achievement name': (p) => {
      (p.credentialSubject as { achievement: { name: string } }).achievement.name = 'Hero';
    },
    'issuer name': (p) => {
      (p.issuer as { name: string }).name = 'Other Club';
    },
  };
  for (const [field, change] of Object.entries(changes)) {
    it(`fails when ${field} changes in the payload`, async () => {
      const jws = await signVcJwt(await signedCredential(), KEYS_A.rsa.privateKeyJwk, { kid: KID });
      const [header, payload = '', signature] = jws.split('.');
      const json = JSON.parse(Buffer.from(payload, 'base64url').toString());
      change(json);
      const altered = [header, Buffer.from(JSON.stringify(json)).toString('base64url'), signature];
      const result = await verifyVcJwt(altered.join('.'), { resolveKey });
      expect(result.verified).toBe(false);
      expect(result.errors.join(' ')).toMatch(/signature/);
    });
  }

  it('fails for a token signed by another key', async () => {
    const jws = await signVcJwt(await signedCredential(), KEYS_B.rsa.privateKeyJwk, { kid: KID });
    const result = await verifyVcJwt(jws, { resolveKey });
    expect(result.verified).toBe(false);
    expect(result.errors.join(' ')).toMatch(/signature/);
  });

  it('fails when no key is found for the kid', async () => {
    const jws = await signVcJwt(await signedCredential(), KEYS_A.rsa.privateKeyJwk, {
      kid: 'https://elsewhere.example.org/key.json',
    });
    expect((await verifyVcJwt(jws, { resolveKey })).errors).toEqual([
      'No public key for kid "https://elsewhere.example.org/key.json".',
    ]);
  });

  it('checks every claim against the credential it carries', async () => {
    const signed = await signedCredential();
    const payload = payloadOf(await signVcJwt(signed, KEYS_A.rsa.privateKeyJwk, { kid: KID }));
    const wrong = { iss: 'did:web:x', sub: 'urn:x', jti: 'urn:y', nbf: 1, exp: 2 };
    for (const [claim, value] of Object.entries(wrong)) {
      const result = await verifyVcJwt(await forge({ ...payload, [claim]: value }), { resolveKey });
      expect(result.verified, claim).toBe(false);
      expect(result.errors, claim).toEqual([
        expect.stringContaining(`"${claim}" claim is ${JSON.stringify(value)} but`),
      ]);
    }
    const { jti: _, ...noJti } = payload;
    const missing = await verifyVcJwt(await forge(noJti), { resolveKey });
    expect(missing.errors).toEqual([expect.stringContaining('"jti" claim is missing')]);
  });

  it('reads a VC 1.1-style vc claim', async () => {
    const signed = await signedCredential();
    const { iss, sub, jti, nbf, exp } = payloadOf(
      await signVcJwt(signed, KEYS_A.rsa.privateKeyJwk, { kid: KID }),
    );
    const result = await verifyVcJwt(await forge({ vc: signed, iss, sub, jti, nbf, exp }), {
      resolveKey,
    });
    expect(result).toMatchObject({ verified: true, errors: [] });
  });

  it('rejects header members the profile does not allow and a typ other than JWT', async () => {
    const payload = payloadOf(
      await signVcJwt(await signedCredential(), KEYS_A.rsa.privateKeyJwk, { kid: KID }),
    );
    const cty = await verifyVcJwt(await forge(payload, { cty: 'vc' }), { resolveKey });
    expect(cty.errors).toEqual(['Header members not allowed: cty.']);
    const typ = await verifyVcJwt(await forge(payload, { typ: 'vc+jwt' }), { resolveKey });
    expect(typ.errors).toEqual([expect.stringContaining('"typ"')]);
  });

  it('checks nbf and exp against the clock only when given one', async () => {
    const jws = await signVcJwt(await signedCredential(), KEYS_A.rsa.privateKeyJwk, { kid: KID });
    const early = await verifyVcJwt(jws, { resolveKey, now: new Date('2026-01-01T00:00:00Z') });
    expect(early.errors).toEqual([expect.stringContaining('not valid before')]);
    const late = await verifyVcJwt(jws, { resolveKey, now: new Date('2029-01-01T00:00:00Z') });
    expect(late.errors).toEqual([expect.stringContaining('expired')]);
    const during = await verifyVcJwt(jws, { resolveKey, now: new Date('2027-01-01T00:00:00Z') });
    expect(during.verified).toBe(true);
  });

  it('returns a result, not an exception, for garbage', async () => {
    const result = await verifyVcJwt('not a token', { resolveKey });
    expect(result.verified).toBe(false);
    expect(result.errors[0]).toMatch(/compact JWS/);
  });
});
