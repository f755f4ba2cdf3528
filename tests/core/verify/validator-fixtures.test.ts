/**
 * The 1EdTech validator's own OB 3.0 fixtures (../shared/ob3/examples/validator-1edtech/ob30):
 * the valid ones verify, and each `simple-err-*` fails on the check its name describes. They were
 * signed long ago, so the clock is set to a time inside their validity. Their issuers publish
 * nothing we can reach; documents they point at are served from the fixture folder.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createAjvSchemaValidator } from '../../../src/core/verify/schema-ajv.ts';
import type { StepId, VerificationResult, VerifyOptions } from '../../../src/core/verify/types.ts';
import { verifyBadge } from '../../../src/core/verify/verify-badge.ts';
import { HAS_SHARED, needsShared, SHARED } from '../../support/paths.ts';
import { mapFetcher, sharedJson } from './world.ts';

const DIR = path.join(SHARED, 'ob3/examples/validator-1edtech/ob30');
const NOW = new Date('2024-06-01T00:00:00Z');
const TEST_LIST =
  'https://raw.githubusercontent.com/1EdTech/digital-credentials-public-validator/refs/heads/main/inspector-vc/src/test/resources/ob30/bit-string-list/testlist';
const SCHEMAS = 'ob3/schema/ob_v3p0/purl-json-ld-adaptation';

function documents(): Record<string, unknown> {
  if (!HAS_SHARED) return {};
  const schema = (name: string) => sharedJson(`${SCHEMAS}/${name}`);
  return {
    [TEST_LIST]: sharedJson('ob3/examples/validator-1edtech/ob30/bit-string-list/testlist.json'),
    'https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_achievementcredential_schema.json':
      schema('ob_v3p0_achievementcredential_schema.json'),
    'https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_endorsementcredential_schema.json':
      schema('ob_v3p0_endorsementcredential_schema.json'),
  };
}

const validateSchema = createAjvSchemaValidator();

async function verifyFixture(file: string, extra: VerifyOptions = {}): Promise<VerificationResult> {
  const bytes = new Uint8Array(readFileSync(path.join(DIR, file)));
  return verifyBadge(bytes, {
    now: NOW,
    fetchJson: mapFetcher(documents()),
    validateSchema,
    ...extra,
  });
}

function status(result: VerificationResult, id: StepId): string | undefined {
  return result.steps.find((step) => step.id === id)?.status;
}

const VALID = [
  'simple.json',
  'simple-did-key-method.json',
  'simple-did-web-method.json',
  'simple-multiple-proofs.json',
  'simple-context-alias.json',
  'simple-context-version.json',
  'simple-eddsa-2022.json',
  'endorsement-valid.json',
  'simple-json.png',
  'simple-json.svg',
  'simple-jwt.png',
  'simple-jwt.svg',
];

/** Each negative fixture and the check that must fail on it. */
const BROKEN: Record<string, StepId> = {
  'simple-err-context.json': 'structure',
  'simple-err-type.json': 'structure',
  'simple-err-issuer.json': 'structure',
  'simple-err-issuer-type.json': 'structure',
  'simple-err-issuer-parentorg-type.json': 'structure',
  'simple-err-issuer-otheridentifier-type.json': 'structure',
  'simple-err-credential-subject-type.json': 'structure',
  'simple-err-credential-subject-profile-type.json': 'structure',
  'simple-err-credential-subject-result-type.json': 'structure',
  'simple-err-credential-subject-achievement-result-description-type.json': 'structure',
  'simple-err-proof-method.json': 'issuer-key',
  'simple-err-proof-method-no-scheme.json': 'issuer-key',
  'simple-err-proof-method-unknown-scheme.json': 'issuer-key',
};

