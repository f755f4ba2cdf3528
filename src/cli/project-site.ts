import { existsSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { normaliseSite } from '../core/site-config.ts';

const CONFIG_FILES = ['astro.config.mjs', 'astro.config.js', 'astro.config.ts'];

/**
 * The site URL that credential ids are made from, for commands that assemble credentials outside
 * a build: `--site` when given, else `site` (and `base`) from the project's Astro config, else
 * undefined. Loading the config runs it, exactly as `npm run build` would.
 */
export async function projectSite(root: string, flag?: string): Promise<string | undefined> {
  if (flag !== undefined) return normaliseSite(flag);
  const file = CONFIG_FILES.map((name) => path.join(root, name)).find((name) => existsSync(name));
  if (!file) return undefined;
  const module = (await import(pathToFileURL(file).href)) as {
    default?: { site?: string; base?: string };
  };
  const config = module.default;
  if (!config?.site) return undefined;
  return normaliseSite(config.site, config.base);
}
