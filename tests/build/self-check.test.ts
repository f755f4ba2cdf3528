import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { loadContent } from '../../src/core/content/load-content.ts';
import { assembleSite } from '../../src/core/credential/assemble-site.ts';
import { LaurelError } from '../../src/core/errors.ts';
import { OutputDir } from '../../src/core/publish/output-dir.ts';
import { latestContentDate } from '../../src/core/publish/publish-work-node.ts';
import { selfCheck } from '../../src/core/publish/self-check.ts';
import type { SignedAward } from '../../src/core/publish/sign-site.ts';
import { paths, siteUrls } from '../../src/core/urls.ts';
import { credentialFiles } from '../support/built-site.ts';

/**
 * The self-check is the last step of every build: it reads the output folder back and fails the
 * build if what was written is not what was signed and verified. Each test runs it on a fresh
 * copy of the built `revocation` fixture site (four awards, two of them revoked, one issuer and
 * one status list), with one thing in the copy broken.
 */
const { root, out, site } = inject('revocationSite');
const content = loadContent(root);
/** As the build computes them: the awards the content revokes and its latest date. */
const REVOKED: ReadonlySet<string> = new Set(
  content.awards.filter((award) => award.data.revoked).map((award) => award.id),
);
const AS_OF = latestContentDate(assembleSite(content, siteUrls(site)));
const STATUS_LIST = paths.statusList('lantern-club');

const copies: string[] = [];

afterEach(() => {
  for (const copy of copies.splice(0)) rmSync(copy, { recursive: true, force: true });
});

