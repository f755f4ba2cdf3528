import { CompactSign, exportJWK, generateKeyPair } from 'jose';
import { describe, expect, it } from 'vitest';
import { hashEmail } from '../../../src/core/credential/identity-hash.ts';
import { vcJwtPayload } from '../../../src/core/sign/vc-jwt-claims.ts';
import { checkExpiry, checkValidFrom } from '../../../src/core/verify/check-dates.ts';
import type { StepId, VerificationResult } from '../../../src/core/verify/types.ts';
import { decideVerdict } from '../../../src/core/verify/verdict.ts';
import { verifyBadge } from '../../../src/core/verify/verify-badge.ts';
import { HAS_SHARED } from '../../support/paths.ts';
import {
  DID_URL,
  didDocument,
  ISSUER_DID,
  type Json,
  jwtOf,
  KEYS_B,
  mapFetcher,
  NOW,
  optionsFor,
  STATUS_INDEX,
  STATUS_URL,
  signedCredential,
  statusList,
  world,
} from './world.ts';

function step(result: VerificationResult, id: StepId) {
  const found = result.steps.find((item) => item.id === id);
  if (!found) throw new Error(`no step ${id}`);
  return found;
}

function statuses(result: VerificationResult): Record<string, string> {
  return Object.fromEntries(result.steps.map((item) => [item.id, item.status]));
}

describe('a credential its issuer signed', () => {
  it('verifies, every check passing', async () => {
    const result = await verifyBadge(await signedCredential(), optionsFor(await world()));
    expect(result.verdict).toBe('verified');
    expect(result.reason).toEqual(HAS_SHARED ? 'Every check passed.' : expect.any(String));
    expect(statuses(result)).toEqual({
      parsed: 'passed',
      structure: 'passed',
      'json-ld': 'passed',
      schema: HAS_SHARED ? 'passed' : 'unknown',
      proof: 'passed',
      'issuer-key': 'passed',
      'valid-from': 'passed',
      expiry: 'passed',
      status: 'passed',
      recipient: 'skipped',
    });
    expect(step(result, 'status').message).toBe(
      `It is not revoked: entry ${STATUS_INDEX} of its issuer's signed status list is clear.`,
    );
  });

  it('summarises issuer, earner, achievement and criteria for display', async () => {
    const result = await verifyBadge(await signedCredential(), optionsFor(await world()));
    expect(result.summary).toEqual({
      issuer: { id: ISSUER_DID, name: 'Test Club' },
      earner: 'https://example.org/people/ada',
      achievement: { name: 'Helper', description: 'Helped another member.' },
      criteria: { narrative: 'Help another member with a task.' },
    });
  });

  it('verifies the same from JSON text, UTF-8 bytes, its URL and its VC-JWT', async () => {
    const credential = await signedCredential();
    const text = JSON.stringify(credential);
    const documents = await world({ 'https://badges.example.org/guild/c.json': credential });
    const inputs: unknown[] = [
      text,
      new TextEncoder().encode(text),
      'https://badges.example.org/guild/c.json',
      await jwtOf(credential),
    ];
    for (const input of inputs) {
      const result = await verifyBadge(input, optionsFor(documents));
      expect(result.verdict, String(input).slice(0, 40)).toBe('verified');
    }
  });

  it('verifies a VC-JWT signed ES256 or EdDSA with a key its DID document lists', async () => {
    const credential = await signedCredential();
    for (const alg of ['ES256', 'EdDSA'] as const) {
      const { publicKey, privateKey } = await generateKeyPair(alg, { extractable: true });
      const kid = `${ISSUER_DID}#jwt-${alg.toLowerCase()}`;
      const document = didDocument();
      (document.verificationMethod as Json[]).push({
        id: kid,
        type: 'JsonWebKey',
        controller: ISSUER_DID,
        publicKeyJwk: await exportJWK(publicKey),
      });
      (document.assertionMethod as string[]).push(kid);
      const payload = new TextEncoder().encode(JSON.stringify(vcJwtPayload(credential)));
      const jws = await new CompactSign(payload)
        .setProtectedHeader({ alg, kid, typ: 'JWT' })
        .sign(privateKey);
      const result = await verifyBadge(jws, optionsFor(await world({ [DID_URL]: document })));
      expect(result.verdict, alg).toBe('verified');
      expect(step(result, 'proof').message).toContain(`The ${alg} signature of the token matches`);
    }
  });
});

