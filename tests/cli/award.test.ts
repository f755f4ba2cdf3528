import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { slugOf } from '../../src/cli/award-file.ts';
import { type AwardIo, awardCommand } from '../../src/cli/commands/award.ts';
import { loadContent } from '../../src/core/content/load-content.ts';
import { emailMatchesHash } from '../../src/core/credential/identity-hash.ts';
import { readPublishedRecord } from '../../src/core/publish/published-record-node.ts';
import { readStatusRecord } from '../../src/core/status/status-record-node.ts';
import { GOOD_FILES, makeSite } from '../support/temp-site.ts';

const SITE = 'https://badges.example.org/';
const CONFIG = { 'astro.config.mjs': `export default { site: '${SITE}' };\n` };

/** Runs `laurel award ...` in a site made of the good files and captures its output. */
async function award(argv: string[], options: { root?: string; answers?: string[] } = {}) {
  const root = options.root ?? makeSite({ ...GOOD_FILES, ...CONFIG });
  const out: string[] = [];
  const err: string[] = [];
  const answers = options.answers ? [...options.answers] : undefined;
  const questions: string[] = [];
  const io: AwardIo = {
    root,
    env: {},
    stdout: (text) => out.push(text),
    stderr: (text) => err.push(text),
    today: '2026-12-03',
    ask: answers
      ? async (question) => {
          questions.push(question);
          return answers.shift() ?? '';
        }
      : undefined,
  };
  const status = await awardCommand(argv, io);
  return { status, root, stdout: out.join('\n'), stderr: err.join('\n'), questions };
}

const read = (root: string, file: string) => readFileSync(path.join(root, file), 'utf8');

