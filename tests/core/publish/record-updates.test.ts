import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { assembleWithIndices } from '../../../src/cli/site-records.ts';
import {
  commitRecordUpdates,
  type RecordUpdate,
} from '../../../src/core/content/committed-record-node.ts';
import { loadContent } from '../../../src/core/content/load-content.ts';
import { LaurelErrors } from '../../../src/core/errors.ts';
import { prepareSite } from '../../../src/core/publish/prepare-site-node.ts';
import { recordPublished } from '../../../src/core/publish/published-record-node.ts';
import { allocateSiteStatus } from '../../../src/core/publish/status-allocation-node.ts';
import { GOOD_FILES, makeSite } from '../../support/temp-site.ts';

/**
 * A build works out its records (`content/status/<issuer>.json`, `content/published.json`) while
 * it prepares the site and writes them only at the very end, once every check has passed.
 */
const SITE = 'https://badges.example.org/';
const PUBLISHED = 'content/published.json';
const STATUS = 'content/status/club.json';
const ONE = 'content/awards/2026/one.md';

function collect() {
  const lines: string[] = [];
  return {
    lines,
    logger: { info: (t: string) => lines.push(t), warn: (t: string) => lines.push(t) },
  };
}

const prepare = (root: string, env: Record<string, string> = {}) =>
  prepareSite({ site: SITE, root, contentDir: 'content', keysDir: 'keys' }, env, collect().logger);

/** Every file under `content/` with its bytes, to compare before and after. */
function snapshot(root: string): Map<string, string> {
  const dir = path.join(root, 'content');
  const files = readdirSync(dir, { recursive: true, withFileTypes: true }).filter((entry) =>
    entry.isFile(),
  );
  return new Map(
    files.map((entry) => {
      const file = path.join(entry.parentPath, entry.name);
      return [path.relative(root, file), readFileSync(file).toString('base64')];
    }),
  );
}

/** A site built once: both records committed, as after a successful `npm run build`. */
async function builtSite(): Promise<string> {
  const root = makeSite(GOOD_FILES);
  const prepared = await prepare(root);
  await commitRecordUpdates(root, prepared.records, collect().logger);
  return root;
}

async function problemsOf(promise: Promise<unknown>): Promise<string[]> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(LaurelErrors);
  return (error as LaurelErrors).errors.map((problem) => problem.format());
}

