import type { z } from 'zod';
import { LaurelError } from '../errors.ts';
import type { FrontMatterFile } from './front-matter.ts';

/** `evidence[0].url` from a zod issue path. */
export function fieldName(path: readonly PropertyKey[]): string {
  return path
    .map((key, index) =>
      typeof key === 'number' ? `[${key}]` : `${index === 0 ? '' : '.'}${String(key)}`,
    )
    .join('');
}

/**
 * Turns zod's issues for one file into LaurelErrors, one per problem, each with the field, its
 * line and a fix. Unknown keys get the list of known ones, since a typo is the usual cause.
 */
export function toLaurelErrors(
  error: z.ZodError,
  file: string,
  frontMatter: FrontMatterFile,
  knownKeys: (path: readonly PropertyKey[]) => readonly string[],
): LaurelError[] {
  const errors: LaurelError[] = [];
  for (const issue of error.issues) {
    const path = issue.path.filter((key) => typeof key !== 'symbol') as (string | number)[];
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        const known = knownKeys(path);
        errors.push(
          new LaurelError('ERR_CONTENT', `unknown field \`${key}\``, {
            file,
            field: fieldName([...path, key]),
            line: frontMatter.lineOf([...path, key]),
            hint: `Check the spelling; the fields here are ${known.map((k) => `\`${k}\``).join(', ')}.`,
          }),
        );
      }
      continue;
    }
    const missing = issue.code === 'invalid_type' && issue.input === undefined;
    errors.push(
      new LaurelError('ERR_CONTENT', missing ? 'is required' : issue.message, {
        file,
        field: fieldName(path),
        line: frontMatter.lineOf(path),
        hint: missing ? `Add \`${fieldName(path)}:\` to the front matter.` : undefined,
      }),
    );
  }
  return errors;
}
