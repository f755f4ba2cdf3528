import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { SHARED } from './paths.ts';

const OB_SCHEMA_URL =
  'https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_achievementcredential_schema.json';

/**
 * Reads a URL of the built site from its output folder, as a static host would serve it. The
 * OB 3.0 schema that credentials cite is answered from ../shared. Anything else is a 404: these
 * tests never reach the network.
 */
export function siteFile(out: string, site: string, url: string): string | undefined {
  if (url.startsWith(site)) {
    const file = path.join(out, decodeURIComponent(url.slice(site.length).split('#')[0] ?? ''));
    return existsSync(file) ? file : undefined;
  }
  if (url === OB_SCHEMA_URL) {
    const file = path.join(
      SHARED,
      'ob3/schema/ob_v3p0/purl-json-ld-adaptation/ob_v3p0_achievementcredential_schema.json',
    );
    return existsSync(file) ? file : undefined;
  }
  return undefined;
}

/** A `fetch` that answers from `siteFile`, recording every URL asked for. */
export function siteFetch(out: string, site: string, seen: string[] = []): typeof fetch {
  return (async (input: string | URL | Request) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    seen.push(url);
    const file = siteFile(out, site, url);
    return file
      ? new Response(readFileSync(file), { headers: { 'content-type': 'application/json' } })
      : new Response('not found', { status: 404 });
  }) as typeof fetch;
}
