/**
 * Earners who get a page of their own: those identified by a URL or a DID. An earner known only
 * by a hashed e-mail address never gets one, even with a display name, because a name alone does
 * not identify a person: two Alex Smiths would share a page. Node-only for the hash.
 */
import { createHash } from 'node:crypto';
import type { AwardRecord } from '../content/records.ts';
import { compare } from '../credential/assemble-site.ts';
import { LaurelError } from '../errors.ts';

export interface Earner {
  /** The page's slug, derived from `id` alone, so it never changes while the id does not. */
  slug: string;
  /** The URL or DID in the awards' `recipient.id`. */
  id: string;
  /** Display name from the newest award that gives one. */
  name?: string | undefined;
  /** Ids of the earner's awards, newest first. */
  awardIds: string[];
}

/** Length of the hash part of a slug: 40 bits, so two earners of one site never share one. */
const HASH_DIGITS = 10;
const READABLE_LENGTH = 32;

/**
 * A stable, readable slug for an earner id: a few words from the id and a short SHA-256 of the
 * whole id, e.g. `zoe-obrien-3f0c9a1b2d` for `https://example.org/people/zoe-obrien` or
 * `did-key-8e41c07d5a` for a did:key. Only the id goes in, never a name, so renaming an earner
 * keeps their page where it is.
 */
export function earnerSlug(id: string): string {
  const hash = createHash('sha256').update(id, 'utf8').digest('hex').slice(0, HASH_DIGITS);
  const readable = readablePart(id)
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .slice(0, READABLE_LENGTH)
    .replace(/^-+|-+$/g, '');
  return `${readable || 'earner'}-${hash}`;
}

function readablePart(id: string): string {
  const did = /^did:([a-z0-9]+):/i.exec(id);
  if (did) return `did-${did[1]}`;
  if (!URL.canParse(id)) return '';
  const url = new URL(id);
  const segments = url.pathname.split('/').filter((segment) => segment !== '');
  const last = segments.at(-1);
  return last ? safeDecode(last) : url.hostname || url.protocol;
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/**
 * Groups the awards by earner id, newest award first, earners in slug order. Awards to hashed
 * e-mail addresses are left out entirely. Two ids that hash to the same slug stop the build with
 * ERR_DUPLICATE_ID rather than merging two people's pages.
 */
export function collectEarners(awards: readonly AwardRecord[]): Earner[] {
  const newestFirst = [...awards].sort(
    (a, b) => compare(b.data.awardedDate, a.data.awardedDate) || compare(a.id, b.id),
  );
  const byId = new Map<string, Earner>();
  for (const award of newestFirst) {
    const { recipient } = award.data;
    if (!('id' in recipient)) continue;
    const earner = byId.get(recipient.id) ?? {
      slug: earnerSlug(recipient.id),
      id: recipient.id,
      awardIds: [],
    };
    earner.name ??= recipient.name;
    earner.awardIds.push(award.id);
    byId.set(recipient.id, earner);
  }
  const bySlug = new Map<string, Earner>();
  for (const earner of byId.values()) {
    const other = bySlug.get(earner.slug);
    if (other) {
      throw new LaurelError(
        'ERR_DUPLICATE_ID',
        `earners "${other.id}" and "${earner.id}" would share the page /earners/${earner.slug}/`,
        { hint: 'This is vanishingly unlikely; report it so the slug can be made longer.' },
      );
    }
    bySlug.set(earner.slug, earner);
  }
  return [...bySlug.values()].sort((a, b) => compare(a.slug, b.slug));
}
