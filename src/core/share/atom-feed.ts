/**
 * `feed.xml`: an Atom feed (RFC 4287) of the site's awards, newest first, so a community can
 * follow its badges in a feed reader or post them onward automatically. Every date comes from the
 * content; an entry's id is the credential's id, which never changes. Browser-safe.
 */
import type { Element } from '@xmldom/xmldom';
import { compare } from '../credential/assemble-site.ts';
import { appendElement, createXmlDocument, serializeXml } from './xml-document.ts';

const ATOM_NAMESPACE = 'http://www.w3.org/2005/Atom';

/** `updated` of a feed with no awards yet: Atom requires one and the clock is not an option. */
const NO_AWARDS_YET = '1970-01-01T00:00:00Z';

export interface FeedEntry {
  /** The credential's id: a permanent URL. */
  id: string;
  title: string;
  summary: string;
  /** Absolute URL of the award's page. */
  page: string;
  /** Absolute URL of the credential JSON. */
  json: string;
  /** `awardedDate`. */
  published: string;
  /** When the award last changed: validFrom or the revocation date. */
  updated: string;
  author: { name: string; uri: string };
}

export interface Feed {
  /** Absolute URL of the feed itself; also its id. */
  self: string;
  /** Absolute URL of the site's index page. */
  home: string;
  title: string;
  entries: readonly FeedEntry[];
}

/**
 * The Atom document. Entries are sorted newest award first (ties by id), and the feed's
 * `updated` is the newest entry's `updated`.
 */
export function buildAtomFeed(feed: Feed): string {
  const entries = [...feed.entries].sort(
    (a, b) => compare(b.published, a.published) || compare(a.id, b.id),
  );
  const document = createXmlDocument(ATOM_NAMESPACE, 'feed');
  const root = document.documentElement as Element;
  appendElement(root, 'id', {}, feed.self);
  appendElement(root, 'title', {}, feed.title);
  const newest = entries
    .map((entry) => entry.updated)
    .sort(compare)
    .at(-1);
  appendElement(root, 'updated', {}, newest ?? NO_AWARDS_YET);
  appendElement(root, 'link', { rel: 'self', type: 'application/atom+xml', href: feed.self });
  appendElement(root, 'link', { rel: 'alternate', type: 'text/html', href: feed.home });
  for (const entry of entries) {
    const element = appendElement(root, 'entry');
    appendElement(element, 'id', {}, entry.id);
    appendElement(element, 'title', {}, entry.title);
    appendElement(element, 'published', {}, entry.published);
    appendElement(element, 'updated', {}, entry.updated);
    const author = appendElement(element, 'author');
    appendElement(author, 'name', {}, entry.author.name);
    appendElement(author, 'uri', {}, entry.author.uri);
    appendElement(element, 'link', { rel: 'alternate', type: 'text/html', href: entry.page });
    const related = { rel: 'related', type: 'application/vc+ld+json', href: entry.json };
    appendElement(element, 'link', related);
    appendElement(element, 'summary', {}, entry.summary);
  }
  return serializeXml(document);
}
