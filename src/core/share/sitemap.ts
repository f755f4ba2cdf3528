/**
 * `sitemap.xml` (sitemaps.org protocol 0.9): every HTML page of the site by absolute URL, so
 * search engines find award pages that nothing else links to. `lastmod` is a content date (the
 * newest award, validity or revocation date a page shows), never the build's clock, so rebuilding
 * the same commit writes the same file. Browser-safe.
 */
import type { Element } from '@xmldom/xmldom';
import { appendElement, createXmlDocument, serializeXml } from './xml-document.ts';

const SITEMAP_NAMESPACE = 'http://www.sitemaps.org/schemas/sitemap/0.9';

export interface SitemapEntry {
  /** Absolute URL of the page. */
  loc: string;
  /** W3C date-time the page's content last changed, when known. */
  lastmod?: string | undefined;
}

/** The sitemap document; entries are written in the order given. */
export function buildSitemap(entries: readonly SitemapEntry[]): string {
  const document = createXmlDocument(SITEMAP_NAMESPACE, 'urlset');
  const root = document.documentElement as Element;
  for (const entry of entries) {
    const url = appendElement(root, 'url');
    appendElement(url, 'loc', {}, entry.loc);
    if (entry.lastmod) appendElement(url, 'lastmod', {}, entry.lastmod);
  }
  return serializeXml(document);
}
