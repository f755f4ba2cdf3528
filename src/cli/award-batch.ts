/**
 * `laurel award --batch`: the rows of a CSV file as award inputs. The CSV holds earners'
 * plaintext addresses, so it must stay out of the repository: one inside the content folder is
 * refused, one elsewhere in the repository gets a warning.
 */
import { existsSync, readFileSync, realpathSync } from 'node:fs';
import path from 'node:path';
import { LaurelError } from '../core/errors.ts';
import type { AwardContext, AwardInput, InputNames } from './award-file.ts';
import type { CliIo } from './io.ts';

const COLUMN_NAMES: InputNames = {
  achievement: 'achievement',
  email: 'email',
  recipientId: 'recipient_id',
  name: 'name',
  date: 'date',
  evidenceUrl: 'evidence_url',
  evidenceName: 'evidence_name',
  narrative: 'narrative',
  id: 'id',
};

/** The rows of a batch CSV, each with the line it came from for errors. */
export async function readBatch(
  io: CliIo,
  csvPath: string,
  context: AwardContext,
): Promise<{ input: AwardInput; context: AwardContext }[]> {
  const file = path.resolve(io.root, csvPath);
  const shown = path.relative(io.root, file).split(path.sep).join('/');
  if (!existsSync(file)) {
    throw new LaurelError('ERR_CONFIG', 'the CSV file does not exist', { file: shown });
  }
  const real = realpathSync(file);
  const within = (folder: string) => {
    if (!existsSync(folder)) return false;
    const relative = path.relative(realpathSync(folder), real);
    return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
  };
  if (within(path.join(io.root, context.contentDir))) {
    throw new LaurelError('ERR_CONFIG', 'the CSV is inside the content folder', {
      file: shown,
      hint:
        'Everything under content/ is committed and published, and the CSV holds plaintext ' +
        'addresses: move it outside the repository and run the command again.',
    });
  }
  if (within(io.root)) {
    io.stderr(`laurel award: ${shown} is inside the repository: never commit it, delete it after.`);
  }
  const { parse } = await import('csv-parse/sync');
  const rows = parse(readFileSync(real), {
    bom: true,
    columns: (header: string[]) => header.map((name) => name.trim().toLowerCase()),
    info: true,
    skip_empty_lines: true,
    trim: true,
  }) as { record: Record<string, string>; info: { lines: number } }[];
  const known = new Map(Object.entries(COLUMN_NAMES).map(([key, name]) => [name, key]));
  const unknown = Object.keys(rows[0]?.record ?? {}).filter((column) => !known.has(column));
  if (unknown.length > 0) {
    throw new LaurelError('ERR_CONFIG', `unknown column(s): ${unknown.join(', ')}`, {
      file: shown,
      line: 1,
      hint: `The columns are ${[...known.keys()].join(', ')}.`,
    });
  }
  return rows.map(({ record, info }) => ({
    input: Object.fromEntries(
      Object.entries(record).map(([column, value]) => [known.get(column), value]),
    ) as AwardInput,
    context: { ...context, names: COLUMN_NAMES, source: { file: shown, line: info.lines } },
  }));
}
