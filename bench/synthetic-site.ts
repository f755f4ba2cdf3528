/**
 * Writes a synthetic Laurel site for the build benchmark: one issuer, 20 achievements and `count`
 * awards shaped like the sample in content/ (recipients by URL, DID and hashed e-mail, evidence,
 * accented names, a few revocations and expiry dates). Keys and the status record are made up
 * front, as a CI checkout would have them committed, so the timed build does neither. Everything
 * is a pure function of the award number, so two runs write the same files.
 */
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { hashEmail } from '../src/core/credential/identity-hash.ts';
import { generateKeySet } from '../src/core/keys/generate-key-set.ts';
import { writePrivateKeys, writePublicKeys } from '../src/core/keys/key-files.ts';
import { allocateStatusIndices } from '../src/core/status/allocate-status-indices-node.ts';
import { readStatusRecord, writeStatusRecord } from '../src/core/status/status-record-node.ts';

export const BENCH_ISSUER = 'bench-guild';
export const ACHIEVEMENT_COUNT = 20;

const SAMPLE = path.resolve(import.meta.dirname, '..', 'content');
const NAMES = [
  'Amélie Rousseau',
  'Jonas Øvergaard',
  'José Peña Alcántara',
  "Siobhán O'Dwyer",
  '王晓梅',
  'Zeynep Yıldırım',
  'Björn Åkesson',
  'Hoàng Thị Lan',
  'Mateus Conceição',
  'Ana Lucía Ferreyra',
  'Łukasz Wróbel',
  'Chloé Lefèvre',
];
/** Syllables of the made-up family names that keep every earner's name distinct. */
const SYLLABLES = ['ka', 'lo', 'mi', 'ra', 'se', 'tu', 'vo', 'ne', 'di', 'pa', 'ri', 'ho'];
const SVG_SOURCES = ['first-thread.svg', 'release-steward.svg', 'translation-weaver.svg'];
const PNG_SOURCES = ['first-thread.png', 'loom-mentor.png', 'translation-weaver.png'];
const BASE58 = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';

/** Writes the whole site under `root`, replacing what was there. */
export async function writeSyntheticSite(root: string, count: number): Promise<void> {
  rmSync(root, { recursive: true, force: true });
  const content = path.join(root, 'content');
  mkdirSync(path.join(content, 'issuers'), { recursive: true });
  mkdirSync(path.join(content, 'achievements'), { recursive: true });
  cpSync(path.join(SAMPLE, 'issuers/otterloom.svg'), path.join(content, 'issuers/logo.svg'));
  writeFileSync(path.join(content, 'issuers', `${BENCH_ISSUER}.md`), issuerFile());
  for (let n = 1; n <= ACHIEVEMENT_COUNT; n++) writeAchievement(content, n);
  const ids: string[] = [];
  for (let n = 0; n < count; n++) ids.push(await writeAward(root, n));
  const keys = await generateKeySet(BENCH_ISSUER, '2024-01-01');
  await writePublicKeys(root, BENCH_ISSUER, keys.publicKeys);
  await writePrivateKeys(root, BENCH_ISSUER, keys.privateKeys);
  await allocate(root, ids);
}

/** Adds award number `n` (its file and its status index); returns its id. */
export async function addAward(root: string, n: number): Promise<string> {
  const id = await writeAward(root, n);
  await allocate(root, [id]);
  return id;
}

async function allocate(root: string, ids: string[]): Promise<void> {
  const current = await readStatusRecord(root, BENCH_ISSUER);
  const known = current ? Object.keys(current.indices) : [];
  const { record } = allocateStatusIndices(current, BENCH_ISSUER, [...known, ...ids]);
  await writeStatusRecord(root, BENCH_ISSUER, record);
}

function issuerFile(): string {
  return `---
name: Bench Guild des Tisserands
url: https://guild.example.org
email: badges@guild.example.org
image: logo.svg
imageAlt: The guild's logo, three threads on a teal square
---
The **Bench Guild** is a synthetic community for measuring Laurel builds. Its members write code,
translate, review and mentor; see the [guide](https://guild.example.org/guide).
`;
}

