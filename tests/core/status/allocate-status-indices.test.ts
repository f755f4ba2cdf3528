import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  allocateStatusIndices,
  probeStart,
} from '../../../src/core/status/allocate-status-indices-node.ts';
import {
  checkStatusRecord,
  formatStatusRecord,
  parseStatusRecord,
  type StatusRecord,
} from '../../../src/core/status/status-record.ts';

const SLUG = 'otterloom';
const LENGTH = 131_072;
const FILE = 'content/status/otterloom.json';

const ids = (prefix: string, count: number) =>
  Array.from({ length: count }, (_, i) => `${prefix}-${i}`);

/** Two award ids, one per prefix, whose searches start at the same index. */
function collidingPair(left: string, right: string): [string, string] {
  const starts = new Map(ids(left, 4_000).map((id) => [probeStart(SLUG, id, LENGTH), id]));
  for (const id of ids(right, 100_000)) {
    const match = starts.get(probeStart(SLUG, id, LENGTH));
    if (match) return [match, id];
  }
  throw new Error('no colliding pair found');
}

describe('probeStart', () => {
  it('is SHA-256 of "<slug>\\n<award id>" modulo the list length', () => {
    expect(probeStart(SLUG, '2025/amelie-rousseau-first-thread', LENGTH)).toBe(106_226);
    expect(probeStart(SLUG, '2025/jose-pena-release-steward', LENGTH)).toBe(24_434);
    expect(probeStart('another-issuer', '2025/jose-pena-release-steward', LENGTH)).not.toBe(24_434);
  });
});

describe('allocateStatusIndices', () => {
  it('starts a record for an issuer that has none', () => {
    const { record, added, removed } = allocateStatusIndices(undefined, SLUG, [
      '2025/jose-pena-release-steward',
      '2025/amelie-rousseau-first-thread',
    ]);
    expect(record).toEqual({
      list: 'revocation-1',
      length: LENGTH,
      indices: {
        '2025/amelie-rousseau-first-thread': 106_226,
        '2025/jose-pena-release-steward': 24_434,
      },
    });
    expect(added).toEqual(['2025/amelie-rousseau-first-thread', '2025/jose-pena-release-steward']);
    expect(removed).toEqual([]);
  });

  it('never moves an existing award, even one sitting on a new award’s first choice', () => {
    const [first, second] = collidingPair('2026/a', '2026/b');
    const before = allocateStatusIndices(undefined, SLUG, [second]).record;
    const after = allocateStatusIndices(before, SLUG, [first, second, '2026/c']).record;
    expect(after.indices[second]).toBe(before.indices[second]);
    // In a fresh allocation `first`, sorting first, would have won the slot.
    expect(after.indices[first]).toBe(((before.indices[second] ?? 0) + 1) % LENGTH);
    expect(allocateStatusIndices(undefined, SLUG, [first, second]).record.indices[first]).toBe(
      before.indices[second],
    );
  });

  it('is idempotent and does not modify its input', () => {
    const once = allocateStatusIndices(undefined, SLUG, ids('2026/x', 50)).record;
    const frozen = structuredClone(once);
    const twice = allocateStatusIndices(once, SLUG, ids('2026/x', 50));
    expect(twice.added).toEqual([]);
    expect(twice.record).toEqual(once);
    expect(once).toEqual(frozen);
  });

  it('does not depend on the order the awards are listed in', () => {
    const forward = ids('2026/y', 300);
    const one = allocateStatusIndices(undefined, SLUG, forward).record;
    const two = allocateStatusIndices(undefined, SLUG, [...forward].reverse()).record;
    expect(formatStatusRecord(two)).toBe(formatStatusRecord(one));
  });

  it('keeps awards missing from content and reports them as removed', () => {
    const record = allocateStatusIndices(undefined, SLUG, ['2025/a', '2025/b']).record;
    const result = allocateStatusIndices(record, SLUG, ['2025/b']);
    expect(result.removed).toEqual(['2025/a']);
    expect(result.record.indices['2025/a']).toBe(record.indices['2025/a']);
  });

  it('wraps around past the last index', () => {
    const id = ids('2026/z', 10_000).find((award) => probeStart(SLUG, award, LENGTH) > LENGTH - 40);
    const start = probeStart(SLUG, id ?? '', LENGTH);
    const taken = Object.fromEntries(
      Array.from({ length: LENGTH - start }, (_, i) => [`taken-${i}`, start + i]),
    );
    const record: StatusRecord = { list: 'revocation-1', length: LENGTH, indices: taken };
    expect(allocateStatusIndices(record, SLUG, [id ?? '']).record.indices[id ?? '']).toBe(0);
  });

  // Its speed is measured by the build benchmark, not asserted here.
  it('allocates 10,000 awards with no index used twice', () => {
    const awards = ids('2026/award', 10_000);
    const { record } = allocateStatusIndices(undefined, SLUG, awards);
    expect(new Set(Object.values(record.indices)).size).toBe(10_000);
    expect(() => checkStatusRecord(record, FILE)).not.toThrow();
  });
});