describe('prepareSite', () => {
  it('writes no record, and commits the same bytes the record-writing steps write', async () => {
    const root = makeSite(GOOD_FILES);
    const before = snapshot(root);
    const prepared = await prepare(root);
    expect(snapshot(root)).toEqual(before);
    expect(prepared.records.map((update) => [update.file, update.before])).toEqual([
      [STATUS, undefined],
      [PUBLISHED, undefined],
    ]);

    const { lines, logger } = collect();
    await commitRecordUpdates(root, prepared.records, logger);
    expect(lines).toEqual([
      `gave 1 new award(s) a status index in ${STATUS}; commit it`,
      `recorded 1 new and 0 re-issued award(s) in ${PUBLISHED}; commit ${PUBLISHED}`,
    ]);

    // `laurel award` writes its records at once; the bytes must be the build's.
    const other = makeSite(GOOD_FILES);
    const content = loadContent(other);
    const indices = await allocateSiteStatus(other, content, 'development', logger);
    await recordPublished(
      other,
      assembleWithIndices(content, SITE, indices),
      'development',
      logger,
    );
    for (const file of [STATUS, PUBLISHED]) {
      expect(readFileSync(path.join(root, file), 'utf8')).toBe(
        readFileSync(path.join(other, file), 'utf8'),
      );
    }

    // A second build of the same content has nothing to record.
    expect((await prepare(root)).records).toEqual([]);
  });

  it('names every record that lists a deleted award in one problem', async () => {
    const root = await builtSite();
    rmSync(path.join(root, ONE));
    const records = snapshot(root);
    expect(await problemsOf(prepare(root))).toEqual([
      `${ONE}: was published at ${SITE}credentials/2026/one.json; removing it breaks that URL. ` +
        'Restore the file and add `revoked: { date, reason }` to withdraw it. If it was never ' +
        'published (it is new in this pull request), delete its line from both ' +
        `${STATUS} and ${PUBLISHED}.`,
    ]);
    expect(snapshot(root)).toEqual(records);

    // Doing what the message says (for an award never published) is enough: the build passes.
    writeFileSync(path.join(root, PUBLISHED), '{}\n');
    const status = readFileSync(path.join(root, STATUS), 'utf8');
    writeFileSync(path.join(root, STATUS), status.replace(/\{\n.*"2026\/one".*\n\s*\}/, '{}'));
    expect((await prepare(root)).records).toEqual([]);
  });

  it('names only the records that still list a deleted award', async () => {
    const root = await builtSite();
    rmSync(path.join(root, ONE));
    const published = readFileSync(path.join(root, PUBLISHED), 'utf8');
    writeFileSync(path.join(root, PUBLISHED), '{}\n');
    expect(await problemsOf(prepare(root))).toEqual([
      `${ONE}: is listed in ${STATUS} but its file is gone. Restore the file and add ` +
        '`revoked: { date, reason }` to withdraw it. If it was never published (it is new in ' +
        `this pull request), delete its line from ${STATUS}.`,
    ]);

    writeFileSync(path.join(root, PUBLISHED), published);
    const status = readFileSync(path.join(root, STATUS), 'utf8');
    writeFileSync(path.join(root, STATUS), status.replace(/\{\n.*"2026\/one".*\n\s*\}/, '{}'));
    expect(await problemsOf(prepare(root))).toEqual([
      `${ONE}: was published at ${SITE}credentials/2026/one.json; removing it breaks that URL. ` +
        'Restore the file and add `revoked: { date, reason }` to withdraw it. If it was never ' +
        `published (it is new in this pull request), delete its line from ${PUBLISHED}.`,
    ]);
  });
});

describe('commitRecordUpdates', () => {
  const update = (file: string, before: string | undefined, text: string): RecordUpdate => ({
    file,
    before,
    text,
    message: `wrote ${file}`,
    code: 'ERR_PUBLISHED',
  });

  it('writes every changed record and says so, leaving no temporary file', async () => {
    const root = makeSite({ [PUBLISHED]: '{}\n' });
    const { lines, logger } = collect();
    await commitRecordUpdates(
      root,
      [update(STATUS, undefined, 'status\n'), update(PUBLISHED, '{}\n', '{}\n')],
      logger,
    );
    expect(readFileSync(path.join(root, STATUS), 'utf8')).toBe('status\n');
    expect(lines).toEqual([`wrote ${STATUS}`]);
    expect(readdirSync(path.join(root, 'content/status'))).toEqual(['club.json']);
    expect(readdirSync(path.join(root, 'content'))).toEqual(['published.json', 'status']);
  });

  it('writes nothing when a record changed since the build read it', async () => {
    const root = makeSite({ [PUBLISHED]: '{ "edited": "by hand" }\n' });
    const before = snapshot(root);
    const { lines, logger } = collect();
    await expect(
      commitRecordUpdates(
        root,
        [update(STATUS, undefined, 'status\n'), update(PUBLISHED, '{}\n', 'new\n')],
        logger,
      ),
    ).rejects.toMatchObject({ code: 'ERR_PUBLISHED', file: PUBLISHED });
    expect(snapshot(root)).toEqual(before);
    expect(existsSync(path.join(root, 'content/status'))).toBe(false);
    expect(lines).toEqual([]);
  });

  it('writes nothing when one record cannot be staged', async () => {
    const root = makeSite({ [PUBLISHED]: '{}\n', 'content/blocked': 'a file, not a folder' });
    const before = snapshot(root);
    await expect(
      commitRecordUpdates(
        root,
        [update(PUBLISHED, '{}\n', 'new\n'), update('content/blocked/x.json', undefined, 'x\n')],
        collect().logger,
      ),
    ).rejects.toThrow();
    expect(snapshot(root)).toEqual(before);
    expect(readdirSync(path.join(root, 'content')).sort()).toEqual(['blocked', 'published.json']);
  });
});
