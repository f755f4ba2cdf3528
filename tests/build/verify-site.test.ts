/**
 * The verifier against built fixture sites: every credential of `basic` verifies through the CLI
 * (offline, URLs answered from the build folder) and through the core, the revoked awards of
 * `revocation` read as revoked, and the verify page is a static shell with no inline script.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import type { CliIo } from '../../src/cli/io.ts';
import { main } from '../../src/cli/laurel.ts';
import { fetchJsonFromSite } from '../../src/core/verify/fetch-site-node.ts';
import { createAjvSchemaValidator } from '../../src/core/verify/schema-ajv.ts';
import { verifyBadge } from '../../src/core/verify/verify-badge.ts';
import { listFiles } from '../support/built-site.ts';
import { HAS_SHARED, SHARED } from '../support/paths.ts';

const { out, site } = inject('builtSite');
const revocation = inject('revocationSite');
const SCHEMA_URL =
  'https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_achievementcredential_schema.json';
const SCHEMA_FILE = path.join(
  SHARED,
  'ob3/schema/ob_v3p0/purl-json-ld-adaptation/ob_v3p0_achievementcredential_schema.json',
);

function capture(): CliIo & { out: string[]; err: string[] } {
  const lines: string[] = [];
  const err: string[] = [];
  return {
    root: out,
    env: {},
    stdout: (text) => lines.push(text),
    stderr: (text) => err.push(text),
    out: lines,
    err,
  };
}

const credentialFiles = listFiles(out).filter((file) =>
  /^credentials\/.+\.(json|jwt|png|svg)$/.test(file),
);

describe('laurel verify over the built fixture site', () => {
  it('verifies every credential file, offline, from the build folder', async () => {
    const io = capture();
    const code = await main(['verify', out, '--site-dir', out, '--site', site, '--offline'], io);
    const heads = io.out.map((text) => text.split('\n')[0]);
    expect(heads.slice(0, -1)).toEqual(credentialFiles.map((file) => `✓ ${file}  verified`));
    expect(heads.at(-1)).toBe(`${credentialFiles.length} passed, 0 failed`);
    expect(credentialFiles.length).toBe(20);
    expect(code).toBe(0);
  });

  it.skipIf(!revocation)(
    'reads the revoked awards of the revocation fixture as revoked',
    async () => {
      if (!revocation) return;
      const io = capture();
      const args = [
        'verify',
        revocation.out,
        '--site-dir',
        revocation.out,
        '--site',
        revocation.site,
        '--offline',
      ];
      expect(await main(args, io)).toBe(1);
      const verdicts = Object.fromEntries(
        io.out.slice(0, -1).map((text) => {
          const [, file = '', verdict = ''] = /^. (\S+) {2}(\w+)/.exec(text) ?? [];
          return [file, verdict];
        }),
      );
      for (const [file, verdict] of Object.entries(verdicts)) {
        expect(verdict, file).toBe(/birch|dogwood/.test(file) ? 'revoked' : 'verified');
      }
    },
  );
});

describe('the core over the built fixture site', () => {
  const fromSite = fetchJsonFromSite(out, site);
  const fetchJson = async (url: string) =>
    url === SCHEMA_URL && HAS_SHARED
      ? JSON.parse(readFileSync(SCHEMA_FILE, 'utf8'))
      : fromSite(url);
  const validateSchema = createAjvSchemaValidator();

  it('passes every check of every credential, in every form', async () => {
    for (const file of credentialFiles) {
      const bytes = new Uint8Array(readFileSync(path.join(out, file)));
      const result = await verifyBadge(bytes, { fetchJson, validateSchema });
      expect(result.verdict, `${file}: ${result.reason}`).toBe('verified');
      for (const step of result.steps) {
        const expected =
          step.id === 'recipient'
            ? 'skipped'
            : step.id === 'schema' && !HAS_SHARED
              ? 'unknown'
              : 'passed';
        expect(step.status, `${file} ${step.id}: ${step.message}`).toBe(expected);
      }
    }
  });

  it('checks a hashed e-mail recipient: a wrong address fails', async () => {
    const bytes = new Uint8Array(
      readFileSync(path.join(out, 'credentials/2026/hashed-first-patch.json')),
    );
    const result = await verifyBadge(bytes, { fetchJson, email: 'someone-else@example.org' });
    expect(result.verdict).toBe('invalid');
    expect(result.reason).toBe('It was not issued to someone-else@example.org.');
  });
});

describe('the verify page', () => {
  const html = readFileSync(path.join(out, 'verify/index.html'), 'utf8');

  it('is an external, bundled module script with no inline script', () => {
    const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((match) => match[0]);
    expect(scripts.length).toBeGreaterThan(0);
    for (const tag of scripts) {
      const src = /\ssrc="([^"]+)"/.exec(tag)?.[1];
      expect(src, tag).toBeDefined();
      const file = (src as string).slice(new URL(site).pathname.length);
      expect(existsSync(path.join(out, file)), src).toBe(true);
    }
    expect(html).not.toMatch(/<script\b(?![^>]*\ssrc=)[^>]*>/);
    expect(html).not.toMatch(/\son[a-z]+="/);
  });

  it('says JavaScript is needed when it is off, and knows the site it belongs to', () => {
    expect(html).toMatch(/<noscript>[\s\S]*Verifying needs JavaScript[\s\S]*<\/noscript>/);
    expect(html).toContain(`data-site="${site}"`);
  });
});
