/**
 * `laurel diff --base <ref>`: what a pull request would do to the badges, as Markdown for the
 * job summary. It reads the awards at the base ref from git (`git ls-tree`, `git show`) and the
 * working tree from disk; nothing is written and nothing is fetched.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { parseFrontMatter } from '../../core/content/front-matter.ts';
import { LaurelError } from '../../core/errors.ts';
import { type AwardSource, compareAwards, formatAwardChanges } from '../award-changes.ts';
import type { CliIo } from '../io.ts';

const HELP = `Usage: laurel diff --base <git ref> [--content <dir>]

Compares the awards at <git ref> with the working tree and prints, as Markdown, the badges the
change would issue, revoke, change or remove. In a pull request's workflow:

  npm run laurel -- diff --base "origin/$GITHUB_BASE_REF" >> "$GITHUB_STEP_SUMMARY"

The base ref must have been fetched (actions/checkout with fetch-depth: 0).`;

const MARKDOWN = /\.(md|markdown)$/;

/** `laurel diff`; returns the exit status. */
export async function diffCommand(argv: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      base: { type: 'string' },
      content: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    io.stdout(HELP);
    return 0;
  }
  const base = values.base;
  if (!base) {
    io.stderr(`laurel diff: give --base <git ref>.\n\n${HELP}`);
    return 1;
  }
  const contentDir = values.content ?? 'content';
  try {
    io.stdout(summarise(io.root, contentDir, base));
    return 0;
  } catch (error) {
    if (!(error instanceof LaurelError)) throw error;
    io.stderr(`laurel diff: ${error.format()}`);
    return 1;
  }
}

function summarise(root: string, contentDir: string, base: string): string {
  const git = gitReader(root, base);
  const before = git.list(`${contentDir}/awards/`).flatMap((file) => {
    const id = awardId(contentDir, file);
    return id ? [{ id, text: git.show(file) }] : [];
  });
  const after = workingTreeAwards(root, contentDir);
  const names = achievementNames(root, contentDir);
  return formatAwardChanges(compareAwards(before, after), base, names).trimEnd();
}

/** Reads files at one commit. Paths are relative to `root`, which may be below the top level. */
function gitReader(root: string, ref: string) {
  const git = (args: string[]) =>
    execFileSync('git', args, {
      cwd: root,
      encoding: 'utf8',
      maxBuffer: 256 * 1024 * 1024,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  if (ref.startsWith('-')) {
    throw new LaurelError('ERR_CONFIG', `"${ref}" is not a git ref`, {
      hint: 'Give a branch, tag or commit, e.g. --base origin/main.',
    });
  }
  try {
    git(['rev-parse', '--verify', '--quiet', `${ref}^{commit}`]);
  } catch {
    throw new LaurelError('ERR_CONFIG', `the git ref "${ref}" does not exist here`, {
      hint:
        'Fetch it first (git fetch origin <branch>); in GitHub Actions, check out with ' +
        '`fetch-depth: 0`.',
    });
  }
  return {
    list: (folder: string) =>
      git(['ls-tree', '-r', '-z', '--name-only', ref, '--', folder]).split('\0').filter(Boolean),
    show: (file: string) => git(['show', `${ref}:./${file}`]),
  };
}

function awardId(contentDir: string, file: string): string | undefined {
  const prefix = `${contentDir}/awards/`;
  if (!file.startsWith(prefix) || !MARKDOWN.test(file)) return undefined;
  return file.slice(prefix.length).replace(MARKDOWN, '');
}

function workingTreeAwards(root: string, contentDir: string): AwardSource[] {
  const dir = path.join(root, contentDir, 'awards');
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && MARKDOWN.test(entry.name))
    .map((entry) => path.join(entry.parentPath, entry.name))
    .map((file) => ({
      id: path.relative(dir, file).split(path.sep).join('/').replace(MARKDOWN, ''),
      text: readFileSync(file, 'utf8'),
    }));
}

function achievementNames(root: string, contentDir: string): Map<string, string> {
  const dir = path.join(root, contentDir, 'achievements');
  const names = new Map<string, string>();
  if (!existsSync(dir)) return names;
  for (const file of readdirSync(dir).filter((name) => MARKDOWN.test(name))) {
    try {
      const { data } = parseFrontMatter(readFileSync(path.join(dir, file), 'utf8'), file);
      if (typeof data.name === 'string') names.set(file.replace(MARKDOWN, ''), data.name);
    } catch {
      // A broken achievement shows as its slug; `laurel check` reports the file.
    }
  }
  return names;
}
