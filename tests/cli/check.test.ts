import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkCommand } from '../../src/cli/commands/check.ts';
import type { CliIo } from '../../src/cli/io.ts';
import { assembleWithIndices } from '../../src/cli/site-records.ts';
import { loadContent } from '../../src/core/content/load-content.ts';
import { recordPublished } from '../../src/core/publish/published-record-node.ts';
import { allocateSiteStatus } from '../../src/core/publish/status-allocation-node.ts';
import { PROJECT_ROOT } from '../support/paths.ts';
import { captureIo } from '../support/run-command.ts';
import { makeSite, TINY_SVG } from '../support/temp-site.ts';

const SITE = 'https://badges.example.org/';
const quiet = { info: () => {}, warn: () => {} };

/** Runs `laurel check` in `root` and captures its output. */
async function check(root: string, argv = ['--site', SITE], env: CliIo['env'] = {}) {
  const { io, out, err } = captureIo(root, env);
  const status = await checkCommand(argv, io);
  return { status, stdout: out, stderr: err };
}

/**
 * Commits what `npm run build` would: the status record and the published record, written from
 * the very plans the build makes (the build writes them only once it has succeeded).
 */
async function recordAsBuilt(root: string): Promise<void> {
  const content = loadContent(root);
  const indices = await allocateSiteStatus(root, content, 'development', quiet);
  await recordPublished(root, assembleWithIndices(content, SITE, indices), 'development', quiet);
}

const md = (frontMatter: string[], body = 'Body.') =>
  ['---', ...frontMatter, '---', body].join('\n');

const ISSUER = [
  'name: Test Club',
  'url: https://club.example.org',
  'email: badges@club.example.org',
];
const ACHIEVEMENT = [
  'name: Helper',
  'description: Helped another member.',
  'issuer: club',
  'image: helper.svg',
];
const ONE = [
  'achievement: helper',
  'recipient:',
  '  id: https://example.org/people/one',
  'awardedDate: 2026-03-01',
];
const TWO = [
  'achievement: helper',
  'recipient:',
  `  hashedEmail: sha256$${'ab'.repeat(32)}`,
  '  salt: a0b1c2',
  'awardedDate: 2026-03-02',
  'validFrom: 2026-03-05',
];

const BASE: Record<string, string> = {
  'content/issuers/club.md': md(ISSUER, 'A club for tests.'),
  'content/achievements/helper.md': md(ACHIEVEMENT, 'Help another member with a task.'),
  'content/achievements/helper.svg': TINY_SVG,
  'content/awards/2026/one.md': md(ONE, 'Fixed the docs.'),
  'content/awards/2026/two.md': md(TWO, 'Reviewed a patch.'),
};

/** The base file with one line replaced (by its start) or added after the last one. */
const edit = (file: string, from: string, to: string[]) => {
  const lines = (BASE[file] as string).split('\n');
  const at = lines.findIndex((line) => line.startsWith(from));
  if (at < 0) throw new Error(`no line starting ${from} in ${file}`);
  lines.splice(at, 1, ...to);
  return lines.join('\n');
};

const I = 'content/issuers/club.md';
const A = 'content/achievements/helper.md';
const W1 = 'content/awards/2026/one.md';
const W2 = 'content/awards/2026/two.md';
const STATUS = 'content/status/club.json';
const PUBLISHED = 'content/published.json';
const URL_ONE = `${SITE}credentials/2026/one.json`;
const REMOVED_HINT =
  'Restore the file and add `revoked: { date, reason }` to withdraw it. If it was never ' +
  'published (it is new in this pull request), delete its line from content/published.json.';
const CHANGED_HINT =
  "Set `validFrom:` to today (the spec's equality rules keep the newest validFrom; " +
  '`awardedDate` stays). The credential embeds its achievement and issuer, so editing those ' +
  'changes every award of them. If this award was never published, delete its line from ' +
  'content/published.json and build again.';
const KNOWN_AWARD_KEYS =
  '`achievement`, `recipient`, `awardedDate`, `validFrom`, `validUntil`, `evidence`, `revoked`';
const DATE_HINT =
  'Write a date as 2026-05-01 (midnight UTC) or a date and time with a zone, 2026-05-01T14:30:00Z.';

interface BrokenCase {
  name: string;
  /** Files to write over the recorded base site; `null` deletes one. */
  files: Record<string, string | null>;
  /** Every line `laurel check` must print, in order, before its count. */
  expected: string[];
}

