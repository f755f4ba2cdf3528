import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { DOMParser } from '@xmldom/xmldom';
import jsonld from 'jsonld';
import { describe, expect, inject, it } from 'vitest';
import { unbake } from '../../src/core/bake/unbake.ts';
import { listFiles } from '../support/built-site.ts';
import { HAS_SHARED, needsShared, SHARED } from '../support/paths.ts';

const { out, site } = inject('builtSite');
const revocation = inject('revocationSite');

const HAS_XMLLINT = spawnSync('xmllint', ['--version']).status === 0;
const withXmllint = (title: string) =>
  HAS_XMLLINT ? title : `${title} (skipped: xmllint is not installed)`;

/** Every HTML page of a built site, as its path under the site URL (`''` for the index). */
function pages(folder: string): string[] {
  return listFiles(folder)
    .filter((file) => file === 'index.html' || file.endsWith('/index.html'))
    .map((file) => file.slice(0, -'index.html'.length));
}

const html = (folder: string, page: string) =>
  readFileSync(path.join(folder, page, 'index.html'), 'utf8');

function decode(text: string): string {
  return text
    .replaceAll('&quot;', '"')
    .replaceAll('&#39;', "'")
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replaceAll('&amp;', '&');
}

/** The attributes of every `<tag ...>` in the page (Astro writes double-quoted attributes). */
function tags(page: string, tag: string): Record<string, string>[] {
  const pattern = new RegExp(`<${tag}\\s((?:[^>"]|"[^"]*")*)>`, 'g');
  return [...page.matchAll(pattern)].map((match) =>
    Object.fromEntries(
      [...(match[1] ?? '').matchAll(/([\w:-]+)="([^"]*)"/g)].map(([, key = '', value = '']) => [
        key,
        decode(value),
      ]),
    ),
  );
}

/** og:* and twitter:* values of a page. */
function meta(page: string): Record<string, string> {
  return Object.fromEntries(
    tags(page, 'meta')
      .filter((tag) => tag.property || tag.name)
      .map((tag) => [tag.property ?? tag.name ?? '', tag.content ?? '']),
  );
}

/**
 * The file a URL of the site is served from: absolute under `siteUrl`, or root-relative, with or
 * without the site's path (the pages link under `base`, which a fixture may leave at `/`).
 */