describe('two branches that each add an award', () => {
  // `first` and `second` collide; the two base awards sort between them, so git
  // sees the two additions as separate hunks and merges without complaint.
  const [first, second] = collidingPair('2026/alpha', '2026/zulu');
  const base = allocateStatusIndices(undefined, SLUG, ['2026/middle-1', '2026/middle-2']).record;
  const ours = allocateStatusIndices(base, SLUG, [...Object.keys(base.indices), first]).record;
  const theirs = allocateStatusIndices(base, SLUG, [...Object.keys(base.indices), second]).record;

  it('get the same index on each branch', () => {
    expect(ours.indices[first]).toBe(theirs.indices[second]);
  });

  it('merge cleanly in git into a record the check rejects, naming both awards', ({ skip }) => {
    const merged = mergeWithGit(base, ours, theirs, skip);
    expect(merged.conflicts).toBe(0);
    const failure = () => parseStatusRecord(merged.text, FILE);
    expect(failure).toThrow(`Awards "${first}" and "${second}" share status index`);
    expect(failure).toThrow(expect.objectContaining({ code: 'ERR_STATUS', file: FILE }));
  });

  it('are rejected when merged by hand as well', () => {
    const indices = { ...ours.indices, ...theirs.indices };
    expect(() => checkStatusRecord({ ...base, indices }, FILE)).toThrow(
      new RegExp(`"${first}" and "${second}"`),
    );
  });

  it('conflict loudly when both add after the last line', ({ skip }) => {
    const tail = allocateStatusIndices(base, SLUG, ['2026/middle-1', '2026/middle-2', '2026/o']);
    const other = allocateStatusIndices(base, SLUG, ['2026/middle-1', '2026/middle-2', '2026/p']);
    const merged = mergeWithGit(base, tail.record, other.record, skip);
    expect(merged.conflicts).toBeGreaterThan(0);
    expect(() => parseStatusRecord(merged.text, FILE)).toThrow(/unresolved merge conflicts/);
  });
});

function mergeWithGit(
  base: StatusRecord,
  ours: StatusRecord,
  theirs: StatusRecord,
  skip: (note: string) => never,
): { text: string; conflicts: number } {
  const dir = mkdtempSync(path.join(tmpdir(), 'laurel-status-merge-'));
  try {
    const files = { ours, base, theirs };
    for (const [name, record] of Object.entries(files)) {
      writeFileSync(path.join(dir, name), formatStatusRecord(record));
    }
    // `git merge-file` merges three plain files as `git merge` would; no repository
    // is involved.
    const result = spawnSync('git', ['merge-file', 'ours', 'base', 'theirs'], { cwd: dir });
    if (result.error) skip(`git is not available: ${result.error.message}`);
    return { text: readFileSync(path.join(dir, 'ours'), 'utf8'), conflicts: result.status ?? -1 };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