describe('laurel award', () => {
  it('hashes an e-mail address: no plaintext in the file, the spec formula, any letter case', async () => {
    const address = '  Jane.Doe@Example.NET ';
    const made = await award(['--achievement', 'helper', '--email', address, '--name', 'Jane D']);
    expect(made.stderr).toBe('');
    expect(made.status).toBe(0);
    const file = 'content/awards/2026/jane-d-helper.md';
    const text = read(made.root, file);
    expect(text.toLowerCase()).not.toContain('jane.doe@example.net');
    expect(text.toLowerCase()).not.toContain('jane.doe');
    expect(made.stdout.toLowerCase()).not.toContain('jane.doe');

    const [, hash] = /hashedEmail: (\S+)/.exec(text) ?? [];
    const [, salt] = /salt: (\S+)/.exec(text) ?? [];
    const expected = createHash('sha256')
      .update(`jane.doe@example.net${salt}`, 'utf8')
      .digest('hex');
    expect(hash).toBe(`sha256$${expected}`);
    expect(salt).toMatch(/^[0-9a-f]{32}$/);
    for (const variant of [
      'JANE.DOE@EXAMPLE.NET',
      'jane.doe@example.net',
      ' Jane.Doe@example.net',
    ]) {
      expect(await emailMatchesHash(variant, hash as string, salt)).toBe(true);
    }

    // The file loads, and its records were written for one commit.
    const loaded = loadContent(made.root).awards.find((a) => a.id === '2026/jane-d-helper');
    expect(loaded?.data.recipient).toMatchObject({ name: 'Jane D' });
    expect((await readStatusRecord(made.root, 'club'))?.indices['2026/jane-d-helper']).toEqual(
      expect.any(Number),
    );
    expect((await readPublishedRecord(made.root))['2026/jane-d-helper']?.validFrom).toBe(
      '2026-12-03T00:00:00Z',
    );
    expect(made.stdout).toContain(
      `Commit together:\n  ${file}\n  content/status/club.json\n  content/published.json`,
    );
  });

  it('gives each award a fresh salt', async () => {
    const root = makeSite({ ...GOOD_FILES, ...CONFIG });
    for (const id of ['2026/a', '2026/b']) {
      expect(
        (await award(['--achievement', 'helper', '--email', 'x@example.org', '--id', id], { root }))
          .status,
      ).toBe(0);
    }
    const salt = (id: string) => /salt: (\S+)/.exec(read(root, `content/awards/${id}.md`))?.[1];
    expect(salt('2026/a')).not.toBe(salt('2026/b'));
  });

  it('writes every flag in the schema the loader reads', async () => {
    const made = await award([
      '--achievement',
      'helper',
      '--recipient-id',
      'did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK',
      '--name',
      'Amélie Rousseau',
      '--date',
      '2026-03-14',
      '--evidence-url',
      'https://git.example.net/pull/42',
      '--evidence-name',
      'Pull request #42: fix',
      '--narrative',
      'Fixed *the* docs.',
    ]);
    expect(made.status).toBe(0);
    expect(read(made.root, 'content/awards/2026/amelie-rousseau-helper.md')).toBe(
      [
        '---',
        'achievement: helper',
        'recipient:',
        '  id: did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK',
        '  name: Amélie Rousseau',
        'awardedDate: 2026-03-14',
        'evidence:',
        '  - url: https://git.example.net/pull/42',
        '    name: "Pull request #42: fix"',
        '---',
        'Fixed *the* docs.',
        '',
      ].join('\n'),
    );
    const loaded = loadContent(made.root).awards.find((a) =>
      a.id.endsWith('amelie-rousseau-helper'),
    );
    expect(loaded?.narrative).toBe('Fixed *the* docs.');
    expect(loaded?.data.evidence).toEqual([
      { url: 'https://git.example.net/pull/42', name: 'Pull request #42: fix' },
    ]);
  });

  it('names an award without a name by a short random word, never by the address', async () => {
    const made = await award(['--achievement', 'helper', '--email', 'secret.person@example.org']);
    expect(made.status).toBe(0);
    const [, id] = /wrote content\/awards\/(\S+)\.md/.exec(made.stdout) ?? [];
    expect(id).toMatch(/^2026\/[a-z0-9]{4}-helper$/);
    expect(id).not.toContain('secret');
  });

  it('refuses to overwrite an existing award', async () => {
    const root = makeSite({ ...GOOD_FILES, ...CONFIG });
    const before = read(root, 'content/awards/2026/one.md');
    const again = await award(
      ['--achievement', 'helper', '--recipient-id', 'https://example.org/x', '--id', '2026/one'],
      { root },
    );
    expect(again.status).toBe(1);
    expect(again.stderr).toBe(
      'content/awards/2026/one.md: the award "2026/one" already exists. An award is never ' +
        'overwritten: choose another --id (or id column).\n' +
        'laurel award: 1 problem(s); no award was written.',
    );
    expect(read(root, 'content/awards/2026/one.md')).toBe(before);
  });

  it('refuses a plaintext address in any other field, and an unknown achievement', async () => {
    const leaky = await award([
      '--achievement',
      'helper',
      '--recipient-id',
      'https://example.org/x',
      '--name',
      'Write to me@example.org',
      '--id',
      '2026/leaky',
    ]);
    expect(leaky.status).toBe(1);
    expect(leaky.stderr).toContain('--name: holds an e-mail address');
    expect(leaky.stderr).not.toContain('me@example.org');
    expect(existsSync(path.join(leaky.root, 'content/awards/2026/leaky.md'))).toBe(false);

    const unknown = await award(['--achievement', 'helpr', '--recipient-id', 'https://e.org/x']);
    expect(unknown.stderr.split('\n')[0]).toBe(
      '--achievement: names the achievement "helpr", which does not exist. Use one of: helper.',
    );
  });

  it('checks each value against the schema and names the flag', async () => {
    const made = await award([
      '--achievement',
      'helper',
      '--recipient-id',
      'https://example.org/x',
      '--date',
      '14/03/2026',
    ]);
    expect(made.status).toBe(1);
    expect(made.stderr.split('\n')).toEqual([
      '--date: "14/03/2026" is not a date. Write a date as 2026-05-01 (midnight UTC) or a date and time with a zone, 2026-05-01T14:30:00Z.',
      'laurel award: 1 problem(s); no award was written.',
    ]);
    const links = await award([
      '--achievement',
      'helper',
      '--recipient-id',
      'https://example.org/x',
      '--evidence-url',
      'javascript:alert(1)',
      '--id',
      '2026/Upper',
    ]);
    expect(links.stderr.split('\n')).toEqual([
      '--id: "2026/Upper" cannot be an award id. Use lower-case letters, digits and hyphens, with / between folders, e.g. 2026/ada-first-patch.',
      'laurel award: 1 problem(s); no award was written.',
    ]);
    const evidence = await award([
      '--achievement',
      'helper',
      '--recipient-id',
      'https://example.org/x',
      '--evidence-url',
      'javascript:alert(1)',
    ]);
    expect(evidence.stderr.split('\n')).toEqual([
      '--evidence-url: must be an http(s) URL such as https://example.org/page.',
      'laurel award: 1 problem(s); no award was written.',
    ]);
  });

  it('asks for what the flags leave out', async () => {
    const made = await award([], {
      answers: ['helper', 'mailto:Someone@Example.org', 'Sam', '2026-05-02', '', 'Kind.', ''],
    });
    expect(made.stderr).toBe('');
    expect(made.status).toBe(0);
    expect(made.questions).toEqual([
      'Achievement (helper): ',
      "Earner's e-mail address, or their URL or DID: ",
      'Display name (optional): ',
      'Date awarded [2026-12-03]: ',
      'Evidence URL (optional): ',
      'Why it was awarded, one line of Markdown (optional): ',
      'Award id [2026/sam-helper]: ',
    ]);
    const text = read(made.root, 'content/awards/2026/sam-helper.md');
    expect(text).toContain('awardedDate: 2026-05-02');
    expect(text.toLowerCase()).not.toContain('someone@example.org');
    expect(text).toMatch(/hashedEmail: sha256\$[0-9a-f]{64}/);
  });

  it('without a terminal or the required flags, prints the usage', async () => {
    const made = await award(['--name', 'Sam']);
    expect(made.status).toBe(1);
    expect(made.stderr).toContain('give --achievement and --email or --recipient-id');
  });

  it('slugs names the way a reader expects', () => {
    expect(slugOf('Amélie Rousseau')).toBe('amelie-rousseau');
    expect(slugOf('Bjørn Åkesson')).toBe('bjorn-akesson');
    expect(slugOf('Hoàng Thị Lan')).toBe('hoang-thi-lan');
    expect(slugOf('王小美')).toBe('');
    expect(slugOf('  --Zoë "Zed" O’Brien!  ')).toBe('zoe-zed-o-brien');
  });
});

