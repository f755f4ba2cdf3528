/**
 * What a person wants to see about a badge: who issued it, to whom, for what, and its picture.
 * Every value is text copied from the credential; callers must show it as text, never as markup.
 */
import { isObject, type Json } from './key-documents.ts';
import type { BadgeSummary } from './types.ts';

/** Picks the issuer, earner, achievement, criteria and image out of a credential. */
export function summarise(credential: Json): BadgeSummary {
  const summary: BadgeSummary = {};
  const issuer = credential.issuer;
  if (typeof issuer === 'string') summary.issuer = { id: issuer };
  else if (isObject(issuer)) summary.issuer = pick({ id: issuer.id, name: text(issuer.name) });
  const subject = [credential.credentialSubject].flat().find(isObject);
  if (subject) {
    const earner =
      text(subject.name) ??
      text(subject.id) ??
      (subject.identifier ? 'someone identified by a hashed e-mail address' : undefined);
    if (earner) summary.earner = earner;
    const achievement = isObject(subject.achievement) ? subject.achievement : undefined;
    if (achievement) {
      summary.achievement = pick({
        name: text(achievement.name),
        description: text(achievement.description),
      });
      if (isObject(achievement.criteria)) {
        summary.criteria = pick({
          id: achievement.criteria.id,
          narrative: text(achievement.criteria.narrative),
        });
      }
      const image = imageOf(achievement.image) ?? imageOf(credential.image);
      if (image) summary.image = image;
    }
  }
  if (!summary.image) {
    const image = imageOf(credential.image);
    if (image) summary.image = image;
  }
  return summary;
}

function imageOf(value: unknown): BadgeSummary['image'] {
  const url = typeof value === 'string' ? value : isObject(value) ? value.id : undefined;
  if (typeof url !== 'string' || !/^(https?:|data:image\/)/i.test(url)) return undefined;
  const caption = isObject(value) ? text(value.caption) : undefined;
  return caption ? { url, caption } : { url };
}

/** A string, or the first string of a language map or array. */
function text(value: unknown): string | undefined {
  if (typeof value === 'string') return value.slice(0, 10_000);
  if (Array.isArray(value)) return text(value[0]);
  if (isObject(value)) return text(value['@value'] ?? Object.values(value)[0]);
  return undefined;
}

function pick<T extends Record<string, unknown>>(values: T): { [K in keyof T]?: string } {
  return Object.fromEntries(
    Object.entries(values).filter(([, value]) => typeof value === 'string'),
  ) as {
    [K in keyof T]?: string;
  };
}
