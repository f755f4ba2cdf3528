/**
 * `laurel award`: writes new award files from flags, answers or a CSV, then gives them their
 * status index and records them as published, so that a pull request carries the award and both
 * records together. Nothing is written unless every award checks out.
 */
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import process from 'node:process';
import { createInterface } from 'node:readline/promises';
import { parseArgs } from 'node:util';
import { loadContent } from '../../core/content/load-content.ts';
import { LaurelError, LaurelErrors } from '../../core/errors.ts';
import { recordPublished } from '../../core/publish/published-record-node.ts';
import { allocateSiteStatus } from '../../core/publish/status-allocation-node.ts';
import { statusRecordFile } from '../../core/status/status-record-node.ts';
import { readBatch } from '../award-batch.ts';
import {
  type AwardContext,
  type AwardFile,
  type AwardInput,
  buildAwardFile,
  type InputNames,
  slugOf,
} from '../award-file.ts';
import type { CliIo } from '../io.ts';
import { projectSite } from '../project-site.ts';
import { assembleWithIndices } from '../site-records.ts';

const HELP = `Usage: laurel award [options]
       laurel award --batch <file.csv> [--site <url>]

Writes a new award, content/awards/<id>.md, gives it its index in content/status/<issuer>.json
and records it in content/published.json: commit the three together. On a terminal, without
--achievement and a recipient, it asks for each field.

Options:
  --achievement <slug>    the achievement, as in content/achievements/<slug>.md
  --recipient-id <url>    the earner's URL or DID, or else
  --email <address>       the earner's e-mail address: only its salted hash is written
  --name <name>           the earner's display name (optional)
  --date <YYYY-MM-DD>     the day it was awarded (default: today, UTC)
  --evidence-url <url>    a link to the work (optional)
  --evidence-name <text>  the link's title (optional)
  --narrative <text>      why it was awarded, in Markdown (optional)
  --id <id>               the award's permanent id, its path under content/awards without .md
                          (default: <year>/<name>-<achievement>, a short random word standing
                          in for the name when there is none)
  --batch <file.csv>      write one award per row of a CSV file, see below
  --site <url>            the site URL (default: \`site\` in astro.config.mjs)
  -h, --help              show this help

The CSV has a header row and one award per row, with the columns achievement, email or
recipient_id, and optionally name, date, evidence_url, evidence_name, id and narrative. Every
row is checked before any file is written. The CSV is read, never committed: it holds plaintext
addresses, so keep it outside the repository (one inside content/ is refused) and delete it
when done.`;

const FLAG_NAMES: InputNames = {
  achievement: '--achievement',
  email: '--email',
  recipientId: '--recipient-id',
  name: '--name',
  date: '--date',
  evidenceUrl: '--evidence-url',
  evidenceName: '--evidence-name',
  narrative: '--narrative',
  id: '--id',
};

/** What the command needs besides CliIo; tests answer the questions themselves. */
export interface AwardIo extends CliIo {
  ask?: ((question: string) => Promise<string>) | undefined;
  today?: string | undefined;
}

