import type { z } from 'zod';
import { LaurelError, type LaurelErrorCode } from '../errors.ts';

/**
 * The build keeps two records in git beside the content: the status record (which status list
 * index each award holds) and the published record (what each published credential was). Both
 * are JSON with one award per line, so branches that add different awards merge cleanly and
 * branches that touch the same lines conflict. This reads either one, catching on the text what
 * JSON.parse would hide: leftover merge markers, and an award listed twice (JSON.parse keeps the
 * second silently).
 */
export interface CommittedRecordFormat<T> {
  code: LaurelErrorCode;
  /** How messages name the record: "the status record". */
  name: string;
  schema: z.ZodType<T>;
  /** Where the award ids start in the text (the key of the object that holds them), if nested. */
  idsAfter?: string;
  /** What to do about an award listed twice. */
  repeatedHint: string;
}

export const RECOVER_HINT = 'Restore the file from git; it is written by the build.';

/** Parses a committed record; `file` names it in errors. */
export function parseCommittedRecord<T>(
  text: string,
  file: string,
  format: CommittedRecordFormat<T>,
): T {
  const { code, name } = format;
  const marker = /^(<{7}|={7}|>{7})(?: |$)/m.exec(text);
  if (marker) {
    throw new LaurelError(code, `${name} has unresolved merge conflicts`, {
      file,
      line: lineAt(text, marker.index),
      hint: 'Keep the lines of both sides, delete the markers and build again.',
    });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new LaurelError(code, `${name} is not valid JSON`, {
      file,
      hint: RECOVER_HINT,
      cause: error,
    });
  }
  const result = format.schema.safeParse(json);
  if (!result.success) {
    const issue = result.error.issues[0];
    const path = issue?.path.map(String) ?? [];
    const id = path.find((key) => key.includes('/')) ?? path[0];
    const at = id === undefined ? -1 : text.indexOf(`${JSON.stringify(id)}:`);
    throw new LaurelError(code, `${name} is malformed: ${issue?.message}`, {
      file,
      line: at < 0 ? undefined : lineAt(text, at),
      field: path.join('.') || undefined,
      hint: RECOVER_HINT,
    });
  }
  const repeated = findRepeatedId(text, format.idsAfter);
  if (repeated) {
    throw new LaurelError(code, `award "${repeated.id}" is listed twice`, {
      file,
      line: repeated.line,
      hint: format.repeatedHint,
    });
  }
  return result.data;
}

function findRepeatedId(
  text: string,
  after: string | undefined,
): { id: string; line: number } | undefined {
  const start = after === undefined ? 0 : text.indexOf(`"${after}"`) + after.length + 2;
  if (start < 0) return undefined;
  const seen = new Set<string>();
  const keys =
    after === undefined ? /^ {2}"((?:[^"\\\n]|\\.)*)"\s*:/gm : /"((?:[^"\\\n]|\\.)*)"\s*:/g;
  for (const match of text.slice(start).matchAll(keys)) {
    const id = JSON.parse(`"${match[1]}"`) as string;
    if (seen.has(id)) return { id, line: lineAt(text, start + match.index) };
    seen.add(id);
  }
  return undefined;
}

function lineAt(text: string, offset: number): number {
  return text.slice(0, offset).split('\n').length;
}