/** The broken corpus: one small site per case, each naming the exact lines to print. */
const CASES: BrokenCase[] = [
  {
    name: 'an issuer without a name',
    files: { [I]: edit(I, 'name:', []) },
    expected: [`${I}:1: name: is required. Add \`name:\` to the front matter.`],
  },
  {
    name: 'an issuer url that is not http(s)',
    files: { [I]: edit(I, 'url:', ['url: ftp://club.example.org']) },
    expected: [`${I}:3: url: must be an http(s) URL such as https://example.org/page.`],
  },
  {
    name: 'an issuer email that is not an address',
    files: { [I]: edit(I, 'email:', ['email: badges-at-club']) },
    expected: [`${I}:4: email: must be an e-mail address such as badges@example.org.`],
  },
  {
    name: 'a misspelt issuer field',
    files: { [I]: edit(I, 'email:', ['emial: badges@club.example.org']) },
    expected: [
      `${I}:1: email: is required. Add \`email:\` to the front matter.`,
      `${I}:4: emial: unknown field \`emial\`. Check the spelling; the fields here are \`name\`, \`url\`, \`email\`, \`image\`, \`imageAlt\`.`,
    ],
  },
  {
    name: 'issuer front matter that is not YAML',
    files: { [I]: edit(I, 'name:', ['name: [Test Club']) },
    expected: [
      `${I}:3: the front matter is not valid YAML: Flow sequence in block collection must be sufficiently indented and end with a ]. Front matter sits between two \`---\` lines as \`key: value\` pairs.`,
    ],
  },
  {
    name: 'an issuer logo that does not exist',
    files: { [I]: edit(I, 'email:', ['email: badges@club.example.org', 'image: logo.svg']) },
    expected: [
      `${I}:5: image: logo.svg does not exist. Put the file at content/issuers/logo.svg, or fix the path (it is relative to ${I}).`,
    ],
  },
  {
    name: 'an achievement without a description',
    files: { [A]: edit(A, 'description:', []) },
    expected: [`${A}:1: description: is required. Add \`description:\` to the front matter.`],
  },
  {
    name: 'an achievementType the spec does not define',
    files: { [A]: edit(A, 'issuer:', ['issuer: club', 'achievementType: Trophy']) },
    expected: [
      `${A}:5: achievementType: must be a spec achievementType such as Badge or Certificate, or an ext:Name.`,
    ],
  },
  {
    name: 'an achievement naming a missing issuer',
    files: { [A]: edit(A, 'issuer:', ['issuer: clubb']) },
    expected: [
      `${A}:4: issuer: names the issuer "clubb", which does not exist. Use one of: club (files in content/issuers without .md).`,
    ],
  },
  {
    name: 'an achievement without criteria',
    files: { [A]: md(ACHIEVEMENT, '') },
    expected: [
      `${A}: has no criteria. Write what an earner must do in the Markdown body, below the closing \`---\`.`,
    ],
  },
  {
    name: 'a .png image that is really SVG',
    files: {
      [A]: edit(A, 'image:', ['image: helper.png']),
      'content/achievements/helper.png': TINY_SVG,
    },
    expected: [`${A}:5: image: helper.png is not a PNG image. Export the artwork as PNG or SVG.`],
  },
  {
    name: 'an achievement listing two SVG images',
    files: {
      [A]: edit(A, 'image:', ['image: [helper.svg, other.svg]']),
      'content/achievements/other.svg': TINY_SVG,
    },
    expected: [
      `${A}:5: image: lists two SVG images. Give at most one .svg and one .png file of the same design.`,
    ],
  },
  {
    name: 'an alignment whose targetUrl is not a URL',
    files: {
      [A]: edit(A, 'image:', [
        'image: helper.svg',
        'alignments:',
        '  - targetName: Version control',
        '    targetUrl: skills/vcs',
      ]),
    },
    expected: [
      `${A}:8: alignments[0].targetUrl: must be an http(s) URL such as https://example.org/page.`,
    ],
  },
  {
    name: 'a misspelt alignment field',
    files: {
      [A]: edit(A, 'image:', [
        'image: helper.svg',
        'alignments:',
        '  - targetName: Version control',
        '    targetUrl: https://skills.example.net/vcs',
        '    targetCod: VCS-1',
      ]),
    },
    expected: [
      `${A}:9: alignments[0].targetCod: unknown field \`targetCod\`. Check the spelling; the fields here are \`targetName\`, \`targetUrl\`, \`targetDescription\`, \`targetFramework\`, \`targetCode\`, \`targetType\`.`,
    ],
  },
  {
    name: 'a creator that is neither an issuer nor a name and url',
    files: { [A]: edit(A, 'image:', ['image: helper.svg', 'creator: 42']) },
    expected: [`${A}:6: creator: must be an issuer file name, or an object with name and url.`],
  },
  {
    name: 'an award naming a missing achievement',
    files: { [W1]: edit(W1, 'achievement:', ['achievement: helpr']) },
    expected: [
      `${W1}:2: achievement: names the achievement "helpr", which does not exist. Use one of: helper (files in content/achievements).`,
    ],
  },
  {
    name: 'a recipient with neither id nor hashedEmail',
    files: { [W1]: edit(W1, '  id:', ['  name: Someone']) },
    expected: [
      `${W1}:3: recipient: must have either \`id\` (a URL or DID) or \`hashedEmail\` and \`salt\`.`,
    ],
  },
  {
    name: 'a hashedEmail that is not sha256$ and hex',
    files: { [W2]: edit(W2, '  hashedEmail:', ['  hashedEmail: md5$1234']) },
    expected: [
      `${W2}:4: recipient.hashedEmail: must be sha256$ followed by 64 hex digits (run \`npm run laurel -- hash-email\`).`,
    ],
  },
  {
    name: 'a plaintext e-mail address in a narrative',
    files: { [W1]: md(ONE, 'Thanks, write to someone@example.net.') },
    expected: [
      `${W1}:7: holds a plaintext e-mail address. Award files are public: never write an address in one. Run \`npm run laurel -- hash-email <address>\` and paste the \`hashedEmail\` and \`salt\` it prints under \`recipient:\` instead.`,
    ],
  },
  {
    name: 'an awardedDate that is not a date',
    files: { [W1]: edit(W1, 'awardedDate:', ['awardedDate: 14/03/2026']) },
    expected: [`${W1}:5: awardedDate: "14/03/2026" is not a date. ${DATE_HINT}`],
  },
  {
    name: 'a validUntil before the awardedDate',
    files: {
      [W1]: edit(W1, 'awardedDate:', ['awardedDate: 2026-03-01', 'validUntil: 2025-01-01']),
    },
    expected: [
      `${W1}:6: validUntil: is not after awardedDate (2026-03-01T00:00:00Z). Set validUntil to a later date, or remove it for a badge that does not expire.`,
    ],
  },
  {
    name: 'a validFrom before the awardedDate',
    files: { [W2]: edit(W2, 'validFrom:', ['validFrom: 2026-01-01']) },
    expected: [
      `${W2}:7: validFrom: is before awardedDate (2026-03-02T00:00:00Z). A credential cannot become valid before it was awarded; use awardedDate or later.`,
    ],
  },
  {
    name: 'a date with fractions of a second',
    files: { [W1]: edit(W1, 'awardedDate:', ['awardedDate: 2026-03-01T10:00:00.5Z']) },
    expected: [`${W1}:5: awardedDate: "2026-03-01T10:00:00.5Z" is not a date. ${DATE_HINT}`],
  },
  {
    name: 'evidence with neither url nor narrative',
    files: {
      [W1]: edit(W1, 'awardedDate:', ['awardedDate: 2026-03-01', 'evidence:', '  - name: A thing']),
    },
    expected: [`${W1}:7: evidence[0]: needs a url or a narrative.`],
  },
  {
    name: 'an evidence url with the javascript: scheme',
    files: {
      [W1]: edit(W1, 'awardedDate:', [
        'awardedDate: 2026-03-01',
        'evidence:',
        '  - url: javascript:alert(1)',
      ]),
    },
    expected: [
      `${W1}:7: evidence[0].url: must be an http(s) URL such as https://example.org/page.`,
    ],
  },
  {
    name: 'an award file name with capitals',
    files: { 'content/awards/2026/Three.md': BASE[W1] as string },
    expected: [
      'content/awards/2026/Three.md: "2026/Three" cannot be an award id. The path under content/awards is the permanent id of the award: use lower-case letters, digits and hyphens for folders and file names, e.g. 2026/ada-first-patch.md.',
    ],
  },
  {
    name: 'a revocation without a reason',
    files: {
      [W1]: edit(W1, 'awardedDate:', ['awardedDate: 2026-03-01', 'revoked: { date: 2026-04-01 }']),
    },
    expected: [
      `${W1}:6: revoked.reason: is required. Add \`revoked.reason:\` to the front matter.`,
    ],
  },
  {
    name: 'a misspelt award field',
    files: { [W1]: edit(W1, 'recipient:', ['recepient:']) },
    expected: [
      `${W1}:1: recipient: must have either \`id\` (a URL or DID) or \`hashedEmail\` and \`salt\`.`,
      `${W1}:3: recepient: unknown field \`recepient\`. Check the spelling; the fields here are ${KNOWN_AWARD_KEYS}.`,
    ],
  },
  {
    name: 'front matter that is a list',
    files: { [W1]: md(['- achievement: helper']) },
    expected: [
      `${W1}:1: the front matter must be a set of \`key: value\` pairs. Start the file with \`---\`, the fields, then another \`---\`.`,
    ],
  },
  {
    name: 'an empty front matter',
    files: { [W1]: md([]) },
    expected: [
      `${W1}:1: achievement: is required. Add \`achievement:\` to the front matter.`,
      `${W1}:1: recipient: must have either \`id\` (a URL or DID) or \`hashedEmail\` and \`salt\`.`,
      `${W1}:1: awardedDate: is required. Add \`awardedDate:\` to the front matter.`,
    ],
  },
  {
    name: 'the same award id twice',
    files: { 'content/awards/2026/one.markdown': BASE[W1] as string },
    expected: [
      `${W1}: has the same award id "2026/one" as content/awards/2026/one.markdown. Each award needs its own path under content/awards; rename or remove one.`,
    ],
  },
  {
    name: 'an award with no status index',
    files: {
      'content/awards/2026/three.md': BASE[W1] as string,
    },
    expected: [
      'content/awards/2026/three.md: has no status index in content/status/club.json. Run `npm run build` (it adds the index) and commit content/status/club.json with the award.',
      'content/awards/2026/three.md: is not in content/published.json. Run `npm run build` (it records the award) and commit content/published.json with the award.',
    ],
  },
  {
    name: 'a status record with merge conflict markers',
    files: { [STATUS]: '<<<<<<< HEAD\n{}\n=======\n{}\n>>>>>>> branch\n' },
    expected: [
      `${STATUS}:1: the status record has unresolved merge conflicts. Keep the lines of both sides, delete the markers and build again.`,
    ],
  },
  {
    name: 'two awards sharing a status index',
    files: {
      [STATUS]: [
        '{',
        '  "list": "revocation-1",',
        '  "length": 131072,',
        '  "indices": {',
        '    "2026/one": 7,',
        '    "2026/two": 7',
        '  }',
        '}',
        '',
      ].join('\n'),
    },
    expected: [
      `${STATUS}: indices.2026/two: Awards "2026/one" and "2026/two" share status index 7. Two branches gave new awards the same index. Keep the line of the award that was published first, delete the others, and build again to give them fresh indices.`,
    ],
  },
  {
    name: 'a published award whose file was deleted',
    files: { [W1]: null },
    expected: [`${W1}: was published at ${URL_ONE}; removing it breaks that URL. ${REMOVED_HINT}`],
  },
  {
    name: 'a published award changed without a later validFrom',
    files: { [W1]: md(ONE, 'Fixed the docs, and more.') },
    expected: [
      `${W1}:5: validFrom: the signed content changed since it was published at ${URL_ONE}, but validFrom is still 2026-03-01T00:00:00Z. ${CHANGED_HINT}`,
    ],
  },
  {
    name: 'a re-issued award the published record does not know yet',
    files: {
      [W1]: md([...ONE, 'validFrom: 2026-06-01'], 'Fixed the docs, and more.'),
    },
    expected: [
      `${W1}: has a new version that ${PUBLISHED} does not record yet. Run \`npm run build\` (it records the award) and commit ${PUBLISHED} with the award.`,
    ],
  },
  {
    name: 'a published record with merge conflict markers',
    files: { [PUBLISHED]: '{\n<<<<<<< HEAD\n=======\n>>>>>>> branch\n}\n' },
    expected: [
      `${PUBLISHED}:2: the published record has unresolved merge conflicts. Keep the lines of both sides, delete the markers and build again.`,
    ],
  },
  {
    name: 'a published record that is not JSON',
    files: { [PUBLISHED]: '{ "2026/one": ' },
    expected: [
      `${PUBLISHED}: the published record is not valid JSON. Restore the file from git; it is written by the build.`,
    ],
  },
];

