import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { UnsignedCredential } from '../../../src/core/credential/types.ts';
import { LaurelError } from '../../../src/core/errors.ts';
import { buildDidDocument, verificationMethodId } from '../../../src/core/keys/did-document.ts';
import { createDocumentLoader } from '../../../src/core/sign/document-loader.ts';
import {
  signDataIntegrity,
  verifyDataIntegrity,
} from '../../../src/core/sign/sign-data-integrity.ts';
import { ISSUER_DID, KEYS_A, KEYS_B, sampleCredential } from '../../fixtures/keys/test-keys.ts';
import { HAS_SHARED, needsShared, SHARED } from '../../support/paths.ts';

const CREATED = '2026-03-01T00:00:00Z';
const METHOD_A = verificationMethodId(ISSUER_DID, KEYS_A.ed25519.name);
const didDocument = buildDidDocument(ISSUER_DID, [
  KEYS_A.edPublic,
  KEYS_A.rsaPublic,
  { ...KEYS_B.edPublic, status: 'retired', retired: '2026-06-01' },
]);
const loader = createDocumentLoader(new Map([[ISSUER_DID, didDocument]]));

const signA = (credential: UnsignedCredential = sampleCredential()) =>
  signDataIntegrity(credential, KEYS_A.ed25519, { created: CREATED, verificationMethod: METHOD_A });

const readJson = (file: string) => JSON.parse(readFileSync(file, 'utf8'));

describe('signDataIntegrity', () => {
  it.skipIf(!HAS_SHARED)(
    needsShared('re-signs the OB 3.0 eddsa-rdfc-2022 test vector to its proofValue'),
    async () => {
      const dir = path.join(SHARED, 'ob3/examples/test-vectors/ob3-eddsa-rdfc-2022');
      const keyPair = readJson(path.join(dir, 'key-pair.json'));
      const options = readJson(path.join(dir, 'proof-options.json'));
      const expected = readJson(path.join(dir, 'credential-signed.json'));
      const signed = await signDataIntegrity(
        readJson(path.join(dir, 'credential-unsigned.json')),
        keyPair,
        { created: options.created, verificationMethod: options.verificationMethod },
      );
      expect(signed.proof).toEqual([expected.proof]);
    },
  );

  it('emits one proof in an array, with the exact proof options', async () => {
    const signed = await signA();
    expect(signed.proof).toHaveLength(1);
    expect(signed.proof[0]).toEqual({
      type: 'DataIntegrityProof',
      created: CREATED,
      verificationMethod: METHOD_A,
      cryptosuite: 'eddsa-rdfc-2022',
      proofPurpose: 'assertionMethod',
      proofValue: expect.stringMatching(/^z[1-9A-HJ-NP-Za-km-z]{80,90}$/),
    });
  });

  it('gives byte-identical output for the same input and leaves the input unchanged', async () => {
    const input = sampleCredential();
    const first = await signA(input);
    const second = await signA(sampleCredential());
    expect(JSON.stringify(first)).toBe(JSON.stringify(second));
    expect(input).toEqual(sampleCredential());
  });

  it('takes created from the caller, not the clock', async () => {
    const signed = await signDataIntegrity(sampleCredential(), KEYS_A.ed25519, {
      created: new Date('2020-05-06T07:08:09.123Z'),
      verificationMethod: METHOD_A,
    });
    expect(signed.proof[0]?.created).toBe('2020-05-06T07:08:09Z');
  });

  it('refuses a property no context defines (JSON-LD safe mode) with ERR_SIGN', async () => {
    const credential = { ...sampleCredential(), nickname: 'x' } as UnsignedCredential;
    const error = await signA(credential).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(LaurelError);
    expect(error).toMatchObject({ code: 'ERR_SIGN' });
    expect((error as LaurelError).message).toContain('"nickname"');
  });

  it('refuses a context that is not bundled with ERR_CONTEXT, never fetching it', async () => {
    const credential = sampleCredential();
    credential['@context'].push('https://example.org/my-context.json');
    await expect(signA(credential)).rejects.toMatchObject({
      code: 'ERR_CONTEXT',
      message: expect.stringContaining('https://example.org/my-context.json'),
    });
  });

  it('refuses a created value that is not a date', async () => {
    await expect(
      signDataIntegrity(sampleCredential(), KEYS_A.ed25519, {
        created: 'soon',
        verificationMethod: METHOD_A,
      }),
    ).rejects.toMatchObject({ code: 'ERR_SIGN', field: 'proof.created' });
  });
});

