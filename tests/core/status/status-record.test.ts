import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { allocateStatusIndices } from '../../../src/core/status/allocate-status-indices-node.ts';
import {
  checkStatusRecord,
  compareCodePoints,
  formatStatusRecord,
  parseStatusRecord,
  type StatusRecord,
} from '../../../src/core/status/status-record.ts';
import {
  readStatusRecord,
  statusRecordFile,
  writeStatusRecord,
} from '../../../src/core/status/status-record-node.ts';

const FILE = 'content/status/otterloom.json';
const record = (indices: Record<string, number>): StatusRecord => ({
  list: 'revocation-1',
  length: 131_072,
  indices,
});

describe('formatStatusRecord', () => {
  it('writes one award per line, sorted by code point', () => {
    const indices = { '2026/b': 2, '10': 10, '9': 9, '\u{1F600}': 3, '\u{FF5E}': 4, '2026/a': 1 };
    expect(formatStatusRecord(record(indices))).toBe(
      [
        '{',
        '  "list": "revocation-1",',
        '  "length": 131072,',
        '  "indices": {',
        '    "10": 10,',
        '    "2026/a": 1,',
        '    "2026/b": 2,',
        '    "9": 9,',
        '    "\u{FF5E}": 4,',
        '    "\u{1F600}": 3',
        '  }',
        '}',
        '',
      ].join('\n'),
    );
  });

  it('writes an empty record on one line', () => {
    expect(formatStatusRecord(record({}))).toContain('"indices": {}\n}\n');
  });

  it('orders astral characters after the rest of the BMP', () => {
    expect(['\u{1F600}', '\u{FF5E}', 'a'].sort(compareCodePoints)).toEqual([
      'a',
      '\u{FF5E}',
      '\u{1F600}',
    ]);
    expect(compareCodePoints('ab', 'a')).toBeGreaterThan(0);
    expect(compareCodePoints('a', 'a')).toBe(0);
  });
});

describe('parseStatusRecord and checkStatusRecord', () => {
  const good = record({ '2025/a': 1, '2025/b': 131_071 });

  it('reads what formatStatusRecord writes', () => {
    expect(parseStatusRecord(formatStatusRecord(good), FILE)).toEqual(good);
  });

  it.each([
    ['another list', { ...good, list: 'revocation-2' }, /for list "revocation-2"/, 'list'],
    ['another length', { ...good, length: 65_536 }, /65536 bits long/, 'length'],
    ['an index past the end', record({ '2025/a': 131_072 }), /131072/, 'indices.2025/a'],
    ['a negative index', record({ '2025/a': -1 }), /index -1/, 'indices.2025/a'],
    ['a fractional index', record({ '2025/a': 1.5 }), /index 1.5/, 'indices.2025/a'],
  ])('rejects %s', (_name, bad, message, field) => {
    expect(() => checkStatusRecord(bad, FILE)).toThrow(
      expect.objectContaining({
        code: 'ERR_STATUS',
        file: FILE,
        field,
        message: expect.stringMatching(message),
      }),
    );
  });

  it('rejects an index held by two awards, naming both', () => {
    expect(() => checkStatusRecord(record({ '2025/b': 7, '2025/a': 7 }), FILE)).toThrow(
      'Awards "2025/a" and "2025/b" share status index 7',
    );
  });

  it('rejects an award listed twice, with its line', () => {
    const text = formatStatusRecord(good).replace('"2025/b"', '"2025/a"');
    expect(() => parseStatusRecord(text, FILE)).toThrow(
      expect.objectContaining({ message: 'award "2025/a" is listed twice', line: 6 }),
    );
  });

  it.each([
    ['broken JSON', '{ "list": ', /not valid JSON/],
    ['an unknown field', '{"list":"revocation-1","length":131072,"indices":{},"x":1}', /malformed/],
    ['a string index', '{"list":"revocation-1","length":131072,"indices":{"a":"1"}}', /malformed/],
    ['conflict markers', '{\n<<<<<<< ours\n=======\n>>>>>>> theirs\n}', /merge conflicts/],
  ])('rejects %s, naming the file', (_name, text, message) => {
    expect(() => parseStatusRecord(text, FILE)).toThrow(
      expect.objectContaining({
        code: 'ERR_STATUS',
        file: FILE,
        message: expect.stringMatching(message),
      }),
    );
  });
});

describe('readStatusRecord and writeStatusRecord', () => {
  let root = '';
  beforeEach(() => {
    root = mkdtempSync(path.join(tmpdir(), 'laurel-status-'));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('reads nothing for an issuer without a record', async () => {
    expect(await readStatusRecord(root, 'otterloom')).toBeUndefined();
  });

  it('round-trips the file byte for byte and writes only on change', async () => {
    const awards = Array.from({ length: 200 }, (_, i) => `2026/award-${i}`);
    const { record: allocated } = allocateStatusIndices(undefined, 'otterloom', awards);
    expect(await writeStatusRecord(root, 'otterloom', allocated)).toBe(true);
    const file = path.join(root, statusRecordFile('otterloom'));
    const written = readFileSync(file);

    const read = await readStatusRecord(root, 'otterloom');
    expect(read).toEqual(allocated);
    expect(await writeStatusRecord(root, 'otterloom', read as StatusRecord)).toBe(false);
    expect(readFileSync(file).equals(written)).toBe(true);

    const keys = [...written.toString('utf8').matchAll(/^ {4}"([^"]+)":/gm)].map((m) => m[1] ?? '');
    expect(keys).toHaveLength(200);
    expect(keys).toEqual([...keys].sort(compareCodePoints));
  });

  it('refuses to write a record that fails the check', async () => {
    await expect(
      writeStatusRecord(root, 'otterloom', record({ a: 1, b: 1 })),
    ).rejects.toMatchObject({ code: 'ERR_STATUS', file: FILE });
  });

  it('names the record file when it is broken on disk', async () => {
    await writeStatusRecord(root, 'otterloom', record({}));
    writeFileSync(path.join(root, FILE), '{');
    await expect(readStatusRecord(root, 'otterloom')).rejects.toMatchObject({ file: FILE });
  });
});
