/**
 * Turns what a maintainer typed (flags, answers or a CSV row) into the text of a new award file,
 * validated by the same schema and parser the loader uses. An e-mail address is hashed with a
 * fresh salt here and never leaves this module: neither the file nor any error message holds it.
 */
import { stringify } from 'yaml';
import { DATE_HINT, toDateTimeZ } from '../core/content/dates.ts';
import { parseFrontMatter } from '../core/content/front-matter.ts';
import { findEmailAddresses } from '../core/content/plaintext-email.ts';
import { awardSchema } from '../core/content/schemas.ts';
import { fieldName } from '../core/content/zod-errors.ts';
import { hashEmail, newSalt } from '../core/credential/identity-hash.ts';
import { LaurelError } from '../core/errors.ts';

/** One award as given: every value optional until checked. */
export interface AwardInput {
  achievement?: string | undefined;
  email?: string | undefined;
  recipientId?: string | undefined;
  name?: string | undefined;
  date?: string | undefined;
  evidenceUrl?: string | undefined;
  evidenceName?: string | undefined;
  narrative?: string | undefined;
  id?: string | undefined;
}

/** The names the input's fields go by where they came from: flags or CSV columns. */
export type InputNames = Readonly<Record<keyof AwardInput, string>>;

export interface AwardFile {
  id: string;
  /** Path relative to the project root, e.g. `content/awards/2026/ada-first-patch.md`. */
  file: string;
  text: string;
}

export interface AwardContext {
  contentDir: string;
  /** Slugs of the achievements that exist. */
  achievements: readonly string[];
  /** Today, `YYYY-MM-DD` (UTC): the default date. */
  today: string;
  /** Where the input came from, for errors: a CSV file and its line; undefined for flags. */
  source?: { file: string; line: number } | undefined;
  names: InputNames;
}

const AWARD_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*(?:\/[a-z0-9]+(?:-[a-z0-9]+)*)*$/;
const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

/**
 * Builds and checks one award file. Returns the file, or every problem found, each naming the
 * flag or column to fix. The front matter is parsed back and validated with `awardSchema`, so
 * a file this returns loads.
 */
export async function buildAwardFile(
  input: AwardInput,
  context: AwardContext,
): Promise<AwardFile | LaurelError[]> {
  const problems: LaurelError[] = [];
  const problem = (key: keyof AwardInput, message: string, hint?: string) =>
    problems.push(
      new LaurelError('ERR_CONTENT', message, {
        file: context.source?.file,
        line: context.source?.line,
        field: context.names[key],
        hint,
      }),
    );
  const value = (key: keyof AwardInput) => input[key]?.trim() || undefined;
  const achievement = value('achievement');
  if (!achievement) problem('achievement', 'is required');
  else if (!context.achievements.includes(achievement)) {
    problem(
      'achievement',
      `names the achievement "${achievement}", which does not exist`,
      `Use one of: ${context.achievements.join(', ') || '(none)'}.`,
    );
  }
  const email = value('email');
  const recipientId = value('recipientId');
  if ((email === undefined) === (recipientId === undefined)) {
    problem(
      email ? 'recipientId' : 'email',
      `give either ${context.names.email} or ${context.names.recipientId}`,
    );
  }
  // The address itself is never quoted back: error messages end up in logs.
  if (email && !EMAIL.test(email)) problem('email', 'is not an e-mail address');
  const date = value('date') ?? context.today;
  const year = toDateTimeZ(date)?.slice(0, 4);
  if (!year) problem('date', `"${date}" is not a date`, DATE_HINT);
  const name = value('name');
  const id = value('id') ?? `${year}/${slugOf(name ?? '') || shortRandom()}-${achievement}`;
  if (year && !AWARD_ID.test(id)) {
    problem(
      'id',
      `"${id}" cannot be an award id`,
      'Use lower-case letters, digits and hyphens, with / between folders, e.g. 2026/ada-first-patch.',
    );
  }
  if (problems.length > 0) return problems;

  const salt = newSalt();
  const recipient = email
    ? { hashedEmail: await hashEmail(email, salt), salt, name }
    : { id: recipientId, name };
  const evidenceUrl = value('evidenceUrl');
  const evidenceName = value('evidenceName');
  const data = {
    achievement,
    recipient: withoutUndefined(recipient),
    awardedDate: date,
    ...(evidenceUrl || evidenceName
      ? { evidence: [withoutUndefined({ url: evidenceUrl, name: evidenceName })] }
      : {}),
  };
  const narrative = value('narrative');
  const text = `---\n${stringify(data, { lineWidth: 0 })}---\n${narrative ? `${narrative}\n` : ''}`;
  const file = `${context.contentDir}/awards/${id}.md`;

  const flagOf: Record<string, keyof AwardInput> = {
    achievement: 'achievement',
    'recipient.id': 'recipientId',
    'recipient.name': 'name',
    awardedDate: 'date',
    'evidence[0].url': 'evidenceUrl',
    'evidence[0].name': 'evidenceName',
    'evidence[0]': 'evidenceUrl',
  };
  const result = awardSchema.safeParse(parseFrontMatter(text, file).data);
  if (!result.success) {
    for (const issue of result.error.issues) {
      const path = issue.path.filter((key) => typeof key !== 'symbol');
      problem(flagOf[fieldName(path)] ?? 'id', issue.message);
    }
    return problems;
  }
  if (findEmailAddresses(text).length > 0) {
    const suspects = ['name', 'narrative', 'evidenceName', 'evidenceUrl', 'recipientId'] as const;
    const key = suspects.find((name) => findEmailAddresses(input[name] ?? '').length > 0) ?? 'id';
    problem(
      key,
      'holds an e-mail address, which an award file must never show',
      'Award files are public: write the address only with --email (or the email column), ' +
        'which stores its salted hash.',
    );
    return problems;
  }
  return { id, file, text };
}

/** `Amélie Rousseau` → `amelie-rousseau`; empty when nothing Latin is left. */
export function slugOf(name: string): string {
  const folded = name
    .toLowerCase()
    .replaceAll('ø', 'o')
    .replaceAll('æ', 'ae')
    .replaceAll('œ', 'oe')
    .replaceAll('ß', 'ss')
    .replaceAll('đ', 'd')
    .replaceAll('ł', 'l')
    .replaceAll('þ', 'th')
    .normalize('NFKD')
    .replaceAll(/\p{M}/gu, '');
  const slug = folded.replaceAll(/[^a-z0-9]+/g, '-').replaceAll(/^-+|-+$/g, '');
  return slug.length <= 40 ? slug : slug.slice(0, 40).replace(/-[^-]*$/, '');
}

/** Four lower-case letters and digits, for an id when no name is given. */
function shortRandom(): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
  return [...crypto.getRandomValues(new Uint8Array(4))]
    .map((byte) => alphabet[byte % alphabet.length])
    .join('');
}

function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, item]) => item !== undefined)) as T;
}