function fileFor(folder: string, siteUrl: string, url: string): string | undefined {
  const prefix = new URL(siteUrl).pathname;
  let relative: string;
  if (url.startsWith(siteUrl)) relative = url.slice(siteUrl.length);
  else if (url.startsWith(prefix)) relative = url.slice(prefix.length);
  else if (url.startsWith('/')) relative = url.slice(1);
  else return undefined;
  const clean = decodeURIComponent(relative.split(/[?#]/)[0] ?? '');
  const file = path.join(
    folder,
    clean === '' || clean.endsWith('/') ? `${clean}index.html` : clean,
  );
  return existsSync(file) ? file : undefined;
}

function pngSize(file: string): [number, number] {
  const bytes = readFileSync(file);
  expect(bytes.subarray(12, 16).toString('latin1')).toBe('IHDR');
  return [bytes.readUInt32BE(16), bytes.readUInt32BE(20)];
}

const textareas = (page: string) =>
  [...page.matchAll(/<textarea[^>]*>([\s\S]*?)<\/textarea>/g)].map((m) => decode(m[1] ?? ''));

describe('link previews on every page', () => {
  const all = pages(out);

  it('covers index, issuer, achievement, award and earner pages', () => {
    expect(all).toContain('');
    expect(all.filter((page) => page.startsWith('earners/')).length).toBeGreaterThan(0);
    expect(all.length).toBeGreaterThanOrEqual(13);
  });

  it('has complete Open Graph and Twitter meta with its own absolute URL', () => {
    for (const page of all) {
      const tagsOf = meta(html(out, page));
      for (const key of ['og:title', 'og:description', 'og:type', 'og:image:alt']) {
        expect(tagsOf[key]?.trim(), `${page} ${key}`).toBeTruthy();
      }
      expect(tagsOf['og:url'], page).toBe(`${site}${page}`);
      expect(tagsOf['twitter:card'], page).toBe('summary_large_image');
    }
  });

  it('points og:image at a 1200x630 PNG that exists in the build', () => {
    for (const page of all) {
      const image = meta(html(out, page))['og:image'] ?? '';
      expect(image.startsWith(site), `${page}: ${image}`).toBe(true);
      const file = fileFor(out, site, image);
      expect(file, `${page}: ${image}`).toBeDefined();
      expect(pngSize(file as string), image).toEqual([1200, 630]);
    }
    // Awards and earners each have a card of their own.
    const imageOf = (page: string) => meta(html(out, page))['og:image'];
    expect(imageOf('credentials/2026/spring/nested-reviewer/')).toBe(
      `${site}previews/credentials/2026/spring/nested-reviewer.png`,
    );
    for (const page of all.filter((p) => p.startsWith('earners/'))) {
      expect(imageOf(page)).toBe(`${site}previews/${page.slice(0, -1)}.png`);
    }
  });

  it('links every page to the Atom feed and its machine-readable files, which exist', () => {
    for (const page of all) {
      const alternates = tags(html(out, page), 'link').filter((link) => link.rel === 'alternate');
      expect(alternates, page).toContainEqual(
        expect.objectContaining({ type: 'application/atom+xml' }),
      );
      for (const link of alternates) {
        expect(fileFor(out, site, link.href ?? ''), `${page} → ${link.href}`).toBeDefined();
      }
    }
    const types = (page: string) =>
      tags(html(out, page), 'link')
        .filter((link) => link.rel === 'alternate')
        .map((link) => link.type);
    expect(types('achievements/first-patch/')).toEqual(
      expect.arrayContaining(['application/ld+json', 'image/png', 'image/svg+xml']),
    );
    expect(types('credentials/2026/zoe-first-patch/')).toEqual(
      expect.arrayContaining(['application/vc+ld+json', 'application/jwt', 'image/png']),
    );
  });
});

describe('the award page', () => {
  const page = html(out, 'credentials/2026/zoe-first-patch/');

  it('has an Add to LinkedIn link whose fields decode to the award', () => {
    const link = tags(page, 'a').find((a) => a.href?.startsWith('https://www.linkedin.com/'));
    expect(link).toBeDefined();
    const url = new URL(link?.href ?? '');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      startTask: 'CERTIFICATION_NAME',
      name: 'First Patch',
      organizationName: 'Fixture Guild',
      issueYear: '2026',
      issueMonth: '1',
      certUrl: `${site}credentials/2026/zoe-first-patch/`,
      certId: `${site}credentials/2026/zoe-first-patch.json`,
    });
    const expiring = html(out, 'credentials/2026/did-holder-reviewer/');
    const other = tags(expiring, 'a').find((a) => a.href?.startsWith('https://www.linkedin.com/'));
    const fields = new URL(other?.href ?? '').searchParams;
    expect([fields.get('expirationYear'), fields.get('expirationMonth')]).toEqual(['2030', '2']);
  });

  it('offers HTML and Markdown embed snippets whose URLs resolve to files in the build', () => {
    const [snippetHtml = '', snippetMarkdown = ''] = textareas(page);
    const htmlUrls = [...snippetHtml.matchAll(/(?:href|src)="([^"]+)"/g)].map((m) => m[1] ?? '');
    const markdownUrls = [...snippetMarkdown.matchAll(/\]\(([^)]+)\)/g)].map((m) => m[1] ?? '');
    expect(htmlUrls).toHaveLength(2);
    expect(markdownUrls).toEqual(htmlUrls.toReversed());
    for (const url of [...htmlUrls, ...markdownUrls]) {
      expect(url.startsWith(site), url).toBe(true);
      expect(fileFor(out, site, url), url).toBeDefined();
    }
    expect(snippetHtml).toMatch(/alt="First Patch badge from Fixture Guild"/);
  });

  it('has no LinkedIn link for a revoked award', () => {
    const revoked = html(revocation.out, 'credentials/2026/birch/');
    expect(revoked).not.toContain('linkedin.com');
  });
});

describe('earner pages', () => {
  const earnerPages = pages(out).filter((page) => page.startsWith('earners/'));
  const texts = earnerPages.map((page) => html(out, page));

  it('exist for each URL and DID earner and for no hashed e-mail earner', () => {
    expect(earnerPages).toHaveLength(4);
    const ids = texts.map((text) => /<dt>Earner id<\/dt><dd><code>([^<]*)<\/code>/.exec(text)?.[1]);
    expect(ids.sort()).toEqual([
      'did:example:fixture-earner-5',
      'did:key:z6Mkq3h5HmimPqt34wHdmmMMJMiMZJAxRE6mA9CWy6VqpfVS',
      'https://example.org/people/zoe-obrien',
      'https://git.example.net/nested-earner',
    ]);
  });

  it('never show a hashed earner, not even by display name', () => {
    for (const text of texts) expect(text).not.toContain('Hashed Earner');
    expect(html(out, 'credentials/2026/hashed-first-patch/')).not.toContain('earners/');
  });

  it('are linked from the award page', () => {
    const award = html(out, 'credentials/2026/zoe-first-patch/');
    const link = tags(award, 'a').find((a) => a.href?.includes('/earners/'));
    expect(fileFor(out, site, link?.href ?? '')).toBeDefined();
  });
});

