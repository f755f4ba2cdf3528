import process from 'node:process';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration, AstroIntegrationLogger } from 'astro';
import { loadContent } from '../core/content/load-content.ts';
import { type AssembledSite, assembleSite } from '../core/credential/assemble-site.ts';
import { LaurelError, LaurelErrors } from '../core/errors.ts';
import type { IssuerKeys } from '../core/keys/load-issuer-keys.ts';
import { buildMode, loadSiteKeys } from '../core/publish/issuer-keys-node.ts';
import { OutputDir } from '../core/publish/output-dir.ts';
import { publishSite } from '../core/publish/publish-site.ts';
import { allocateSiteStatus, type StatusIndices } from '../core/publish/status-allocation-node.ts';
import { normaliseSite, type SiteConfig } from '../core/site-config.ts';
import { statusEntry } from '../core/status/status-list-credential.ts';
import { siteUrls } from '../core/urls.ts';
import { buildSiteView, type SiteView } from '../core/view/site-view.ts';
import { ROUTES } from './routes.ts';
import { virtualSitePlugin } from './virtual-site.ts';

export interface LaurelOptions {
  /** Folder of issuers, achievements and awards, relative to the project root. */
  contentDir?: string;
  /** Folder of the public keys (and, locally, the git-ignored private keys). */
  keysDir?: string;
}

/**
 * The Astro integration: loads and validates the content before Astro does anything, hands the
 * pages their data, and after Astro has written the pages publishes the credentials, keys, images
 * and status lists next to them. Any problem stops the build with one line per problem (file,
 * field, fix) and removes the output folder, so a half-built site is never deployed.
 */
export default function laurel(options: LaurelOptions = {}): AstroIntegration {
  let config: SiteConfig | undefined;
  let assembled: AssembledSite | undefined;
  let view: SiteView | undefined;
  let outDir: URL | undefined;
  let keys: ReadonlyMap<string, IssuerKeys> = new Map();
  let statusIndices: StatusIndices = new Map();

  return {
    name: 'laurel',
    hooks: {
      'astro:config:setup': async ({ config: astro, injectRoute, updateConfig, logger }) => {
        outDir = astro.outDir;
        const root = fileURLToPath(astro.root);
        const base = `/${astro.base.replace(/^\/+|\/+$/g, '')}/`.replace('//', '/');
        const loaded = await reportAsync(logger, astro.outDir, async () => {
          const site = normaliseSite(astro.site, astro.base);
          const siteConfig: SiteConfig = {
            site,
            root,
            contentDir: options.contentDir ?? 'content',
            keysDir: options.keysDir ?? 'keys',
          };
          const content = loadContent(root, siteConfig.contentDir);
          const mode = buildMode(process.env);
          const statusIndices = await allocateSiteStatus(root, content, mode, logger);
          const urls = siteUrls(site);
          const keys = await loadSiteKeys(root, content, process.env, mode, logger);
          const entry = (awardId: string) => {
            const index = statusIndices.get(awardId);
            const award = content.awards.find((a) => a.id === awardId);
            const achievement = content.achievements.find((a) => a.slug === award?.achievementSlug);
            return index === undefined || !achievement
              ? undefined
              : statusEntry(urls.statusList(achievement.issuerSlug), index);
          };
          return {
            siteConfig,
            statusIndices,
            keys,
            assembled: assembleSite(content, urls, entry),
          };
        });
        config = loaded.siteConfig;
        assembled = loaded.assembled;
        keys = loaded.keys;
        statusIndices = loaded.statusIndices;
        view = buildSiteView(assembled, base);
        logger.info(
          `${assembled.issuers.size} issuer(s), ${assembled.achievements.size} achievement(s), ` +
            `${assembled.credentials.size} award(s) from ${config.contentDir}/`,
        );
        const here = new URL('../routes/', import.meta.url);
        for (const route of ROUTES) {
          injectRoute({ pattern: route.pattern, entrypoint: new URL(route.entrypoint, here) });
        }
        updateConfig({
          vite: {
            plugins: [virtualSitePlugin(() => view as SiteView)],
            // Astro inlines small scripts; the pages' CSP allows only scripts from the site.
            build: { assetsInlineLimit: 0 },
          },
          build: { inlineStylesheets: 'never' },
        });
      },
      'astro:build:done': async ({ dir, logger }) => {
        if (!config || !assembled) return;
        const siteConfig = config;
        const site = assembled;
        const started = performance.now();
        await reportAsync(logger, outDir ?? dir, () =>
          publishSite({
            config: siteConfig,
            site,
            keys,
            statusIndices,
            out: new OutputDir(fileURLToPath(dir)),
            logger,
          }),
        );
        logger.info(`published in ${Math.round(performance.now() - started)} ms`);
      },
    },
  };
}

/** Runs a step; a Laurel error is printed line by line and the output folder is removed. */
async function reportAsync<T>(
  logger: AstroIntegrationLogger,
  outDir: URL,
  step: () => Promise<T>,
): Promise<T> {
  try {
    return await step();
  } catch (error) {
    throw fail(logger, outDir, error);
  }
}

function fail(logger: AstroIntegrationLogger, outDir: URL, error: unknown): unknown {
  new OutputDir(fileURLToPath(outDir)).discard();
  const errors =
    error instanceof LaurelErrors ? error.errors : error instanceof LaurelError ? [error] : [];
  if (errors.length === 0) return error;
  for (const problem of errors) logger.error(problem.format());
  const summary = new Error(
    `Laurel stopped the build: ${errors.length} problem(s), listed above. Nothing was published.`,
  );
  summary.stack = summary.message;
  return summary;
}