/** Achievement `n`: SVG artwork; every fourth also has a PNG; number 20 has a PNG only. */
function writeAchievement(content: string, n: number): void {
  const slug = `achievement-${String(n).padStart(2, '0')}`;
  const dir = path.join(content, 'achievements');
  const images: string[] = [];
  if (n !== ACHIEVEMENT_COUNT) {
    const source = SVG_SOURCES[n % SVG_SOURCES.length] as string;
    const svg = readFileSync(path.join(SAMPLE, 'achievements', source), 'utf8');
    // A distinct colour per achievement, so no two artworks are the same file.
    const tinted = svg.replace(/#[0-9a-fA-F]{6}/, `#${(n * 0x0b1d37).toString(16).slice(-6)}`);
    writeFileSync(path.join(dir, `${slug}.svg`), tinted);
    images.push(`${slug}.svg`);
  }
  if (n % 4 === 0) {
    const source = PNG_SOURCES[n % PNG_SOURCES.length] as string;
    cpSync(path.join(SAMPLE, 'achievements', source), path.join(dir, `${slug}.png`));
    images.push(`${slug}.png`);
  }
  const alignments =
    n % 5 === 0
      ? `alignments:
  - targetName: Reviewing software localisation
    targetUrl: https://skills.example.net/l10n/review-${n}
    targetFramework: Open Contribution Skills Framework
    targetCode: OCSF-${n}
`
      : '';
  writeFileSync(
    path.join(dir, `${slug}.md`),
    `---
name: Tisserand·e n° ${n}
description: Wove thread number ${n} into the guild's cloth, reviewed and merged.
achievementType: ${n % 3 === 0 ? 'Competency' : n % 3 === 1 ? 'Badge' : 'ext:GuildThread'}
issuer: ${BENCH_ISSUER}
image: [${images.join(', ')}]
imageAlt: A hexagon badge in colour ${n}, with a needle and a thread
tags: [guild, thread-${n}, écriture]
${alignments}---
To earn **Tisserand·e n° ${n}**:

1. pick an issue labelled \`thread-${n}\`;
2. open a pull request that follows the [guide](https://guild.example.org/guide);
3. work with a reviewer until it is merged.

Every kind of contribution counts: code, tests, documentation or a translation.
`,
  );
}

async function writeAward(root: string, n: number): Promise<string> {
  const name = earnerName(n);
  const person = `${slugify(name) || 'earner'}-${n}`;
  const achievement = `achievement-${String((n % ACHIEVEMENT_COUNT) + 1).padStart(2, '0')}`;
  const year = 2024 + (n % 3);
  const month = String((n % 12) + 1).padStart(2, '0');
  const day = String((n % 28) + 1).padStart(2, '0');
  const awardedDate =
    n % 4 === 0
      ? `${year}-${month}-${day}T09:${String(n % 60).padStart(2, '0')}:00+02:00`
      : `${year}-${month}-${day}`;
  const lines = ['---', `achievement: ${achievement}`, 'recipient:'];
  if (n % 3 === 0) {
    lines.push(`  id: https://example.org/people/${person}`, `  name: ${quote(name)}`);
  } else if (n % 3 === 1) {
    lines.push(`  id: did:key:z6Mk${didSuffix(n)}`, `  name: ${quote(name)}`);
  } else {
    const salt = (n * 2654435761).toString(16).padStart(24, '0').slice(-24);
    lines.push(
      `  hashedEmail: ${await hashEmail(`${person}@example.org`, salt)}`,
      `  salt: "${salt}"`,
    );
  }
  lines.push(`awardedDate: ${awardedDate}`);
  if (n % 7 === 0) lines.push(`validUntil: ${year + 2}-${month}-${day}`);
  if (n % 2 === 0) {
    lines.push(
      'evidence:',
      `  - url: https://git.example.net/guild/loom/pulls/${n}`,
      `    name: "Pull request #${n}: keep escaped braces in ICU messages"`,
    );
    if (n % 5 === 0) lines.push('    description: Fixes a bug where `merge` dropped `{` braces.');
  } else if (n % 5 === 0) {
    lines.push(
      'evidence:',
      '  - narrative: >-',
      `      Translated all ${n} messages, reviewed twice.`,
    );
  }
  if (n % 97 === 0) {
    lines.push('revoked:', `  date: ${year + 1}-01-15`, '  reason: Awarded by mistake.');
  }
  lines.push(
    '---',
    `${name} wove thread ${n}: a **careful** fix with a test, reviewed in`,
    `[the pull request](https://git.example.net/guild/loom/pulls/${n}), and a thank-you from us.`,
    '',
  );
  const id = `${year}/${person}-${achievement}`;
  const file = path.join(root, 'content', 'awards', `${id}.md`);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, lines.join('\n'));
  return id;
}

/**
 * A distinct name for every award's earner, as in a real community (and as in the sample): one
 * of NAMES with a made-up second family name. Were names repeated, their preview cards would be
 * too, and the preview cache would draw each only once, flattering the full build.
 */
function earnerName(n: number): string {
  let rest = Math.floor(n / NAMES.length);
  let family = '';
  do {
    family += SYLLABLES[rest % SYLLABLES.length];
    rest = Math.floor(rest / SYLLABLES.length);
  } while (rest > 0);
  return `${NAMES[n % NAMES.length]} ${family.charAt(0).toUpperCase()}${family.slice(1)}`;
}

function slugify(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

function quote(text: string): string {
  return JSON.stringify(text);
}

function didSuffix(n: number): string {
  let seed = n + 1;
  let out = '';
  for (let i = 0; i < 44; i++) {
    seed = (seed * 1103515245 + 12345) >>> 0;
    out += BASE58[seed % BASE58.length];
  }
  return out;
}
