import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv2019 } from 'ajv/dist/2019.js';
import addFormats from 'ajv-formats';
import jsonld from 'jsonld';
import { describe, expect, inject, it } from 'vitest';
import { documentLoader } from '../../src/core/sign/document-loader.ts';
import { credentialFiles, readJson } from '../support/built-site.ts';
import { HAS_SHARED, needsShared, SHARED } from '../support/paths.ts';

const { out } = inject('builtSite');
const files = credentialFiles(out);

const SCHEMAS = {
  strict: 'ob3/schema/ob_v3p0/strict/ob_v3p0_achievementcredential-jsonschema1.json',
  'JSON-LD adaptation':
    'ob3/schema/ob_v3p0/purl-json-ld-adaptation/ob_v3p0_achievementcredential_schema.json',
};

describe('every credential of the built fixture site', () => {
  it('is there, one per award', () => {
    expect(files).toHaveLength(5);
  });

  for (const [variant, schemaFile] of Object.entries(SCHEMAS)) {
    it.skipIf(!HAS_SHARED)(needsShared(`passes the ${variant} OB 3.0 JSON Schema`), () => {
      const ajv = new Ajv2019({ allErrors: true, strict: false });
      addFormats.default(ajv);
      const schema = JSON.parse(readFileSync(path.join(SHARED, schemaFile), 'utf8'));
      const validate = ajv.compile(schema);
      for (const file of files) {
        const valid = validate(readJson(out, file));
        expect(validate.errors ?? [], file).toEqual([]);
        expect(valid).toBe(true);
      }
    });
  }

  it('expands as JSON-LD in safe mode with bundled contexts only', async () => {
    for (const file of files) {
      const expanded = await jsonld.expand(readJson(out, file), { documentLoader, safe: true });
      expect(expanded.length, file).toBe(1);
    }
  });

  it('has the exact shape of REQUIREMENTS section 1', () => {
    const id = 'credentials/2026/zoe-first-patch.json';
    const credential = readJson(out, id);
    expect(credential['@context']).toEqual([
      'https://www.w3.org/ns/credentials/v2',
      'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json',
      'https://purl.imsglobal.org/spec/ob/v3p0/extensions.json',
    ]);
    expect(credential.id).toBe(`https://badges.example.org/guild/${id}`);
    expect(credential.type).toEqual(['VerifiableCredential', 'OpenBadgeCredential']);
    expect(credential.issuer).toMatchObject({
      id: 'did:web:badges.example.org:guild:issuers:fixture-guild',
      type: ['Profile'],
    });
    const subject = credential.credentialSubject as Record<string, unknown>;
    expect(subject.type).toEqual(['AchievementSubject']);
    const achievement = subject.achievement as Record<string, unknown>;
    expect(achievement).toMatchObject({
      id: 'https://badges.example.org/guild/achievements/first-patch.json',
      type: ['Achievement'],
      criteria: { id: 'https://badges.example.org/guild/achievements/first-patch/' },
      image: {
        id: 'https://badges.example.org/guild/achievements/first-patch.png',
        type: 'Image',
      },
    });
    expect(credential.credentialSchema).toEqual([
      {
        id: 'https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_achievementcredential_schema.json',
        type: '1EdTechJsonSchemaValidator2019',
      },
    ]);
    for (const key of ['name', 'description', 'image', 'awardedDate', 'validFrom']) {
      expect(credential, key).toHaveProperty(key);
    }
  });

  it('identifies e-mail recipients only by a salted hash', () => {
    const credential = readJson(out, 'credentials/2026/hashed-first-patch.json');
    const subject = credential.credentialSubject as Record<string, unknown>;
    expect(subject.id).toBeUndefined();
    expect(subject.identifier).toEqual([
      {
        type: 'IdentityObject',
        identityType: 'emailAddress',
        hashed: true,
        identityHash: expect.stringMatching(/^sha256\$[0-9a-f]{64}$/),
        salt: expect.any(String),
      },
    ]);
  });
});
