/**
 * did:web identifiers (W3C CCG "did:web Method Specification"): a DID is a host
 * name plus optional path segments joined by `:`, and its DID document lives at
 * `https://<host>/<path>/did.json`, or at `https://<host>/.well-known/did.json`
 * when there is no path. A port is part of the host and is written `%3A` so that it
 * cannot be mistaken for a path separator.
 */
import { LaurelError } from './errors.ts';

const PREFIX = 'did:web:';

/**
 * The did:web DID for an HTTPS (or, for local previews, HTTP) URL. The URL names
 * the place the DID document is served from: `https://example.org/` gives
 * `did:web:example.org`, `https://example.org:8443/a/b/` gives
 * `did:web:example.org%3A8443:a:b`. A trailing `did.json` or
 * `/.well-known/did.json` is dropped, so the document URL itself maps back to its
 * DID too. Throws ERR_CONFIG for a URL that cannot carry a DID (another scheme, a
 * query, a fragment, credentials).
 */
export function didWebFromUrl(url: string | URL): string {
  const parsed = parseUrl(url);
  if (parsed.username || parsed.password || parsed.search || parsed.hash) {
    throw new LaurelError('ERR_CONFIG', `"${String(url)}" cannot be turned into a did:web DID.`, {
      hint: 'Use a plain https:// URL with no user name, query or fragment.',
    });
  }
  const host = parsed.port ? `${parsed.hostname}%3A${parsed.port}` : parsed.hostname;
  let segments = parsed.pathname.split('/').filter((segment) => segment !== '');
  if (segments.join('/') === '.well-known/did.json') segments = [];
  else if (segments.at(-1) === 'did.json') segments = segments.slice(0, -1);
  // A colon inside a segment would read as a separator (the rest is encoded).
  const path = segments.map((segment) => `:${segment.replaceAll(':', '%3A')}`).join('');
  return `${PREFIX}${host}${path}`;
}

/**
 * The HTTPS URL of the DID document for a did:web DID (or DID URL: a `#fragment`,
 * `?query` or `/path` after the method-specific id is ignored).
 * `did:web:example.org` resolves to `https://example.org/.well-known/did.json`;
 * `did:web:example.org%3A8443:a:b` resolves to
 * `https://example.org:8443/a/b/did.json`. Throws ERR_CONFIG when the DID is not a
 * did:web DID.
 */
export function didWebToDocumentUrl(did: string): string {
  if (!did.startsWith(PREFIX)) {
    throw new LaurelError('ERR_CONFIG', `"${did}" is not a did:web DID.`, {
      hint: 'A did:web DID starts with "did:web:" followed by a host name.',
    });
  }
  const methodSpecificId = did.slice(PREFIX.length).split(/[#?/]/, 1)[0] ?? '';
  const [encodedHost = '', ...segments] = methodSpecificId.split(':');
  const host = decodeURIComponent(encodedHost);
  if (host === '' || segments.some((segment) => segment === '')) {
    throw new LaurelError('ERR_CONFIG', `"${did}" is not a valid did:web DID.`, {
      hint: 'Write it as did:web:<host>[:<path segment>...], e.g. did:web:example.org:issuers:a.',
    });
  }
  const url = new URL(`https://${host}/`);
  url.pathname =
    segments.length === 0 ? '/.well-known/did.json' : `/${segments.join('/')}/did.json`;
  return url.href;
}

/**
 * The DID of the issuer `slug` on a site: `did:web:<host>[:<site
 * path>]:issuers:<slug>`, whose DID document the site publishes at
 * `<site>/issuers/<slug>/did.json`. A site URL with a path (a project page such as
 * `https://org.github.io/badges/`) keeps that path in the DID.
 */
export function issuerDid(siteUrl: string | URL, slug: string): string {
  const site = parseUrl(siteUrl);
  const base = site.pathname.endsWith('/') ? site : new URL(`${site.pathname}/`, site);
  return didWebFromUrl(new URL(`issuers/${encodeURIComponent(slug)}/`, base));
}

function parseUrl(url: string | URL): URL {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch (cause) {
    throw new LaurelError('ERR_CONFIG', `"${String(url)}" is not a URL.`, {
      hint: 'Give an absolute https:// URL, such as the `site` setting in astro.config.mjs.',
      cause,
    });
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
    throw new LaurelError('ERR_CONFIG', `"${String(url)}" is not an http(s) URL.`, {
      hint: 'did:web DIDs are served over https://.',
    });
  }
  return parsed;
}