describe('verifyDataIntegrity', () => {
  it('verifies what signDataIntegrity signed, through the issuer DID document', async () => {
    const result = await verifyDataIntegrity(await signA(), { documentLoader: loader });
    expect(result).toEqual({ verified: true, verificationMethod: METHOD_A, errors: [] });
  });

  const tampered: Record<string, (credential: UnsignedCredential) => void> = {
    name: (c) => {
      c.name = 'Hero';
    },
    validFrom: (c) => {
      c.validFrom = '2026-03-02T00:00:00Z';
    },
    'credentialSubject.id': (c) => {
      c.credentialSubject.id = 'https://example.org/people/eve';
    },
    'achievement name': (c) => {
      c.credentialSubject.achievement.name = 'Hero';
    },
    'issuer name': (c) => {
      c.issuer.name = 'Other Club';
    },
  };
  for (const [field, change] of Object.entries(tampered)) {
    it(`fails when ${field} changes after signing`, async () => {
      const signed = await signA();
      change(signed);
      const result = await verifyDataIntegrity(signed, { documentLoader: loader });
      expect(result.verified).toBe(false);
      expect(result.errors.join(' ')).toMatch(/invalid signature/i);
    });
  }

  it('fails for a proof by another key under the same verification method', async () => {
    const signed = await signDataIntegrity(sampleCredential(), KEYS_B.ed25519, {
      created: CREATED,
      verificationMethod: METHOD_A,
    });
    const result = await verifyDataIntegrity(signed, { documentLoader: loader });
    expect(result.verified).toBe(false);
  });

  it('still verifies credentials signed by a retired key listed in the DID document', async () => {
    const method = verificationMethodId(ISSUER_DID, KEYS_B.ed25519.name);
    const signed = await signDataIntegrity(sampleCredential(), KEYS_B.ed25519, {
      created: CREATED,
      verificationMethod: method,
    });
    expect(await verifyDataIntegrity(signed, { documentLoader: loader })).toMatchObject({
      verified: true,
    });
  });

  it('fails when the issuer is not the controller of the key', async () => {
    const credential = sampleCredential();
    credential.issuer.id = 'did:web:elsewhere.example.org';
    const result = await verifyDataIntegrity(await signA(credential), { documentLoader: loader });
    expect(result.verified).toBe(false);
    expect(result.errors.join(' ')).toMatch(/issuer must match/i);
  });

  it('reports an unresolvable verification method instead of fetching it', async () => {
    const result = await verifyDataIntegrity(await signA(), {
      documentLoader: createDocumentLoader(),
    });
    expect(result.verified).toBe(false);
    expect(result.errors.join(' ')).toContain('is not a bundled document');
  });

  it('checks the validity period only when asked to', async () => {
    const signed = await signA();
    const late = new Date('2029-01-01T00:00:00Z');
    expect((await verifyDataIntegrity(signed, { documentLoader: loader })).verified).toBe(true);
    const result = await verifyDataIntegrity(signed, { documentLoader: loader, now: late });
    expect(result.verified).toBe(false);
    expect(result.errors.join(' ')).toContain('validUntil');
  });

  it('returns a result, not an exception, for something that is not a credential', async () => {
    const result = await verifyDataIntegrity({ hello: 'world' }, { documentLoader: loader });
    expect(result.verified).toBe(false);
    expect(result.errors.length).toBeGreaterThan(0);
  });

  const cognipilot = path.join(SHARED, 'real/cognipilot');
  it.skipIf(!HAS_SHARED)(
    needsShared('verifies the real CogniPilot credentials against their did:web document'),
    async () => {
      const didDoc = readJson(path.join(cognipilot, 'site/.well-known/did.json'));
      const cognipilotLoader = createDocumentLoader(
        new Map([['did:web:credentials.cognipilot.org', didDoc]]),
      );
      const folders = readdirSync(path.join(cognipilot, 'credentials'));
      expect(folders.length).toBeGreaterThan(0);
      for (const folder of folders) {
        const credential = readJson(
          path.join(cognipilot, 'credentials', folder, 'credential.json'),
        );
        const result = await verifyDataIntegrity(credential, { documentLoader: cognipilotLoader });
        expect(result, folder).toEqual({
          verified: true,
          verificationMethod: 'did:web:credentials.cognipilot.org#key-1',
          errors: [],
        });
        credential.credentialSubject.name = 'Someone Else';
        const changed = await verifyDataIntegrity(credential, { documentLoader: cognipilotLoader });
        expect(changed.verified, folder).toBe(false);
      }
    },
  );
});