const hasCsvParse = await import('csv-parse/sync').then(
  () => true,
  () => false,
);

const BATCH_TITLE = hasCsvParse
  ? 'laurel award --batch'
  : 'laurel award --batch (skipped: csv-parse/sync cannot be imported; npm ci installs it)';

describe.skipIf(!hasCsvParse)(BATCH_TITLE, () => {
  const csvFile = (text: string) => {
    const dir = mkdtempSync(path.join(tmpdir(), 'laurel-csv-'));
    writeFileSync(path.join(dir, 'awards.csv'), text);
    return path.join(dir, 'awards.csv');
  };

  it('writes one award per row and hashes every address', async () => {
    const csv = csvFile(
      [
        'achievement,email,recipient_id,name,date,evidence_url,evidence_name,id',
        'helper,Ana@Example.org,,Ana Lucía,2026-04-01,https://e.org/1,"PR 1, merged",',
        'helper,,https://example.org/people/bo,Bo,2026-04-02,,,2026/spring/bo',
        '',
      ].join('\n'),
    );
    const made = await award(['--batch', csv]);
    expect(made.stderr).toBe('');
    expect(made.status).toBe(0);
    const ana = read(made.root, 'content/awards/2026/ana-lucia-helper.md');
    expect(ana.toLowerCase()).not.toContain('ana@example.org');
    expect(ana).toContain('name: PR 1, merged');
    expect(loadContent(made.root).awards.map((a) => a.id)).toEqual([
      '2026/ana-lucia-helper',
      '2026/one',
      '2026/spring/bo',
    ]);
    expect(Object.keys(await readPublishedRecord(made.root))).toHaveLength(3);
  });

  it('writes nothing when one row is wrong, naming its line and column', async () => {
    const csv = csvFile(
      ['achievement,email,name', 'helper,ok@example.org,Ok', 'helpr,not-an-address,Bad'].join('\n'),
    );
    const made = await award(['--batch', csv]);
    expect(made.status).toBe(1);
    const shown = path.relative(made.root, csv);
    expect(made.stderr.split('\n')).toEqual([
      `${shown}:3: achievement: names the achievement "helpr", which does not exist. Use one of: helper.`,
      `${shown}:3: email: is not an e-mail address.`,
      'laurel award: 2 problem(s); no award was written.',
    ]);
    expect(made.stderr).not.toContain('not-an-address');
    expect(loadContent(made.root).awards.map((a) => a.id)).toEqual(['2026/one']);
  });

  it('refuses a CSV inside content/ and an unknown column', async () => {
    const root = makeSite({
      ...GOOD_FILES,
      ...CONFIG,
      'content/awards.csv': 'achievement,email\nhelper,a@example.org\n',
    });
    const inside = await award(['--batch', 'content/awards.csv'], { root });
    expect(inside.status).toBe(1);
    expect(inside.stderr.split('\n')[0]).toBe(
      'content/awards.csv: the CSV is inside the content folder. Everything under content/ is ' +
        'committed and published, and the CSV holds plaintext addresses: move it outside the ' +
        'repository and run the command again.',
    );
    const odd = await award(['--batch', csvFile('achievement,mail\nhelper,a@example.org\n')]);
    expect(odd.status).toBe(1);
    expect(odd.stderr).toContain(':1: unknown column(s): mail. The columns are achievement');
  });

  it('warns about a CSV inside the repository but outside content/', async () => {
    const root = makeSite({ ...GOOD_FILES, ...CONFIG });
    mkdirSync(path.join(root, 'private'));
    writeFileSync(
      path.join(root, 'private/list.csv'),
      'achievement,email,name\nhelper,c@example.org,Cy\n',
    );
    const made = await award(['--batch', 'private/list.csv'], { root });
    expect(made.status).toBe(0);
    expect(made.stderr).toBe(
      'laurel award: private/list.csv is inside the repository: never commit it, delete it after.',
    );
  });
});
