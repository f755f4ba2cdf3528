import { readFileSync } from 'node:fs';
import path from 'node:path';
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { cryptosuite } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import * as vc from '@digitalbazaar/vc';
import { verifyCredential as dccVerify } from '@digitalcredentials/verifier-core';
import { decodeProtectedHeader, importJWK, jwtVerify } from 'jose';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { didWebToDocumentUrl } from '../../src/core/did-web.ts';
import { createDocumentLoader } from '../../src/core/sign/document-loader.ts';
import { signDataIntegrity } from '../../src/core/sign/sign-data-integrity.ts';
import { KEYS_A } from '../fixtures/keys/test-keys.ts';
import { credentialFiles, readJson } from '../support/built-site.ts';
import { HAS_SHARED, needsShared } from '../support/paths.ts';
import { siteFetch, siteFile } from '../support/site-fetch.ts';

const { out, site } = inject('builtSite');
const ids = credentialFiles(out).map((file) => file.replace(/^credentials\/|\.json$/g, ''));
const credentialOf = (id: string) => readJson(out, `credentials/${id}.json`);
const fromSite = (url: string) => {
  const file = siteFile(out, site, url);
  return file ? (JSON.parse(readFileSync(file, 'utf8')) as object) : undefined;
};
const documentLoader = createDocumentLoader((url) =>
  url.startsWith('did:web:') && !url.includes('#') ? fromSite(didWebToDocumentUrl(url)) : undefined,
);

/** @digitalbazaar/vc on its own, with the keys resolved from the built did.json files. */
async function libraryVerifies(credential: object): Promise<boolean> {
  const suite = new DataIntegrityProof({ cryptosuite });
  // Status is not part of the proof; the DCC test below checks it against the real list.
  const checkStatus = async () => ({ verified: true });
  const result = await vc.verifyCredential({ credential, suite, documentLoader, checkStatus });
  return result.verified === true;
}

/** The Digital Credentials Consortium's verifier; its fetches are answered by the built site. */
async function dccSignatureValid(credential: object): Promise<boolean> {
  const result = await dccVerify({ credential: credential as never, knownDIDRegistries: [] });
  const log = (result as { log?: { id: string; valid: boolean }[] }).log ?? [];
  return log.find((entry) => entry.id === 'valid_signature')?.valid === true;
}

/** jose, with the key fetched from the URL in the JWT's `kid`. */
async function joseVerifies(jwt: string): Promise<boolean> {
  const { kid } = decodeProtectedHeader(jwt);
  const jwk = kid ? fromSite(kid) : undefined;
  if (!jwk) return false;
  try {
    await jwtVerify(jwt, await importJWK(jwk as never, 'RS256'), { algorithms: ['RS256'] });
    return true;
  } catch {
    return false;
  }
}

/** Signs `jwt`'s header and payload again after `change` edits the payload (no valid key). */
function tamperJwt(jwt: string, change: (payload: Record<string, unknown>) => void): string {
  const [header, payload, signature] = jwt.split('.');
  const decoded = JSON.parse(Buffer.from(payload ?? '', 'base64url').toString('utf8'));
  change(decoded);
  return `${header}.${Buffer.from(JSON.stringify(decoded)).toString('base64url')}.${signature}`;
}

const TAMPERINGS: Record<string, (credential: Record<string, any>) => void> = {
  name: (c) => {
    c.name = `${c.name}!`;
  },
  validFrom: (c) => {
    c.validFrom = '2020-01-01T00:00:00Z';
  },
  'issuer.name': (c) => {
    c.issuer.name = 'Someone Else';
  },
  'credentialSubject.achievement.name': (c) => {
    c.credentialSubject.achievement.name = 'Grand Master';
  },
  'credentialSubject identity': (c) => {
    c.credentialSubject.id = 'https://example.org/people/impostor';
    delete c.credentialSubject.identifier;
  },
  'credentialStatus.statusListIndex': (c) => {
    c.credentialStatus.statusListIndex = '1';
  },
};

