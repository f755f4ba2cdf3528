/**
 * What a change to the content does to the badges: which awards it issues, revokes, changes or
 * removes, written as Markdown for a pull request's job summary. Pure: the caller reads the two
 * versions of the content (see `commands/diff.ts`).
 */
import { parseFrontMatter } from '../core/content/front-matter.ts';
import { type AwardFrontMatter, awardSchema } from '../core/content/schemas.ts';
import { compareCodePoints } from '../core/status/status-record.ts';

/** One version of an award file. */
export interface AwardSource {
  id: string;
  text: string;
}

export interface AwardVersion {
  id: string;
  text: string;
  /** Undefined when the file does not pass the schema (`laurel check` says why). */
  data: AwardFrontMatter | undefined;
  body: string;
}

export interface ChangedAward {
  before: AwardVersion;
  after: AwardVersion;
  /** Front-matter keys whose value changed, and `narrative` for the body. */
  fields: string[];
}

export interface AwardChanges {
  issued: AwardVersion[];
  revoked: ChangedAward[];
  changed: ChangedAward[];
  removed: AwardVersion[];
}

export function readAwardVersion({ id, text }: AwardSource): AwardVersion {
  try {
    const frontMatter = parseFrontMatter(text, id);
    const result = awardSchema.safeParse(frontMatter.data);
    return { id, text, data: result.success ? result.data : undefined, body: frontMatter.body };
  } catch {
    return { id, text, data: undefined, body: text };
  }
}

/** Sorts the awards of two versions of the content into the four kinds of change. */
export function compareAwards(
  before: readonly AwardSource[],
  after: readonly AwardSource[],
): AwardChanges {
  const old = new Map(before.map((source) => [source.id, readAwardVersion(source)]));
  const changes: AwardChanges = { issued: [], revoked: [], changed: [], removed: [] };
  for (const source of [...after].sort((a, b) => compareCodePoints(a.id, b.id))) {
    const current = readAwardVersion(source);
    const previous = old.get(source.id);
    old.delete(source.id);
    if (!previous) {
      changes.issued.push(current);
      continue;
    }
    if (previous.text === current.text) continue;
    const fields = changedFields(previous, current);
    const change = { before: previous, after: current, fields };
    if (!previous.data?.revoked && current.data?.revoked) changes.revoked.push(change);
    else if (fields.length > 0) changes.changed.push(change);
  }
  changes.removed = [...old.values()].sort((a, b) => compareCodePoints(a.id, b.id));
  return changes;
}

function changedFields(before: AwardVersion, after: AwardVersion): string[] {
  if (!before.data || !after.data) return ['front matter'];
  const keys = new Set([...Object.keys(before.data), ...Object.keys(after.data)]);
  const fields = [...keys].filter((key) => {
    const a = before.data?.[key as keyof AwardFrontMatter];
    const b = after.data?.[key as keyof AwardFrontMatter];
    return JSON.stringify(a) !== JSON.stringify(b);
  });
  if (before.body.trim() !== after.body.trim()) fields.push('narrative');
  return fields.sort();
}

/** Names for the table: achievement slug → its name, when known. */
export type AchievementNames = ReadonlyMap<string, string>;

/**
 * The Markdown summary. Everything that comes from content is escaped, since a pull request's
 * author controls it and the summary is rendered on GitHub.
 */
export function formatAwardChanges(
  changes: AwardChanges,
  base: string,
  names: AchievementNames,
): string {
  const { issued, revoked, changed, removed } = changes;
  const lines = [
    '## Badges in this change',
    '',
    `**${issued.length} issued, ${revoked.length} revoked, ${changed.length} changed, ` +
      `${removed.length} removed**, compared with \`${base.replaceAll('`', '')}\`.`,
  ];
  const achievement = (version: AwardVersion) => {
    const slug = version.data?.achievement;
    return slug ? (names.get(slug) ?? slug) : '?';
  };
  const table = (title: string, headers: string[], rows: string[][], note?: string) => {
    if (rows.length === 0) return;
    lines.push('', `### ${title}`, '');
    if (note) lines.push(note, '');
    lines.push(`| ${headers.join(' | ')} |`, `|${headers.map(() => ' --- |').join('')}`);
    for (const row of rows) lines.push(`| ${row.join(' | ')} |`);
  };
  const common = (version: AwardVersion) => [
    code(version.id),
    cell(achievement(version)),
    cell(earner(version)),
  ];
  table(
    'Issued',
    ['Award', 'Achievement', 'Earner', 'Awarded'],
    issued.map((version) => [...common(version), day(version.data?.awardedDate)]),
  );
  table(
    'Revoked',
    ['Award', 'Achievement', 'Earner', 'Reason'],
    revoked.map(({ after }) => [...common(after), cell(after.data?.revoked?.reason ?? '')]),
  );
  table(
    'Changed',
    ['Award', 'Achievement', 'Earner', 'What changed'],
    changed.map((change) => [...common(change.after), cell(describe(change))]),
    'A published credential may change only with a later `validFrom`; the build refuses ' +
      'anything else.',
  );
  table(
    'Removed',
    ['Award', 'Achievement', 'Earner'],
    removed.map(common),
    '> [!WARNING]\n> Removing a published award breaks its URLs. Restore the file and add ' +
      '`revoked: { date, reason }` instead.',
  );
  if (issued.length + revoked.length + changed.length + removed.length === 0) {
    lines.push('', 'No badge is issued, revoked, changed or removed.');
  }
  return `${lines.join('\n')}\n`;
}

function describe({ before, after, fields }: ChangedAward): string {
  const withdrawn = Boolean(before.data?.revoked && !after.data?.revoked);
  const parts = fields
    .filter((field) => field !== 'validFrom')
    .map((field) => (field === 'revoked' && withdrawn ? 'revocation withdrawn' : field));
  const was = before.data?.validFrom ?? before.data?.awardedDate;
  const now = after.data?.validFrom ?? after.data?.awardedDate;
  if (was && now && was !== now) parts.push(`validFrom ${day(was)} → ${day(now)}`);
  else if (fields.some((field) => field !== 'revoked')) parts.push('validFrom unchanged');
  return parts.join('; ');
}

function earner(version: AwardVersion): string {
  const recipient = version.data?.recipient;
  if (!recipient) return '?';
  if (recipient.name) return recipient.name;
  return 'id' in recipient ? recipient.id : 'a hashed e-mail address';
}

function day(date: string | undefined): string {
  return date ? date.slice(0, 10) : '?';
}

/** Text that renders as itself in a Markdown table cell, on one line, at most 80 characters. */
export function cell(text: string): string {
  const line = text.replaceAll(/\s+/g, ' ').trim();
  const short = line.length > 80 ? `${line.slice(0, 79)}…` : line;
  return short.replaceAll(/[\\`*_{}[\]()<>#+!|~&]/g, (char) => `\\${char}`);
}

function code(text: string): string {
  return `\`${text.replaceAll('`', '')}\``;
}
