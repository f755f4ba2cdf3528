/**
 * How the verify page reaches documents: its own origin, and other issuers' documents (DID
 * documents, status lists, schemas) over https, which its Content-Security-Policy allows. Plain
 * http elsewhere is refused with a sentence instead of being blocked by the browser. The site's
 * own URLs (its `site` setting) are read from wherever this page is served, so a local preview
 * verifies against its own files.
 */
import { createHttpFetchers } from '../../core/verify/fetch-http.ts';
import type { FetchBytes, FetchJson } from '../../core/verify/types.ts';

export interface PageFetchers {
  fetchJson: FetchJson;
  fetchBytes: FetchBytes;
  /** The URL this page would load for `url`, or undefined when its policy forbids it. */
  reachable(url: string): string | undefined;
}

/**
 * Fetchers for the page at `location`, for a site published at `siteUrl` and served under
 * `base`.
 */
export function pageFetchers(siteUrl: string, base: string, location: Location): PageFetchers {
  const http = createHttpFetchers();
  const here = new URL(base, location.origin).href;
  const reachable = (url: string): string | undefined => {
    if (!URL.canParse(url)) return undefined;
    const mapped = url.startsWith(siteUrl) ? here + url.slice(siteUrl.length) : url;
    const target = new URL(mapped);
    return target.origin === location.origin || target.protocol === 'https:' ? mapped : undefined;
  };
  const guard =
    <T>(read: (url: string) => Promise<T>) =>
    async (url: string): Promise<T> => {
      const target = reachable(url);
      if (target === undefined) {
        throw new Error(
          `this page may only read from ${location.origin} and https sites (its security ` +
            'policy); run `laurel verify` to check documents elsewhere',
        );
      }
      return read(target);
    };
  return { fetchJson: guard(http.fetchJson), fetchBytes: guard(http.fetchBytes), reachable };
}