describe.skipIf(!HAS_SHARED)(needsShared('the 1EdTech validator fixtures'), () => {
  it('has a test for every simple-err-* fixture', () => {
    const negative = readdirSync(DIR).filter((file) => file.startsWith('simple-err-'));
    expect(negative.sort()).toEqual(Object.keys(BROKEN).sort());
  });

  for (const file of VALID) {
    it(`verifies ${file}`, async () => {
      const result = await verifyFixture(file);
      expect(result.verdict, result.reason).toBe('verified');
      expect(status(result, 'proof')).toMatch(/passed|warning/);
    });
  }

  for (const [file, check] of Object.entries(BROKEN)) {
    it(`rejects ${file} at the ${check} check`, async () => {
      const result = await verifyFixture(file);
      expect(result.verdict).toBe('invalid');
      expect(status(result, check)).toBe('failed');
    });
  }

  it('warns that a key written into its own verificationMethod is not confirmed by the issuer', async () => {
    const result = await verifyFixture('simple.json');
    const key = result.steps.find((step) => step.id === 'issuer-key');
    expect(key?.status).toBe('warning');
    expect(key?.message).toMatch(/nothing outside the credential ties the key to the issuer/);
  });

  it('confirms such a key when the issuer profile lists it', async () => {
    const credential = sharedJson('ob3/examples/validator-1edtech/ob30/simple.json');
    const profile = {
      id: 'https://example.com/issuers/876543',
      verificationMethod: [
        {
          id: '#key-1',
          type: 'Multikey',
          publicKeyMultibase: 'z6MkjZRZv3aez3r18pB1RBFJR1kwUVJ5jHt92JmQwXbd5hwi',
        },
      ],
    };
    const fetchJson = mapFetcher({ ...documents(), 'https://example.com/issuers/876543': profile });
    const result = await verifyBadge(credential, { now: NOW, fetchJson });
    expect(result.steps.find((step) => step.id === 'issuer-key')?.status).toBe('passed');
  });

  it('reads the bitstring-list fixture as revoked (bit 23 of the signed test list)', async () => {
    const result = await verifyFixture('bit-string-list/credential-status-revoked.json');
    expect(result.verdict).toBe('revoked');
  });

  it('reads a 1EdTechRevocationList: unknown when unreachable, revoked when listed', async () => {
    const unreachable = await verifyFixture('complete.json');
    expect(status(unreachable, 'status')).toBe('unknown');
    expect(unreachable.verdict).toBe('unverifiable');
    const list = 'https://1edtech.edu/credentials/3732/revocations';
    const credential = sharedJson('ob3/examples/validator-1edtech/ob30/complete.json');
    const revoked = {
      revokedCredential: [{ id: credential.id, revocationReason: 'Issued in error' }],
    };
    const fetchJson = mapFetcher({ ...documents(), [list]: revoked });
    const result = await verifyBadge(credential, { now: NOW, fetchJson, validateSchema });
    expect(result.verdict).toBe('revoked');
    expect(result.reason).toBe("Its issuer's revocation list marks it revoked: Issued in error.");
  });

  it('reports unsupported proof types as not checked, not as forged', async () => {
    const result = await verifyFixture('simple_v1.json');
    expect(result.verdict).toBe('unverifiable');
    expect(status(result, 'proof')).toBe('unknown');
  });

  it('says a credential without a proof is not signed', async () => {
    const result = await verifyFixture('simple-noproof.json');
    expect(result.verdict).toBe('invalid');
    expect(result.steps.find((step) => step.id === 'proof')?.message).toBe(
      'It carries no proof: nothing shows who issued it.',
    );
  });

  it('says a VC-JWT without kid or jwk has no key to check', async () => {
    const result = await verifyFixture('simple.jwt');
    expect(result.verdict).toBe('invalid');
    expect(result.steps.find((step) => step.id === 'issuer-key')?.message).toMatch(
      /neither "kid" nor "jwk"/,
    );
  });

  it('notes the missing "sub" claim of the validator JWT fixtures as a warning', async () => {
    const result = await verifyFixture('simple-jwt.png');
    expect(status(result, 'proof')).toBe('warning');
    expect(result.format).toBe('png');
  });
});