describe('a forged credential', () => {
  it('reads as forged when it was changed after signing', async () => {
    const credential = await signedCredential();
    (credential.credentialSubject as Json).id = 'https://example.org/people/mallory';
    const result = await verifyBadge(credential, optionsFor(await world()));
    expect(result.verdict).toBe('invalid');
    expect(step(result, 'proof').status).toBe('failed');
    expect(result.reason).toMatch(/changed after it was signed/);
  });

  it('reads as forged, not expired, when it is forged and also expired', async () => {
    const credential = await signedCredential();
    credential.validUntil = '2026-04-01T00:00:00Z';
    const result = await verifyBadge(credential, optionsFor(await world()));
    expect(result.verdict).toBe('invalid');
    expect(step(result, 'expiry').status).toBe('failed');
    const order = result.steps.map((item) => item.id);
    expect(order.indexOf('proof')).toBeLessThan(order.indexOf('expiry'));
    expect(result.reason).toMatch(/signed/);
  });

  it('fails when signed by a key the issuer does not list', async () => {
    const result = await verifyBadge(
      await signedCredential(() => {}, KEYS_B),
      optionsFor(await world()),
    );
    expect(result.verdict).toBe('invalid');
    expect(step(result, 'issuer-key').status).toBe('failed');
  });

  it('fails when signed with a did:key that is not the issuer', async () => {
    const credential = await signedCredential();
    const { signDataIntegrity } = await import('../../../src/core/sign/sign-data-integrity.ts');
    const { proof: _, ...unsigned } = credential;
    const did = `did:key:${KEYS_B.ed25519.publicKeyMultibase}`;
    const forged = await signDataIntegrity(unsigned as never, KEYS_B.ed25519, {
      created: '2026-03-01T00:00:00Z',
      verificationMethod: `${did}#${KEYS_B.ed25519.publicKeyMultibase}`,
    });
    const result = await verifyBadge(forged, optionsFor(await world()));
    expect(result.verdict).toBe('invalid');
    expect(step(result, 'proof').status).toBe('passed');
    expect(step(result, 'issuer-key')).toMatchObject({
      status: 'failed',
      message: expect.stringContaining('not the issuer'),
    });
  });

  it('reads as forged when a VC-JWT payload was swapped', async () => {
    const [header, , signature] = (await jwtOf(await signedCredential())).split('.');
    const other = await signedCredential((credential) => {
      credential.name = 'Grand Master';
    });
    const payload = Buffer.from(JSON.stringify(vcJwtPayload(other))).toString('base64url');
    const result = await verifyBadge(
      `${header}.${payload}.${signature}`,
      optionsFor(await world()),
    );
    expect(result.verdict).toBe('invalid');
    expect(step(result, 'proof').message).toMatch(/does not match/);
  });

  it('fails a VC-JWT carrying its own key in the header when the issuer does not list it', async () => {
    const credential = await signedCredential();
    const { publicKey, privateKey } = await generateKeyPair('RS256', { extractable: true });
    const payload = new TextEncoder().encode(JSON.stringify(vcJwtPayload(credential)));
    const jws = await new CompactSign(payload)
      .setProtectedHeader({ alg: 'RS256', jwk: await exportJWK(publicKey) })
      .sign(privateKey);
    const result = await verifyBadge(jws, optionsFor(await world()));
    expect(step(result, 'proof').status).toBe('passed');
    expect(step(result, 'issuer-key').status).toBe('failed');
    expect(result.verdict).toBe('invalid');
  });
});

describe('validity dates', () => {
  it('is expired after validUntil', async () => {
    const result = await verifyBadge(
      await signedCredential(),
      optionsFor(await world(), { now: new Date('2028-03-02T00:00:00Z') }),
    );
    expect(result.verdict).toBe('expired');
    expect(result.reason).toBe('It expired on 2028-03-01T00:00:00Z.');
  });

  it('is not yet valid before validFrom', async () => {
    const result = await verifyBadge(
      await signedCredential(),
      optionsFor(await world(), { now: new Date('2026-02-01T00:00:00Z') }),
    );
    expect(result.verdict).toBe('not-yet-valid');
    expect(result.reason).toBe('It is not valid until 2026-03-01T00:00:00Z.');
  });

  it('is invalid, not expired, when validUntil is not a date', () => {
    const steps = [
      checkValidFrom({ validFrom: '2026-03-01T00:00:00Z' }, NOW),
      checkExpiry({ validUntil: 'next year' }, NOW),
    ];
    expect(steps[1]).toMatchObject({
      status: 'failed',
      message: 'Its validUntil ("next year") is not a date and time.',
    });
    expect(decideVerdict(steps).verdict).toBe('invalid');
  });
});

