import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadContent } from '../../../src/core/content/load-content.ts';
import { assembleSite } from '../../../src/core/credential/assemble-site.ts';
import type { UnsignedCredential } from '../../../src/core/credential/types.ts';
import { LaurelError, LaurelErrors } from '../../../src/core/errors.ts';
import {
  CHANGED_HINT,
  comparePublished,
  formatPublishedRecord,
  type PublishedRecord,
  parsePublishedRecord,
  REMOVED_HINT,
} from '../../../src/core/publish/published-record.ts';
import {
  credentialHash,
  readPublishedRecord,
  recordPublished,
} from '../../../src/core/publish/published-record-node.ts';
import { siteUrls } from '../../../src/core/urls.ts';
import { GOOD_FILES, makeSite } from '../../support/temp-site.ts';

const FILE = 'content/published.json';
const HASH_A = 'a'.repeat(64);
const HASH_B = 'b'.repeat(64);
const entry = (sha256: string, validFrom = '2026-03-01T00:00:00Z') => ({ sha256, validFrom });

describe('formatPublishedRecord', () => {
  it('writes one award per line in code-point order, so branches merge cleanly', () => {
    const record: PublishedRecord = {
      '2026/b': entry(HASH_B),
      '10': entry(HASH_A),
      '2026/a': entry(HASH_A, '2026-01-01T00:00:00Z'),
    };
    expect(formatPublishedRecord(record)).toBe(
      [
        '{',
        `  "10": { "sha256": "${HASH_A}", "validFrom": "2026-03-01T00:00:00Z" },`,
        `  "2026/a": { "sha256": "${HASH_A}", "validFrom": "2026-01-01T00:00:00Z" },`,
        `  "2026/b": { "sha256": "${HASH_B}", "validFrom": "2026-03-01T00:00:00Z" }`,
        '}',
        '',
      ].join('\n'),
    );
    expect(formatPublishedRecord({})).toBe('{}\n');
    expect(parsePublishedRecord(formatPublishedRecord(record), FILE)).toEqual(record);
  });
});

describe('parsePublishedRecord', () => {
  const fails = (text: string) => {
    try {
      parsePublishedRecord(text, FILE);
    } catch (error) {
      return (error as LaurelError).format();
    }
    throw new Error('expected an error');
  };

  it('names the line of a merge conflict and of an award listed twice', () => {
    const line = (id: string, hash: string) =>
      `  "${id}": { "sha256": "${hash}", "validFrom": "2026-03-01T00:00:00Z" }`;
    expect(fails(`{\n${line('2026/a', HASH_A)},\n<<<<<<< HEAD\n}\n`)).toBe(
      'content/published.json:3: the published record has unresolved merge conflicts. Keep the ' +
        'lines of both sides, delete the markers and build again.',
    );
    expect(fails(`{\n${line('2026/a', HASH_A)},\n${line('2026/a', HASH_B)}\n}\n`)).toBe(
      'content/published.json:3: award "2026/a" is listed twice. Keep the line that matches the ' +
        'published credential and delete the other.',
    );
  });

  it('refuses malformed entries, naming the award', () => {
    expect(fails('{\n  "2026/a": { "sha256": "xyz", "validFrom": "2026" }\n}\n')).toBe(
      'content/published.json:2: 2026/a.sha256: the published record is malformed: must be 64 ' +
        'lower-case hex digits. Restore the file from git; it is written by the build.',
    );
    expect(fails('[]')).toContain('the published record is malformed');
  });
});

