import { spawnSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readJson } from '../support/built-site.ts';
import { PROJECT_ROOT } from '../support/paths.ts';

/**
 * Never break a published badge: one copy of the basic fixture built again and again, the way a
 * maintainer's history goes. The steps run in order and each builds on the one before.
 */
const SITE = 'https://badges.example.org/guild/';
const WORK = path.join(PROJECT_ROOT, 'tests/.tmp/published');
const ROOT = path.join(WORK, 'site');
const OUT = path.join(WORK, 'dist');
const RECORD = path.join(ROOT, 'content/published.json');
const STATUS = path.join(ROOT, 'content/status/fixture-guild.json');
const EARLY = 'content/awards/2025/early-first-patch.md';
const ZOE = 'content/awards/2026/zoe-first-patch.md';
const DID = 'content/awards/2026/did-holder-reviewer.md';
const NEW = 'content/awards/2026/new-first-patch.md';

function build() {
  const result = spawnSync(
    process.execPath,
    [path.join(PROJECT_ROOT, 'tests/support/build-site.ts'), ROOT, OUT, SITE],
    { cwd: PROJECT_ROOT, encoding: 'utf8' },
  );
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

const read = (file: string) => readFileSync(path.join(ROOT, file), 'utf8');
const write = (file: string, text: string) => writeFileSync(path.join(ROOT, file), text);
const record = () =>
  JSON.parse(readFileSync(RECORD, 'utf8')) as Record<string, { validFrom: string }>;

describe('the published record', () => {
  beforeAll(() => {
    rmSync(WORK, { recursive: true, force: true });
    mkdirSync(WORK, { recursive: true });
    cpSync(path.join(PROJECT_ROOT, 'tests/fixtures/sites/basic'), ROOT, { recursive: true });
  });

  it('is written by the first build, one award per line, sorted by id', () => {
    const { status, output } = build();
    expect(status, output).toBe(0);
    expect(output).toContain(
      'recorded 5 new and 0 re-issued award(s) in content/published.json; commit ' +
        'content/published.json',
    );
    const lines = readFileSync(RECORD, 'utf8').trimEnd().split('\n');
    expect(
      lines
        .slice(1, -1)
        .map(
          (line) =>
            /^ {2}"([^"]+)": \{ "sha256": "[0-9a-f]{64}", "validFrom": "[^"]+" \},?$/.exec(
              line,
            )?.[1],
        ),
    ).toEqual([
      '2025/early-first-patch',
      '2026/did-holder-reviewer',
      '2026/hashed-first-patch',
      '2026/spring/nested-reviewer',
      '2026/zoe-first-patch',
    ]);
  });

  it('stops the build when a published award file is removed, with the revoke hint', () => {
    const award = read(ZOE);
    rmSync(path.join(ROOT, ZOE));
    const { status, output } = build();
    expect(status).not.toBe(0);
    // One problem that names both records listing the award, so that one edit fixes it.
    expect(output).toContain(
      `${ZOE}: was published at ${SITE}credentials/2026/zoe-first-patch.json; removing it ` +
        'breaks that URL. Restore the file and add `revoked: { date, reason }` to withdraw it. ' +
        'If it was never published (it is new in this pull request), delete its line from both ' +
        'content/status/fixture-guild.json and content/published.json.',
    );
    expect(output).toContain('Laurel stopped the build: 1 problem(s)');
    expect(output).toContain('Nothing was published.');
    expect(existsSync(OUT)).toBe(false);

    // Without the status record's line, the published record still remembers the URL.
    const statusRecord = readFileSync(STATUS, 'utf8');
    writeFileSync(
      STATUS,
      statusRecord.replace(/\n\s+"2026\/zoe-first-patch": \d+/, '').replace(/,(\n\s+})/, '$1'),
    );
    const again = build();
    expect(again.status).not.toBe(0);
    expect(again.output).toContain(
      `${ZOE}: was published at ${SITE}credentials/2026/zoe-first-patch.json; removing it ` +
        'breaks that URL. Restore the file and add `revoked: { date, reason }` to withdraw it.',
    );
    expect(existsSync(OUT)).toBe(false);
    write(ZOE, award);
    writeFileSync(STATUS, statusRecord);
  });

  it('stops the build when signed content changes without a later validFrom', () => {
    const original = read(EARLY);
    write(EARLY, original.replace('The earliest award', 'The very earliest award'));
    const { status, output } = build();
    expect(status).not.toBe(0);
    expect(output).toContain(
      `${EARLY}:6: validFrom: the signed content changed since it was published at ` +
        `${SITE}credentials/2025/early-first-patch.json, but validFrom is still ` +
        '2025-12-24T23:30:00Z. Set `validFrom:` to today',
    );
    expect(existsSync(OUT)).toBe(false);
  });

  it('builds the change with a later validFrom, and records the new version', () => {
    const changed = read(EARLY).replace(
      'awardedDate: 2025-12-24T18:30:00-05:00',
      'awardedDate: 2025-12-24T18:30:00-05:00\nvalidFrom: 2026-12-03',
    );
    write(EARLY, changed);
    const { status, output } = build();
    expect(status, output).toBe(0);
    expect(output).toContain('recorded 0 new and 1 re-issued award(s)');
    expect(record()['2025/early-first-patch']?.validFrom).toBe('2026-12-03T00:00:00Z');
    const credential = readJson(OUT, 'credentials/2025/early-first-patch.json');
    expect(credential.validFrom).toBe('2026-12-03T00:00:00Z');
    expect(credential.awardedDate).toBe('2025-12-24T23:30:00Z');
  });

  it('records nothing when a late check fails, and all of it once the build passes', () => {
    const records = () => [readFileSync(RECORD), readFileSync(STATUS)];
    const before = records();
    const corrected = read(DID).replace(
      'awardedDate: 2026-02-01T12:00:00+09:00',
      'awardedDate: 2026-02-01T12:00:00+09:00\nvalidFrom: 2026-12-04',
    );
    write(DID, corrected.replace('name: Mika Järvinen', 'name: Mika Järvinen-Example'));
    write(NEW, read(ZOE).replace('zoe-obrien', 'new-earner'));
    // Percent-encoded, the address gets past the content check and is caught by the output
    // scan, the last check there is, after every record was worked out.
    const leak = 'https://example.org/?by=jane.doe%40example.com';
    const renamed = read(DID);
    write(DID, `${renamed.trimEnd()}\n\n${leak}\n`);
    const failed = build();
    expect(failed.status).not.toBe(0);
    expect(failed.output).toContain('plaintext e-mail address(es) in the output:');
    expect(failed.output).toContain('Nothing was published.');
    expect(existsSync(OUT)).toBe(false);
    const after = records();
    expect(after[0]?.toString('utf8')).toBe(before[0]?.toString('utf8'));
    expect(after[0]?.equals(before[0] as Buffer)).toBe(true);
    expect(after[1]?.equals(before[1] as Buffer)).toBe(true);
    expect(failed.output).not.toContain('recorded ');
    expect(failed.output).not.toContain('status index');
    expect(readdirSync(path.join(ROOT, 'content/status'))).toEqual(['fixture-guild.json']);
    expect(readdirSync(path.join(ROOT, 'content')).sort()).toEqual([
      'achievements',
      'awards',
      'issuers',
      'published.json',
      'status',
    ]);

    // Without the address the same content builds: nothing was published, so nothing refuses it.
    write(DID, renamed);
    const passed = build();
    expect(passed.status, passed.output).toBe(0);
    expect(passed.output).toContain(
      'gave 1 new award(s) a status index in content/status/fixture-guild.json; commit it',
    );
    expect(passed.output).toContain(
      'recorded 1 new and 1 re-issued award(s) in content/published.json; commit ' +
        'content/published.json',
    );
    expect(record()['2026/did-holder-reviewer']?.validFrom).toBe('2026-12-04T00:00:00Z');
    expect(Object.keys(record())).toContain('2026/new-first-patch');
    expect(readFileSync(STATUS, 'utf8')).toContain('"2026/new-first-patch": ');
  });

  it('treats revoking as no change of signed content', () => {
    const before = readFileSync(RECORD, 'utf8');
    write(
      ZOE,
      read(ZOE).replace(
        'awardedDate: 2026-01-15',
        'awardedDate: 2026-01-15\nrevoked: { date: 2026-12-03, reason: Awarded by mistake }',
      ),
    );
    const { status, output } = build();
    expect(status, output).toBe(0);
    expect(output).not.toContain('content/published.json');
    expect(readFileSync(RECORD, 'utf8')).toBe(before);
  });
});
