import { spawnSync } from 'node:child_process';
import { DOMParser } from '@xmldom/xmldom';
import { describe, expect, it } from 'vitest';
import { buildAtomFeed, type FeedEntry } from '../../../src/core/share/atom-feed.ts';
import { buildSitemap } from '../../../src/core/share/sitemap.ts';

const HAS_XMLLINT = spawnSync('xmllint', ['--version']).status === 0;
const XMLLINT = `passes xmllint${HAS_XMLLINT ? '' : ' (skipped: xmllint is not installed)'}`;

function xmllint(xml: string): string {
  const result = spawnSync('xmllint', ['--noout', '-'], { input: xml, encoding: 'utf8' });
  return `${result.status} ${result.stderr}`.trim();
}

const entry = (id: string, published: string, updated = published): FeedEntry => ({
  id: `https://badges.example.org/credentials/${id}.json`,
  title: `Helper awarded to <${id}> & co`,
  summary: 'Zoë earned Helper.',
  page: `https://badges.example.org/credentials/${id}/`,
  json: `https://badges.example.org/credentials/${id}.json`,
  published,
  updated,
  author: { name: 'Test & Club', uri: 'https://club.example.org' },
});

const FEED = {
  self: 'https://badges.example.org/feed.xml',
  home: 'https://badges.example.org/',
  title: 'Badges of Test & Club',
  entries: [
    entry('a', '2026-01-01T00:00:00Z'),
    entry('c', '2026-03-01T00:00:00Z', '2026-04-02T00:00:00Z'),
    entry('b', '2026-03-01T00:00:00Z'),
  ],
};

describe('Atom feed', () => {
  const xml = buildAtomFeed(FEED);
  const document = new DOMParser().parseFromString(xml, 'application/xml');
  const text = (name: string) =>
    [...document.getElementsByTagName(name)].map((node) => node.textContent);

  it('lists awards newest first, ties by id, and is updated at the newest change', () => {
    expect(text('id').slice(1)).toEqual([
      'https://badges.example.org/credentials/b.json',
      'https://badges.example.org/credentials/c.json',
      'https://badges.example.org/credentials/a.json',
    ]);
    expect(text('updated')[0]).toBe('2026-04-02T00:00:00Z');
    expect(text('title')).toContain('Helper awarded to <a> & co');
  });

  it('is still a valid feed with no awards', () => {
    const empty = buildAtomFeed({ ...FEED, entries: [] });
    expect(empty).toContain('<updated>1970-01-01T00:00:00Z</updated>');
  });

  it.skipIf(!HAS_XMLLINT)(XMLLINT, () => {
    expect(xmllint(xml)).toBe('0');
  });
});

describe('sitemap', () => {
  const xml = buildSitemap([
    { loc: 'https://badges.example.org/', lastmod: '2026-03-01T00:00:00Z' },
    { loc: 'https://badges.example.org/verify/?a=1&b=2' },
  ]);

  it('lists absolute URLs in order, lastmod only where there is a content date', () => {
    const document = new DOMParser().parseFromString(xml, 'application/xml');
    const urls = [...document.getElementsByTagName('url')];
    expect(urls.map((url) => url.getElementsByTagName('loc')[0]?.textContent)).toEqual([
      'https://badges.example.org/',
      'https://badges.example.org/verify/?a=1&b=2',
    ]);
    expect(urls.map((url) => url.getElementsByTagName('lastmod').length)).toEqual([1, 0]);
    expect(xml).toContain('?a=1&amp;b=2');
  });

  it.skipIf(!HAS_XMLLINT)(XMLLINT, () => {
    expect(xmllint(xml)).toBe('0');
  });
});