describe('comparePublished', () => {
  const current = (id: string, sha256: string, validFrom = '2026-03-01T00:00:00Z') => ({
    id,
    file: `content/awards/${id}.md`,
    line: 5,
    url: `https://badges.example.org/credentials/${id}.json`,
    entry: entry(sha256, validFrom),
  });
  const removed = (id: string) => ({
    file: `content/awards/${id}.md`,
    url: `https://badges.example.org/credentials/${id}.json`,
  });

  it('adds new awards and keeps unchanged ones', () => {
    const record = { '2026/a': entry(HASH_A) };
    const result = comparePublished(
      record,
      [current('2026/b', HASH_B), current('2026/a', HASH_A)],
      removed,
    );
    expect(result).toEqual({
      record: { '2026/a': entry(HASH_A), '2026/b': entry(HASH_B) },
      added: ['2026/b'],
      reissued: [],
      problems: [],
      removed: [],
    });
    expect(record).toEqual({ '2026/a': entry(HASH_A) });
  });

  it('accepts changed content with a later validFrom as a new version', () => {
    const later = '2026-12-03T00:00:00Z';
    const result = comparePublished(
      { '2026/a': entry(HASH_A) },
      [current('2026/a', HASH_B, later)],
      removed,
    );
    expect(result.reissued).toEqual(['2026/a']);
    expect(result.record['2026/a']).toEqual(entry(HASH_B, later));
    expect(result.problems).toEqual([]);
  });

  it('refuses changed content whose validFrom did not increase, naming the file and field', () => {
    for (const validFrom of ['2026-03-01T00:00:00Z', '2025-01-01T00:00:00Z']) {
      const { problems } = comparePublished(
        { '2026/a': entry(HASH_A) },
        [current('2026/a', HASH_B, validFrom)],
        removed,
      );
      expect(problems.map((problem) => problem.format())).toEqual([
        'content/awards/2026/a.md:5: validFrom: the signed content changed since it was ' +
          'published at https://badges.example.org/credentials/2026/a.json, but validFrom is ' +
          `still ${validFrom}. ${CHANGED_HINT}`,
      ]);
      expect(problems[0]?.code).toBe('ERR_PUBLISHED');
    }
    expect(CHANGED_HINT).toMatch(/^Set `validFrom:` to today \(the spec's equality rules/);
  });

  it('refuses a published award whose file is gone, with the revoke hint', () => {
    const { problems, removed: gone } = comparePublished(
      { '2026/gone': entry(HASH_A) },
      [],
      removed,
    );
    expect(gone).toEqual(['2026/gone']);
    expect(problems.map((problem) => problem.format())).toEqual([
      'content/awards/2026/gone.md: was published at ' +
        'https://badges.example.org/credentials/2026/gone.json; removing it breaks that URL. ' +
        REMOVED_HINT,
    ]);
    expect(REMOVED_HINT).toContain('add `revoked: { date, reason }` to withdraw it');
  });
});

describe('credentialHash', () => {
  const SITE = 'https://badges.example.org/';
  const credentialOf = (files: Record<string, string>): UnsignedCredential => {
    const content = loadContent(makeSite({ ...GOOD_FILES, ...files }));
    const site = assembleSite(content, siteUrls(SITE));
    return site.credentials.get('2026/one') as UnsignedCredential;
  };
  const one = GOOD_FILES['content/awards/2026/one.md'] as string;

  it('ignores the order of properties but nothing else', () => {
    const credential = credentialOf({});
    const reordered = Object.fromEntries(Object.entries(credential).reverse());
    expect(credentialHash(reordered as unknown as UnsignedCredential)).toBe(
      credentialHash(credential),
    );
    expect(credentialHash({ ...credential, name: 'Other' })).not.toBe(credentialHash(credential));
  });

  it('does not change when an award is revoked: revocation lives in the status list', () => {
    const revoked = one.replace(
      'awardedDate: 2026-03-01',
      'awardedDate: 2026-03-01\nrevoked: { date: 2026-06-01, reason: Withdrawn }',
    );
    expect(credentialHash(credentialOf({ 'content/awards/2026/one.md': revoked }))).toBe(
      credentialHash(credentialOf({})),
    );
  });

  it('changes with the narrative, the achievement and the issuer embedded in it', () => {
    const base = credentialHash(credentialOf({}));
    const narrative = one.replace('Fixed the docs.', 'Fixed the docs twice.');
    expect(credentialHash(credentialOf({ 'content/awards/2026/one.md': narrative }))).not.toBe(
      base,
    );
    const achievement = (GOOD_FILES['content/achievements/helper.md'] as string).replace(
      'Helped another member.',
      'Helped someone.',
    );
    expect(
      credentialHash(credentialOf({ 'content/achievements/helper.md': achievement })),
    ).not.toBe(base);
  });
});

describe('recordPublished', () => {
  const SITE = 'https://badges.example.org/';
  const logged: string[] = [];
  const logger = { info: (text: string) => logged.push(text), warn: (t: string) => logged.push(t) };
  const assembled = (root: string) => assembleSite(loadContent(root), siteUrls(SITE));

  it('development: writes new awards and asks for a commit; a second build writes nothing', async () => {
    const root = makeSite(GOOD_FILES);
    logged.length = 0;
    await recordPublished(root, assembled(root), 'development', logger);
    expect(logged).toEqual([
      'recorded 1 new and 0 re-issued award(s) in content/published.json; commit ' +
        'content/published.json',
    ]);
    const text = readFileSync(path.join(root, FILE), 'utf8');
    expect(Object.keys(await readPublishedRecord(root))).toEqual(['2026/one']);
    logged.length = 0;
    await recordPublished(root, assembled(root), 'development', logger);
    expect(logged).toEqual([]);
    expect(readFileSync(path.join(root, FILE), 'utf8')).toBe(text);
  });

  it('deploy: refuses a record that is out of date, and passes one that is not', async () => {
    const root = makeSite(GOOD_FILES);
    await expect(recordPublished(root, assembled(root), 'deploy', logger)).rejects.toThrow(
      'does not record 1 award(s) about to be published: 2026/one',
    );
    await recordPublished(root, assembled(root), 'development', logger);
    await expect(recordPublished(root, assembled(root), 'deploy', logger)).resolves.toBe(undefined);
  });

  it('throws every broken promise at once and writes nothing', async () => {
    const root = makeSite(GOOD_FILES);
    await recordPublished(root, assembled(root), 'development', logger);
    const record = readFileSync(path.join(root, FILE), 'utf8');
    const withGhost = record.replace(
      '{\n',
      `{\n  "2025/ghost": { "sha256": "${HASH_A}", "validFrom": "2025-01-01T00:00:00Z" },\n`,
    );
    writeFileSync(
      path.join(root, FILE),
      withGhost.replace(/"sha256": "[0-9a-f]+"(?=, "validFrom": "2026)/, `"sha256": "${HASH_B}"`),
    );
    const error = await recordPublished(root, assembled(root), 'development', logger).catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(LaurelErrors);
    expect((error as LaurelErrors).errors.map((problem) => problem.file)).toEqual([
      'content/awards/2026/one.md',
      'content/awards/2025/ghost.md',
    ]);
    expect(error instanceof LaurelError).toBe(false);
  });
});
