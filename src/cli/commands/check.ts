import { parseArgs } from 'node:util';
import { loadContent } from '../../core/content/load-content.ts';
import { LaurelError, LaurelErrors } from '../../core/errors.ts';
import type { CliIo } from '../io.ts';

const HELP = `Usage: laurel check [--content <dir>]

Validates every issuer, achievement and award file without building the site, and prints one
line per problem as file:line: message. Exits 1 when there is a problem. Under GitHub Actions
each problem is also written as an annotation on the pull request.`;

/** `laurel check`: the fast content check for every push. */
export async function checkCommand(argv: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: { content: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
  });
  if (values.help) {
    io.stdout(HELP);
    return 0;
  }
  let problems: readonly LaurelError[] = [];
  let counts = '';
  try {
    const content = loadContent(io.root, values.content ?? 'content');
    counts =
      `${content.issuers.length} issuer(s), ${content.achievements.length} achievement(s), ` +
      `${content.awards.length} award(s)`;
  } catch (error) {
    if (error instanceof LaurelErrors) problems = error.errors;
    else if (error instanceof LaurelError) problems = [error];
    else throw error;
  }
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
