/**
 * How the verify page reaches documents. Its Content-Security-Policy lets it connect only to its
 * own origin, so a URL on another site is refused here with a sentence instead of being blocked
 * by the browser with a console error. The site's own URLs (its `site` setting) are read from
 * wherever this page is served, so a local preview verifies against its own files.
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
    return new URL(mapped).origin === location.origin ? mapped : undefined;
  };
  const guard =
    <T>(read: (url: string) => Promise<T>) =>
    async (url: string): Promise<T> => {
      const target = reachable(url);
      if (target === undefined) {
        throw new Error(
          `this page may only read from ${location.origin} (its security policy); ` +
            'run `laurel verify` to check documents on other sites',
        );
      }
      return read(target);
    };
  return { fetchJson: guard(http.fetchJson), fetchBytes: guard(http.fetchBytes), reachable };
}