function parseFlags(argv: string[]) {
  return parseArgs({
    args: argv,
    options: {
      achievement: { type: 'string' },
      'recipient-id': { type: 'string' },
      email: { type: 'string' },
      name: { type: 'string' },
      date: { type: 'string' },
      'evidence-url': { type: 'string' },
      'evidence-name': { type: 'string' },
      narrative: { type: 'string' },
      id: { type: 'string' },
      batch: { type: 'string' },
      site: { type: 'string' },
      content: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  }).values;
}

/** `laurel award`; returns the exit status. */
export async function awardCommand(argv: string[], io: AwardIo): Promise<number> {
  const values = parseFlags(argv);
  if (values.help) {
    io.stdout(HELP);
    return 0;
  }
  try {
    return await award(values, io);
  } catch (error) {
    const problems = laurelProblems(error);
    for (const problem of problems) io.stderr(problem.format());
    io.stderr(`laurel award: ${problems.length} problem(s); no award was written.`);
    return 1;
  }
}

async function award(values: ReturnType<typeof parseFlags>, io: AwardIo): Promise<number> {
  const contentDir = values.content ?? 'content';
  const content = loadContent(io.root, contentDir);
  const context: AwardContext = {
    contentDir,
    achievements: content.achievements.map((achievement) => achievement.slug),
    today: io.today ?? new Date().toISOString().slice(0, 10),
    names: FLAG_NAMES,
  };
  let inputs: { input: AwardInput; context: AwardContext }[];
  if (values.batch !== undefined) {
    inputs = await readBatch(io, values.batch, context);
  } else {
    let input: AwardInput = {
      achievement: values.achievement,
      email: values.email,
      recipientId: values['recipient-id'],
      name: values.name,
      date: values.date,
      evidenceUrl: values['evidence-url'],
      evidenceName: values['evidence-name'],
      narrative: values.narrative,
      id: values.id,
    };
    const complete = input.achievement && (input.email || input.recipientId);
    if (!complete) {
      const ask = io.ask ?? (process.stdin.isTTY ? terminalAsk : undefined);
      if (!ask) {
        io.stderr(`laurel award: give --achievement and --email or --recipient-id.\n\n${HELP}`);
        return 1;
      }
      input = await askFor(input, context, ask);
    }
    inputs = [{ input, context }];
  }

  const files: AwardFile[] = [];
  const problems: LaurelError[] = [];
  for (const { input, context: rowContext } of inputs) {
    const built = await buildAwardFile(input, rowContext);
    if (Array.isArray(built)) problems.push(...built);
    else files.push(built);
  }
  problems.push(
    ...clashes(
      io.root,
      files,
      content.awards.map((award) => award.id),
    ),
  );
  if (problems.length > 0) throw new LaurelErrors(problems);

  for (const award of files) {
    mkdirSync(path.dirname(path.join(io.root, award.file)), { recursive: true });
    writeFileSync(path.join(io.root, award.file), award.text, { flag: 'wx' });
  }
  return updateRecords(io, contentDir, files, values.site);
}

/** The Laurel errors in `error`; anything else is a bug and is thrown on. */
function laurelProblems(error: unknown): readonly LaurelError[] {
  if (error instanceof LaurelErrors) return error.errors;
  if (error instanceof LaurelError) return [error];
  throw error;
}

/** Ids used twice in one run, or already taken by an award file: never overwritten. */
function clashes(root: string, files: readonly AwardFile[], existing: string[]): LaurelError[] {
  const taken = new Set(existing);
  const problems: LaurelError[] = [];
  for (const award of files) {
    if (taken.has(award.id) || existsSync(path.join(root, award.file))) {
      problems.push(
        new LaurelError('ERR_DUPLICATE_ID', `the award "${award.id}" already exists`, {
          file: award.file,
          hint: 'An award is never overwritten: choose another --id (or id column).',
        }),
      );
    }
    taken.add(award.id);
  }
  return problems;
}

/**
 * Gives the new awards their status indices and records them as published, the way a
 * development build would. If the site no longer loads, the new files are removed again.
 */
async function updateRecords(
  io: CliIo,
  contentDir: string,
  files: readonly AwardFile[],
  siteFlag: string | undefined,
): Promise<number> {
  const logger = { info: io.stdout, warn: io.stdout };
  let content: ReturnType<typeof loadContent>;
  try {
    content = loadContent(io.root, contentDir);
  } catch (error) {
    for (const award of files) rmSync(path.join(io.root, award.file), { force: true });
    throw error;
  }
  for (const award of files) io.stdout(`wrote ${award.file}`);
  try {
    const indices = await allocateSiteStatus(io.root, content, 'development', logger);
    const issuers = new Set(
      files.map((award) => {
        const achievement = content.awards.find((a) => a.id === award.id)?.achievementSlug;
        return content.achievements.find((a) => a.slug === achievement)?.issuerSlug ?? '';
      }),
    );
    const commit = [...files.map((award) => award.file), ...[...issuers].map(statusRecordFile)];
    const site = await projectSite(io.root, siteFlag);
    if (site) {
      const assembled = assembleWithIndices(content, site, indices);
      await recordPublished(io.root, assembled, 'development', logger, contentDir);
      commit.push(`${contentDir}/published.json`);
    } else {
      io.stdout(
        'No site URL (pass --site or set `site` in astro.config.mjs): run `npm run build` to ' +
          `record the award(s) in ${contentDir}/published.json.`,
      );
    }
    io.stdout(`Commit together:\n${commit.map((file) => `  ${file}`).join('\n')}`);
    return 0;
  } catch (error) {
    for (const problem of laurelProblems(error)) io.stderr(problem.format());
    io.stderr(
      'laurel award: the award file(s) were written, but the records could not be updated. ' +
        'Fix the problems above, then run `npm run build` and commit its changes with the awards.',
    );
    return 1;
  }
}

/** Asks for what the flags left out. An answer with `@` and no scheme is an e-mail address. */
async function askFor(
  given: AwardInput,
  context: AwardContext,
  ask: (question: string) => Promise<string>,
): Promise<AwardInput> {
  const input = { ...given };
  const optional = async (question: string, current: string | undefined) =>
    current ?? ((await ask(`${question} (optional): `)).trim() || undefined);
  input.achievement ??= (await ask(`Achievement (${context.achievements.join(', ')}): `)).trim();
  if (!input.email && !input.recipientId) {
    const who = (await ask("Earner's e-mail address, or their URL or DID: ")).trim();
    if (/^[a-z][a-z0-9+.-]*:/i.test(who) && !/^mailto:/i.test(who)) input.recipientId = who;
    else input.email = who.replace(/^mailto:/i, '');
  }
  input.name = await optional('Display name', input.name);
  input.date ??= (await ask(`Date awarded [${context.today}]: `)).trim() || undefined;
  input.evidenceUrl = await optional('Evidence URL', input.evidenceUrl);
  if (input.evidenceUrl) input.evidenceName = await optional('Evidence title', input.evidenceName);
  input.narrative = await optional('Why it was awarded, one line of Markdown', input.narrative);
  if (input.id === undefined) {
    const year = (input.date ?? context.today).slice(0, 4);
    const who = slugOf(input.name ?? '') || '<random>';
    const id = await ask(`Award id [${year}/${who}-${input.achievement}]: `);
    input.id = id.trim() || undefined;
  }
  return input;
}

async function terminalAsk(question: string): Promise<string> {
  const terminal = createInterface({ input: process.stdin, output: process.stdout });
  try {
    return await terminal.question(question);
  } finally {
    terminal.close();
  }
}