describe('Open Badges 2.0 copies', () => {
  const id = '2026/zoe-first-patch';
  const readJson = (file: string) =>
    JSON.parse(readFileSync(path.join(out, file), 'utf8')) as Record<string, unknown>;
  const assertion = readJson(`ob2/assertions/${id}.json`);
  const badge = readJson('ob2/badges/first-patch.json');
  const issuer = readJson('ob2/issuers/fixture-guild.json');

  it('link Assertion → BadgeClass → Issuer by URLs that exist in the build', () => {
    expect(assertion.id).toBe(`${site}ob2/assertions/${id}.json`);
    expect(assertion.badge).toBe(badge.id);
    expect(badge.issuer).toBe(issuer.id);
    for (const url of [assertion.id, assertion.badge, assertion.image, badge.image, issuer.id]) {
      expect(fileFor(out, site, String(url)), String(url)).toBeDefined();
    }
    const criteria = badge.criteria as { id: string };
    expect(fileFor(out, site, criteria.id)).toBeDefined();
    expect(issuer).toMatchObject({ name: 'Fixture Guild', email: 'badges@example.org' });
    expect(assertion.verification).toEqual({ type: 'hosted' });
    expect(assertion.recipient).toEqual({
      type: 'url',
      hashed: false,
      identity: 'https://example.org/people/zoe-obrien',
    });
  });

  it.skipIf(!HAS_SHARED)(needsShared('parse as JSON-LD with the OB 2.0 context'), async () => {
    const context = JSON.parse(
      readFileSync(path.join(SHARED, 'ob3/context/ob_v2p0/v2-context.json'), 'utf8'),
    );
    const documentLoader = async (url: string) => {
      if (url !== 'https://w3id.org/openbadges/v2') throw new Error(`unexpected fetch ${url}`);
      return { contextUrl: undefined, documentUrl: url, document: context };
    };
    const hashed = readJson('ob2/assertions/2026/hashed-first-patch.json');
    for (const document of [assertion, hashed, badge, issuer]) {
      const expanded = await jsonld.expand(document, { documentLoader, safe: true } as never);
      expect(expanded, String(document.id)).toHaveLength(1);
      expect(expanded[0]?.['@id']).toBe(document.id);
    }
    const [node] = await jsonld.expand(assertion, { documentLoader, safe: true } as never);
    expect(node?.['https://w3id.org/openbadges#badge']).toEqual([{ '@id': badge.id }]);
  });

  it('bake the Assertion into a PNG under the openbadges keyword', () => {
    const bytes = new Uint8Array(readFileSync(path.join(out, `ob2/assertions/${id}.png`)));
    const result = unbake(bytes, { version: '2.0' });
    expect(result.ok).toBe(true);
    expect(result.ok && result.credential).toEqual(assertion);
    expect(unbake(bytes).ok).toBe(false);
  });

  it('are not published for a DID earner, and the award page says why', () => {
    expect(existsSync(path.join(out, 'ob2/assertions/2026/did-holder-reviewer.json'))).toBe(false);
    expect(html(out, 'credentials/2026/did-holder-reviewer/')).toContain(
      'not by a DID, so this badge has no Open Badges 2.0 copy.',
    );
  });

  it('say revoked, with the reason, for a revoked award', () => {
    const revoked = JSON.parse(
      readFileSync(path.join(revocation.out, 'ob2/assertions/2026/birch.json'), 'utf8'),
    );
    expect(revoked).toMatchObject({
      revoked: true,
      revocationReason: 'Awarded by mistake to the wrong member.',
    });
  });
});

describe('sitemap and feed', () => {
  const xmllint = (file: string) =>
    spawnSync('xmllint', ['--noout', path.join(out, file)], { encoding: 'utf8' });

  it.skipIf(!HAS_XMLLINT)(withXmllint('pass xmllint'), () => {
    for (const file of ['sitemap.xml', 'feed.xml']) {
      const result = xmllint(file);
      expect(`${result.status} ${result.stderr}`.trim(), file).toBe('0');
    }
  });

  it('the sitemap lists every HTML page once, by absolute URL, dated from the content', () => {
    const xml = readFileSync(path.join(out, 'sitemap.xml'), 'utf8');
    const document = new DOMParser().parseFromString(xml, 'application/xml');
    const locs = [...document.getElementsByTagName('loc')].map((node) => node.textContent);
    expect([...locs].sort()).toEqual(
      pages(out)
        .map((page) => `${site}${page}`)
        .sort(),
    );
    const first = document.getElementsByTagName('url')[0];
    expect(first?.getElementsByTagName('loc')[0]?.textContent).toBe(site);
    expect(first?.getElementsByTagName('lastmod')[0]?.textContent).toBe('2026-04-20T08:00:00Z');
  });

  it('the feed lists every award, newest first, updated at the newest award', () => {
    const xml = readFileSync(path.join(out, 'feed.xml'), 'utf8');
    const document = new DOMParser().parseFromString(xml, 'application/xml');
    const entries = [...document.getElementsByTagName('entry')];
    const text = (node: (typeof entries)[number], name: string) =>
      node.getElementsByTagName(name)[0]?.textContent ?? '';
    expect(entries.map((entry) => text(entry, 'id'))).toEqual([
      `${site}credentials/2026/spring/nested-reviewer.json`,
      `${site}credentials/2026/hashed-first-patch.json`,
      `${site}credentials/2026/did-holder-reviewer.json`,
      `${site}credentials/2026/zoe-first-patch.json`,
      `${site}credentials/2025/early-first-patch.json`,
    ]);
    expect(document.getElementsByTagName('updated')[0]?.textContent).toBe('2026-04-20T08:00:00Z');
    for (const entry of entries) {
      const page = entry.getElementsByTagName('link')[0]?.getAttribute('href') ?? '';
      expect(fileFor(out, site, page), page).toBeDefined();
    }
  });
});