describe('the signatures of every award of the built fixture site', () => {
  const realFetch = globalThis.fetch;
  beforeAll(() => {
    globalThis.fetch = siteFetch(out, site);
  });
  afterAll(() => {
    globalThis.fetch = realFetch;
  });

  it('covers every award', () => {
    expect(ids).toHaveLength(5);
  });

  it('verify with @digitalbazaar/vc, keys resolved from the built did:web documents', async () => {
    for (const id of ids) expect(await libraryVerifies(credentialOf(id)), id).toBe(true);
  });

  it.skipIf(!HAS_SHARED)(
    needsShared('verify with the DCC verifier-core: signature, status, expiry and schema'),
    async () => {
      for (const id of ids) {
        const result = (await dccVerify({
          credential: credentialOf(id) as never,
          knownDIDRegistries: [],
        })) as Record<string, any>;
        const log = Object.fromEntries(result.log.map((e: any) => [e.id, e.valid]));
        expect(log, id).toMatchObject({
          valid_signature: true,
          revocation_status: true,
          expiration: true,
        });
        const schema = result.additionalInformation.find((e: any) => e.id === 'schema_check');
        expect(schema.results[0].result.valid, id).toBe(true);
      }
    },
  );

  it('have a VC-JWT that jose verifies with the bare JWK its kid names', async () => {
    for (const id of ids) {
      const jwt = readFileSync(path.join(out, `credentials/${id}.jwt`), 'utf8');
      const header = decodeProtectedHeader(jwt);
      expect(Object.keys(header).sort()).toEqual(['alg', 'kid', 'typ']);
      expect(header).toMatchObject({ alg: 'RS256', typ: 'JWT' });
      expect(header.kid).toMatch(new RegExp(`^${site}issuers/[a-z0-9-]+/keys/[^#]+\\.json$`));
      const jwk = fromSite(header.kid as string) as Record<string, unknown>;
      expect(Object.keys(jwk)).not.toContain('d');
      expect(await joseVerifies(jwt), id).toBe(true);
      const credential = credentialOf(id);
      const payload = JSON.parse(Buffer.from(jwt.split('.')[1] ?? '', 'base64url').toString());
      const subject = credential.credentialSubject as { id?: string };
      expect(payload).toMatchObject({
        ...credential,
        iss: (credential.issuer as { id: string }).id,
        jti: credential.id,
        nbf: Date.parse(credential.validFrom as string) / 1000,
      });
      expect(payload.sub).toBe(subject.id);
      if (credential.validUntil) {
        expect(payload.exp).toBe(Date.parse(credential.validUntil as string) / 1000);
      }
    }
  });

  it('are made by the key that the issuer did:web document resolves to', () => {
    for (const id of ids) {
      const credential = credentialOf(id) as Record<string, any>;
      const [proof] = credential.proof;
      const didDocument = fromSite(didWebToDocumentUrl(credential.issuer.id)) as any;
      expect(didDocument.id).toBe(credential.issuer.id);
      expect(didDocument.assertionMethod).toContain(proof.verificationMethod);
      const method = didDocument.verificationMethod.find(
        (m: any) => m.id === proof.verificationMethod,
      );
      expect(method).toMatchObject({ type: 'Multikey', controller: credential.issuer.id });
      expect(method.publicKeyMultibase).toMatch(/^z6Mk/);
    }
  });

  for (const [field, change] of Object.entries(TAMPERINGS)) {
    it(`fail every check once ${field} is changed`, async () => {
      const id = '2026/did-holder-reviewer';
      const tampered = structuredClone(credentialOf(id)) as Record<string, any>;
      change(tampered);
      expect(await libraryVerifies(tampered)).toBe(false);
      expect(await dccSignatureValid(tampered)).toBe(false);
      const jwt = readFileSync(path.join(out, `credentials/${id}.jwt`), 'utf8');
      expect(await joseVerifies(tamperJwt(jwt, change))).toBe(false);
    });
  }

  it('fail every check when signed by another key under the issuer key id', async () => {
    const id = '2026/did-holder-reviewer';
    const { proof, ...unsigned } = credentialOf(id) as Record<string, any>;
    const forged = await signDataIntegrity(unsigned as never, KEYS_A.ed25519, {
      created: proof[0].created,
      verificationMethod: proof[0].verificationMethod,
    });
    expect(await libraryVerifies(forged)).toBe(false);
    expect(await dccSignatureValid(forged)).toBe(false);
  });
});
