import { parseArgs } from 'node:util';
import { loadContent } from '../../core/content/load-content.ts';
import { LaurelError, LaurelErrors } from '../../core/errors.ts';
import {
  publishedRecordFile,
  publishedRecordProblems,
} from '../../core/publish/published-record-node.ts';
import type { CliIo } from '../io.ts';
import { projectSite } from '../project-site.ts';
import { assembleWithIndices, checkStatusIndices } from '../site-records.ts';

const HELP = `Usage: laurel check [--content <dir>] [--site <url>]

Validates every issuer, achievement and award file without building the site, and checks the
records the build keeps beside them: every award holds an index in content/status/<issuer>.json,
and content/published.json still matches every published credential (none removed, none changed
without a later validFrom, none missing). Prints one line per problem as file:line: message and
exits 1 when there is a problem. Under GitHub Actions each problem is also written as an
annotation on the pull request.

Options:
  --content <dir>  the content folder (default: content)
  --site <url>     the site URL credential ids are made from (default: \`site\` in
                   astro.config.mjs); without one, content/published.json is not checked
  -h, --help       show this help`;

/** `laurel check`: the fast content check for every push. */
export async function checkCommand(argv: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      content: { type: 'string' },
      site: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    io.stdout(HELP);
    return 0;
  }
  const contentDir = values.content ?? 'content';
  const problems: LaurelError[] = [];
  let counts = '';
  await collect(problems, async () => {
    const content = loadContent(io.root, contentDir);
    counts =
      `${content.issuers.length} issuer(s), ${content.achievements.length} achievement(s), ` +
      `${content.awards.length} award(s)`;
    const status = await checkStatusIndices(io.root, content);
    const site = await projectSite(io.root, values.site);
    if (!site || !status.complete) {
      problems.push(...status.problems);
      const why = site
        ? 'a status record is unreadable'
        : 'no site URL (pass --site or set `site`)';
      io.stdout(`laurel check: ${publishedRecordFile(contentDir)} not checked: ${why}.`);
      return;
    }
    const assembled = assembleWithIndices(content, site, status.indices);
    const published = await publishedRecordProblems(io.root, assembled, contentDir);
    // A removed award is reported once, by the published record, when both list it.
    const reported = new Set(published.map((problem) => `${problem.code} ${problem.file}`));
    problems.push(
      ...status.problems.filter((problem) => !reported.has(`${problem.code} ${problem.file}`)),
      ...published,
    );
  });
  for (const problem of problems) {
    io.stderr(problem.format());
    if (io.env.GITHUB_ACTIONS === 'true') io.stdout(annotation(problem));
  }
  if (problems.length > 0) {
    io.stderr(`laurel check: ${problems.length} problem(s).`);
    return 1;
  }
  io.stdout(`laurel check: ${counts}, no problems.`);
  return 0;
}

/** Runs a step, adding the Laurel errors it throws to `problems`. */
async function collect(problems: LaurelError[], step: () => Promise<void>): Promise<void> {
  try {
    await step();
  } catch (error) {
    if (error instanceof LaurelErrors) problems.push(...error.errors);
    else if (error instanceof LaurelError) problems.push(error);
    else throw error;
  }
}

/** A GitHub Actions workflow command, escaped as the runner expects. */
function annotation(problem: LaurelError): string {
  const escapeData = (text: string) =>
    text.replaceAll('%', '%25').replaceAll('\r', '%0D').replaceAll('\n', '%0A');
  const escapeProperty = (text: string) =>
    escapeData(text).replaceAll(':', '%3A').replaceAll(',', '%2C');
  const properties = [
    problem.file ? `file=${escapeProperty(problem.file)}` : '',
    problem.line ? `line=${problem.line}` : '',
    `title=${escapeProperty(`Laurel ${problem.code}`)}`,
  ].filter(Boolean);
  const message = [problem.field, problem.message].filter(Boolean).join(': ');
  const text = problem.hint ? `${message}. ${problem.hint}` : message;
  return `::error ${properties.join(',')}::${escapeData(text)}`;
}
