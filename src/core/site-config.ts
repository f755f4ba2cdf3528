import { LaurelError } from './errors.ts';

/**
 * Where the site lives and where its sources are. `site` is the public base URL (Astro's `site`
 * option, plus `base` when the site sits under a path); every id Laurel publishes is made from it,
 * so it must be the URL the site is really served from and must never change once badges exist.
 */
export interface SiteConfig {
  /** Absolute https base URL, always ending with `/`. */
  site: string;
  /** Project root on disk. */
  root: string;
  contentDir: string;
  keysDir: string;
}

/** Validates and normalises the site URL; throws ERR_CONFIG with the fix when it can't be used. */
export function normaliseSite(site: string | undefined, base = '/'): string {
  const hint =
    "Set `site: 'https://badges.example.org'` in astro.config.mjs to the URL the site is " +
    'served from (and `base` when it is under a path).';
  if (!site) throw new LaurelError('ERR_CONFIG', 'astro.config.mjs has no `site`', { hint });
  if (!URL.canParse(site)) {
    throw new LaurelError('ERR_CONFIG', `\`site\` is not a URL: "${site}"`, { hint });
  }
  const url = new URL(site);
  const local = url.hostname === 'localhost' || url.hostname === '127.0.0.1';
  if (url.protocol !== 'https:' && !(local && url.protocol === 'http:')) {
    throw new LaurelError('ERR_CONFIG', `\`site\` must be an https URL, not "${site}"`, {
      hint: `did:web identifiers and wallets need https. ${hint}`,
    });
  }
  if (url.search || url.hash) {
    throw new LaurelError('ERR_CONFIG', '`site` must not have a query or fragment', { hint });
  }
  const joined = `${url.pathname.replace(/\/+$/, '')}/${base.replace(/^\/+|\/+$/g, '')}`;
  url.pathname = `${joined.replace(/\/+$/, '')}/`.replace(/\/{2,}/g, '/');
  return url.href;
}