describe('revocation status', () => {
  const cases: [string, () => Promise<Record<string, unknown>>, RegExp][] = [
    [
      'the list is missing',
      async () => world({ [STATUS_URL]: undefined }),
      /could not be fetched|404/,
    ],
    [
      'the list is unsigned',
      async () => world({ [STATUS_URL]: await statusList({ signed: false }) }),
      /carries no proof/,
    ],
    [
      'the list is signed with a key its issuer does not list',
      async () => world({ [STATUS_URL]: await statusList({ keys: KEYS_B }) }),
      /signature could not be confirmed/,
    ],
    [
      'the list has expired',
      async () => world({ [STATUS_URL]: await statusList({ validUntil: '2026-05-01T00:00:00Z' }) }),
      /expired/,
    ],
    [
      'the list is not a status list',
      async () => world({ [STATUS_URL]: { hello: 'world' } }),
      /not a BitstringStatusListCredential/,
    ],
  ];

  it('is revoked when its bit is set in the signed list', async () => {
    const documents = await world({ [STATUS_URL]: await statusList({ revoked: [STATUS_INDEX] }) });
    const result = await verifyBadge(await signedCredential(), optionsFor(documents));
    expect(result.verdict).toBe('revoked');
    expect(step(result, 'status').message).toBe(
      `Its issuer has revoked it (status list ${STATUS_URL}, entry ${STATUS_INDEX}).`,
    );
  });

  for (const [title, documents, why] of cases) {
    it(`is unknown, never "not revoked", when ${title}`, async () => {
      const served = await documents();
      if (served[STATUS_URL] === undefined) delete served[STATUS_URL];
      const result = await verifyBadge(await signedCredential(), optionsFor(served));
      const status = step(result, 'status');
      expect(status.status).toBe('unknown');
      expect(status.message).toMatch(/^Whether it is revoked could not be checked\./);
      expect(status.message).toMatch(why);
      expect(status.message).not.toMatch(/not revoked/);
      expect(result.verdict).toBe('unverifiable');
    });
  }

  it('is unknown when the index is past the end of the list', async () => {
    const credential = await signedCredential((unsigned) => {
      (unsigned.credentialStatus as unknown as Json).statusListIndex = '200000';
    });
    const result = await verifyBadge(credential, optionsFor(await world()));
    expect(step(result, 'status')).toMatchObject({
      status: 'unknown',
      message: expect.stringContaining('past the end'),
    });
  });

  it('is skipped, and the credential verified, when there is no credentialStatus', async () => {
    const credential = await signedCredential((unsigned) => {
      delete (unsigned as Json).credentialStatus;
    });
    const result = await verifyBadge(credential, optionsFor(await world()));
    expect(step(result, 'status').status).toBe('skipped');
    expect(result.verdict).toBe('verified');
  });
});

describe('the recipient check', () => {
  async function hashed(identityHash: (hash: string) => string): Promise<Json> {
    const salt = 'c0ffee';
    const hash = await hashEmail('ada@example.org', salt);
    return signedCredential((credential) => {
      const subject = credential.credentialSubject as unknown as Json;
      delete subject.id;
      subject.identifier = [
        {
          type: 'IdentityObject',
          identityType: 'emailAddress',
          hashed: true,
          identityHash: identityHash(hash),
          salt,
        },
      ];
    });
  }

  it('matches a hashed e-mail address typed in any letter case', async () => {
    const credential = await hashed((hash) => hash);
    const result = await verifyBadge(
      credential,
      optionsFor(await world(), { email: '  Ada@Example.ORG ' }),
    );
    expect(step(result, 'recipient')).toEqual({
      id: 'recipient',
      status: 'passed',
      message: 'It was issued to Ada@Example.ORG.',
    });
    expect(result.verdict).toBe('verified');
    expect(result.summary.earner).toBe('someone identified by a hashed e-mail address');
  });

  it('matches a hash written in upper-case hex, with or without the sha256$ prefix', async () => {
    for (const write of [
      (hash: string) => hash.toUpperCase(),
      (hash: string) => hash.slice('sha256$'.length).toUpperCase(),
    ]) {
      const result = await verifyBadge(
        await hashed(write),
        optionsFor(await world(), { email: 'ada@example.org' }),
      );
      expect(step(result, 'recipient').status).toBe('passed');
    }
  });

  it('fails, making the credential invalid for that person, when the address differs', async () => {
    const result = await verifyBadge(
      await hashed((hash) => hash),
      optionsFor(await world(), { email: 'eve@example.org' }),
    );
    expect(result.verdict).toBe('invalid');
    expect(result.reason).toBe('It was not issued to eve@example.org.');
  });

  it('matches the subject id', async () => {
    const options = optionsFor(await world(), { recipientId: 'https://example.org/people/ada' });
    const result = await verifyBadge(await signedCredential(), options);
    expect(step(result, 'recipient').status).toBe('passed');
  });
});

describe('fetching', () => {
  it('reads nothing when no fetcher is given, and says the key could not be checked', async () => {
    const result = await verifyBadge(await signedCredential(), { now: NOW });
    expect(result.verdict).toBe('unverifiable');
    expect(step(result, 'issuer-key').status).toBe('unknown');
    expect(step(result, 'proof').status).toBe('unknown');
  });

  it('fetches only the documents the checks need', async () => {
    const documents = await world();
    const fetchJson = mapFetcher(documents);
    await verifyBadge(await signedCredential(), { now: NOW, fetchJson });
    expect(new Set(fetchJson.calls)).toEqual(new Set([DID_URL, STATUS_URL]));
  });
});