/** A fresh copy of the built site and the signed credentials read back from it. */
function copySite() {
  const dir = mkdtempSync(path.join(tmpdir(), 'laurel-self-check-'));
  copies.push(dir);
  cpSync(out, dir, { recursive: true });
  const signed = new Map<string, SignedAward>();
  for (const file of credentialFiles(dir)) {
    const id = file.replace(/^credentials\//, '').replace(/\.json$/, '');
    signed.set(id, {
      credential: JSON.parse(readFileSync(path.join(dir, file), 'utf8')),
      jwt: readFileSync(path.join(dir, paths.credentialJwt(id)), 'utf8'),
    });
  }
  return { dir, signed, file: (relative: string) => path.join(dir, relative) };
}

/** Runs the self-check on `dir`; resolves to the info lines it logged or the error it threw. */
async function check(
  dir: string,
  signed: ReadonlyMap<string, SignedAward>,
  revoked: ReadonlySet<string> = REVOKED,
): Promise<{ info: string[]; error?: LaurelError }> {
  const info: string[] = [];
  const logger = { info: (line: string) => info.push(line), warn: () => {} };
  try {
    await selfCheck({ out: new OutputDir(dir), site, signed, revoked, asOf: AS_OF, logger });
    return { info };
  } catch (error) {
    expect(error).toBeInstanceOf(LaurelError);
    return { info, error: error as LaurelError };
  }
}

/** The `<id>: <problem>` lines of an ERR_SELF_CHECK message. */
function failureLines(error: LaurelError | undefined): string[] {
  expect(error?.code).toBe('ERR_SELF_CHECK');
  const [heading, ...lines] = (error?.message ?? '').split('\n');
  expect(heading).toBe('published credentials do not verify:');
  return lines;
}

describe('the self-check of a built site', { timeout: 60_000 }, () => {
  it('reads the fixture as the build did: four awards, two revoked', () => {
    expect([...REVOKED].sort()).toEqual(['2026/birch', '2026/dogwood']);
    expect(AS_OF).toBe('2026-06-10T12:00:00Z');
    expect(copySite().signed.size).toBe(4);
  });

  it('passes the untouched output, verifying one credential per issuer and list again', async () => {
    const { dir, signed } = copySite();
    const { info, error } = await check(dir, signed);
    expect(error).toBeUndefined();
    expect(info).toEqual([
      'self-check: 4 credential(s) published as verified, as JSON, VC-JWT, PNG and SVG, with ' +
        'their status; 1 verified again from the published files',
    ]);
  });

  it('fails when a credential JSON file differs by one character from what was signed', async () => {
    const { dir, signed, file } = copySite();
    const json = file(paths.credentialJson('2026/cedar'));
    const text = readFileSync(json, 'utf8');
    const changed = text.replace('"name": "Night Walk"', '"name": "Night Wolk"');
    expect(changed).not.toBe(text);
    writeFileSync(json, changed);
    const { info, error } = await check(dir, signed);
    const lines = failureLines(error);
    expect(lines).toContain(
      '2026/cedar: credentials/2026/cedar.json is not the credential that was signed',
    );
    // The baked images still hold the signed JSON, not the changed file.
    expect(lines.every((line) => line.startsWith('2026/cedar: '))).toBe(true);
    expect(info).toEqual([]);
  });

  it("fails when an award's PNG is the plain artwork, with no credential baked in", async () => {
    const { dir, signed, file } = copySite();
    cpSync(
      file(paths.achievementImage('night-walk', 'png')),
      file(paths.credentialPng('2026/ash')),
    );
    const lines = failureLines((await check(dir, signed)).error);
    expect(lines).toEqual(['2026/ash: credentials/2026/ash.png does not hold its JSON']);
  });

  it('lists a missing SVG or JWT as a failure of that award, not as a crash', async () => {
    const { dir, signed, file } = copySite();
    rmSync(file(paths.credentialSvg('2026/ash')));
    rmSync(file(paths.credentialJwt('2026/cedar')));
    const lines = failureLines((await check(dir, signed)).error);
    expect(lines.sort()).toEqual([
      '2026/ash: credentials/2026/ash.svg is missing',
      '2026/cedar: credentials/2026/cedar.jwt is missing',
    ]);
  });

  it('fails when an award the content does not revoke is claimed revoked', async () => {
    const { dir, signed } = copySite();
    const lines = failureLines(
      (await check(dir, signed, new Set([...REVOKED, '2026/cedar']))).error,
    );
    expect(lines).toEqual([
      `2026/cedar: entry 8 of ${site}${STATUS_LIST} says not revoked, but the award is revoked`,
    ]);
  });

  it('fails when a revoked award is claimed not revoked', async () => {
    const { dir, signed } = copySite();
    const lines = failureLines((await check(dir, signed, new Set(['2026/birch']))).error);
    expect(lines).toEqual([
      `2026/dogwood: entry 131071 of ${site}${STATUS_LIST} says revoked, but the award is not ` +
        'revoked',
    ]);
  });

  it("fails at the proof step when the issuer's DID document holds another Ed25519 key", async () => {
    const { dir, signed, file } = copySite();
    const didFile = file('issuers/lantern-club/did.json');
    const did = JSON.parse(readFileSync(didFile, 'utf8'));
    const multikey = did.verificationMethod.find(
      (method: { type: string }) => method.type === 'Multikey',
    );
    const other = await (await Ed25519Multikey.generate()).export({ publicKey: true });
    expect(other.publicKeyMultibase).not.toBe(multikey.publicKeyMultibase);
    multikey.publicKeyMultibase = other.publicKeyMultibase;
    writeFileSync(didFile, `${JSON.stringify(did, null, 2)}\n`);
    const lines = failureLines((await check(dir, signed)).error);
    // Only the sampled credential (the first by id) is verified against the DID document.
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.every((line) => line.startsWith('2026/ash: '))).toBe(true);
    // The JSON's Data Integrity proof fails; the VC-JWT is signed with the RSA key, which still
    // matches, but the status list (signed with the Ed25519 key) fails for both forms, with the
    // same line, listed once.
    expect(lines.filter((line) => line.startsWith('2026/ash: proof: '))).toHaveLength(1);
    expect(lines.filter((line) => line.startsWith('2026/ash: status: '))).toHaveLength(1);
  });

  it('fails, naming the status list, when the status list file is missing', async () => {
    const { dir, signed, file } = copySite();
    rmSync(file(STATUS_LIST));
    const lines = failureLines((await check(dir, signed)).error);
    const unreadable = `${site}${STATUS_LIST} is unreadable: the built site has no ${STATUS_LIST}`;
    for (const id of signed.keys()) expect(lines).toContain(`${id}: ${unreadable}`);
    expect(lines.some((line) => line.startsWith('2026/ash: status: '))).toBe(true);
  });

  it("fails with ERR_LEAK when a page holds an earner's plaintext e-mail address", async () => {
    const { dir, signed, file } = copySite();
    const page = file(`${paths.awardPage('2026/ash')}index.html`);
    writeFileSync(page, `${readFileSync(page, 'utf8')}<p>someone@example.net</p>\n`);
    const { info, error } = await check(dir, signed);
    expect(error?.code).toBe('ERR_LEAK');
    expect(error?.message).toBe(
      'plaintext e-mail address(es) in the output: credentials/2026/ash/index.html ' +
        '(s***@example.net)',
    );
    expect(info).toEqual([]);
  });
});