describe('laurel check', () => {
  let base: string;
  let records: Record<string, string>;

  beforeAll(async () => {
    base = makeSite(BASE);
    await recordAsBuilt(base);
    records = {
      [STATUS]: readFileSync(path.join(base, STATUS), 'utf8'),
      [PUBLISHED]: readFileSync(path.join(base, PUBLISHED), 'utf8'),
    };
  });

  it('has a corpus of at least 30 broken sites', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(30);
  });

  it('passes the recorded base site of the corpus', async () => {
    const result = await check(base);
    expect(result.stderr).toEqual([]);
    expect(result.stdout).toEqual([
      'laurel check: 1 issuer(s), 1 achievement(s), 2 award(s), no problems.',
    ]);
    expect(result.status).toBe(0);
  });

  it.each(CASES)('reports $name', async ({ files, expected }) => {
    const root = makeSite({ ...BASE, ...records });
    for (const [file, text] of Object.entries(files)) {
      if (text === null) rmSync(path.join(root, file));
      else makeSiteFile(root, file, text);
    }
    const result = await check(root);
    expect(result.stderr).toEqual([...expected, `laurel check: ${expected.length} problem(s).`]);
    expect(result.status).toBe(1);
  });

  it('writes each problem as a GitHub Actions annotation too', async () => {
    const root = makeSite({ ...BASE, ...records, [W1]: md(ONE, 'Fixed the docs, and more.') });
    const result = await check(root, ['--site', SITE], { GITHUB_ACTIONS: 'true' });
    expect(result.status).toBe(1);
    expect(result.stdout).toEqual([
      `::error file=${W1},line=5,title=Laurel ERR_PUBLISHED::validFrom: the signed content ` +
        `changed since it was published at ${URL_ONE}, but validFrom is still ` +
        `2026-03-01T00:00:00Z. ${CHANGED_HINT}`,
    ]);
  });

  it('takes the site URL from astro.config.mjs, and says when it has none', async () => {
    const changed = { ...BASE, ...records, [W1]: md(ONE, 'Fixed the docs, and more.') };
    const configured = makeSite({
      ...changed,
      'astro.config.mjs': `export default { site: '${SITE}' };\n`,
    });
    expect((await check(configured, [])).stderr[0]).toContain('the signed content changed');

    const bare = await check(makeSite(changed), []);
    expect(bare.status).toBe(0);
    expect(bare.stdout[0]).toBe(
      'laurel check: content/published.json not checked: no site URL (pass --site or set `site`).',
    );
  });
});

