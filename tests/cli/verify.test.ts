import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CliIo } from '../../src/cli/io.ts';
import { main } from '../../src/cli/laurel.ts';
import { makeBadges } from '../core/verify/badges.ts';
import { DID_URL, JWK_URL, SITE, STATUS_URL, world } from '../core/verify/world.ts';
import { captureIo } from '../support/run-command.ts';

function capture(root: string): CliIo & { out: string[]; err: string[] } {
  const { io, out, err } = captureIo(root);
  return Object.assign(io, { out, err });
}

/** A built-site folder with the test club's badge in four forms and the documents to check it. */
async function siteFolder(): Promise<string> {
  const root = mkdtempSync(path.join(tmpdir(), 'laurel-verify-cli-'));
  const badges = await makeBadges();
  const documents = await world();
  const write = (relative: string, data: string | Uint8Array) => {
    const file = path.join(root, relative);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, data);
  };
  for (const url of [DID_URL, STATUS_URL, JWK_URL])
    write(url.slice(SITE.length), JSON.stringify(documents[url]));
  write('credentials/2026/ada.json', badges.json);
  write('credentials/2026/ada.jwt', badges.jwt);
  write('credentials/2026/ada.png', badges.png);
  write('credentials/2026/ada.svg', badges.svgJwt);
  return root;
}

const site = await siteFolder();
const OFFLINE = ['--site-dir', site, '--site', SITE, '--offline', '--now', '2026-06-01T00:00:00Z'];

describe('laurel verify', () => {
  it('verifies every credential of a built site folder, offline', async () => {
    const io = capture(site);
    expect(await main(['verify', '.', ...OFFLINE], io)).toBe(0);
    expect(io.out.map((text) => text.split('\n')[0])).toEqual([
      '✓ credentials/2026/ada.json  verified',
      '✓ credentials/2026/ada.jwt  verified',
      '✓ credentials/2026/ada.png  verified',
      '✓ credentials/2026/ada.svg  verified',
      '4 passed, 0 failed',
    ]);
  });

  it('says a changed credential is forged, and exits 1', async () => {
    const badges = await makeBadges();
    const forged = { ...badges.credential, name: 'Grand Master' };
    const file = path.join(site, 'forged.json');
    writeFileSync(file, JSON.stringify(forged));
    const io = capture(site);
    expect(await main(['verify', file, ...OFFLINE], io)).toBe(1);
    expect(io.out[0]).toMatch(/^✗ .*forged\.json {2}forged: The signature does not match/);
    expect(io.out.at(-1)).toBe('0 passed, 1 failed');
  });

  it('prints machine-readable results with --json', async () => {
    const io = capture(site);
    expect(await main(['verify', 'credentials/2026/ada.png', '--json', ...OFFLINE], io)).toBe(0);
    const report = JSON.parse(io.out.join('\n'));
    expect(report).toHaveLength(1);
    expect(report[0]).toMatchObject({
      input: 'credentials/2026/ada.png',
      verdict: 'verified',
      format: 'png',
    });
    expect(report[0].steps.map((step: { id: string }) => step.id)).toContain('status');
  });

  it('checks the recipient with --email and lists every check with -v', async () => {
    const io = capture(site);
    const code = await main(
      ['verify', 'credentials/2026/ada.json', '--email', 'eve@example.org', '-v', ...OFFLINE],
      io,
    );
    expect(code).toBe(1);
    expect(io.out[0]).toContain('invalid: It was not issued to eve@example.org.');
    expect(io.out[0]).toContain(
      '    ✓ proof: The eddsa-rdfc-2022 signature matches the credential.',
    );
  });

  it('reads expired and not-yet-valid against --now', async () => {
    const io = capture(site);
    const later = OFFLINE.map((value) =>
      value.startsWith('2026-06') ? '2029-01-01T00:00:00Z' : value,
    );
    expect(await main(['verify', 'credentials/2026/ada.json', ...later], io)).toBe(1);
    expect(io.out[0]).toContain('expired: It expired on 2028-03-01T00:00:00Z.');
  });

  it('reports what could not be fetched without --site-dir, rather than passing it', async () => {
    const io = capture(site);
    expect(await main(['verify', 'credentials/2026/ada.json', '--offline'], io)).toBe(1);
    expect(io.out[0]).toMatch(/unverifiable: .*--offline/);
  });

  it('explains wrong usage on stderr and exits 1', async () => {
    const cases: [string[], RegExp][] = [
      [[], /give at least one file/],
      [['x.json', '--site-dir', site], /--site-dir and --site go together/],
      [['missing.json'], /missing\.json does not exist/],
      [['.', '--now', 'soon'], /--now "soon" is not a date-time/],
    ];
    for (const [args, message] of cases) {
      const io = capture(site);
      expect(await main(['verify', ...args], io)).toBe(1);
      expect(io.err.join('\n')).toMatch(message);
    }
    const empty = mkdtempSync(path.join(tmpdir(), 'laurel-verify-empty-'));
    const io = capture(empty);
    expect(await main(['verify', '.'], io)).toBe(1);
    expect(io.err.join('\n')).toMatch(/holds no credential files/);
  });

  it('prints its help', async () => {
    const io = capture(site);
    expect(await main(['verify', '--help'], io)).toBe(0);
    expect(io.out[0]).toMatch(/^Usage: laurel verify <file\|url\|folder>\.\.\./);
  });
});