describe('laurel check on the basic fixture site', () => {
  const FIXTURE_SITE = 'https://badges.example.org/guild/';
  const copy = () => {
    const root = mkdtempSync(path.join(tmpdir(), 'laurel-basic-'));
    cpSync(path.join(PROJECT_ROOT, 'tests/fixtures/sites/basic'), root, { recursive: true });
    return root;
  };

  it('as committed, asks for the records a build writes', async () => {
    const root = copy();
    const awards = loadContent(root).awards.length;
    const result = await check(root, ['--site', FIXTURE_SITE]);
    expect(result.status).toBe(1);
    // Each award lacks its status index and its published-record entry.
    expect(result.stderr.at(-1)).toBe(`laurel check: ${2 * awards} problem(s).`);
    expect(result.stderr[0]).toBe(
      'content/awards/2025/early-first-patch.md: has no status index in ' +
        'content/status/fixture-guild.json. Run `npm run build` (it adds the index) and commit ' +
        'content/status/fixture-guild.json with the award.',
    );
  });

  it('exits 0 once the records are written as a build writes them', async () => {
    const root = copy();
    const content = loadContent(root);
    const indices = await allocateSiteStatus(root, content, 'development', quiet);
    const site = assembleWithIndices(content, FIXTURE_SITE, indices);
    await recordPublished(root, site, 'development', quiet);
    const result = await check(root, ['--site', FIXTURE_SITE]);
    expect(result.stderr).toEqual([]);
    expect(result.stdout).toEqual([
      `laurel check: ${content.issuers.length} issuer(s), ${content.achievements.length} ` +
        `achievement(s), ${content.awards.length} award(s), no problems.`,
    ]);
    expect(result.status).toBe(0);
  });
});

function makeSiteFile(root: string, file: string, text: string): void {
  mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
  writeFileSync(path.join(root, file), text);
}
