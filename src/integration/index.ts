import path from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration, AstroIntegrationLogger } from 'astro';
import { commitRecordUpdates } from '../core/content/committed-record-node.ts';
import { LaurelError, LaurelErrors } from '../core/errors.ts';
import { acquireBuildLock, type BuildLock } from '../core/publish/build-lock-node.ts';
import { OutputDir } from '../core/publish/output-dir.ts';
import { type PreparedSite, prepareSite } from '../core/publish/prepare-site-node.ts';
import { publishSite } from '../core/publish/publish-site.ts';
import { type PublishWork, startPublishWork } from '../core/publish/publish-work-node.ts';
import { normaliseSite, type SiteConfig } from '../core/site-config.ts';
import { buildSiteView, type SiteView } from '../core/view/site-view.ts';
import { serveDevFiles } from './dev-files.ts';
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
 * and status lists next to them; last, with every check passed, it writes the committed records
 * in the content folder. Any problem stops the build with one line per problem (file, field, fix),
 * removes the output folder and leaves the records as they were, so a half-built site is never
 * deployed nor recorded as published.
 */
export default function laurel(options: LaurelOptions = {}): AstroIntegration {
  let prepared: PreparedSite | undefined;
  let view: SiteView | undefined;
  let outDir: URL | undefined;
  let base = '/';
  let work: PublishWork | undefined;
  let lock: BuildLock | undefined;
  let command: 'dev' | 'build' | 'preview' | 'sync' | undefined;

  return {
    name: 'laurel',
    hooks: {
      'astro:config:setup': async ({
        config: astro,
        injectRoute,
        updateConfig,
        addWatchFile,
        logger,
        command: running,
      }) => {
        command = running;
        outDir = astro.outDir;
        const root = fileURLToPath(astro.root);
        if (command === 'build') {
          try {
            lock = acquireBuildLock(root);
          } catch (error) {
            // The output folder is the other build's: leave it.
            throw fail(logger, undefined, error);
          }
        }
        prepared = await reportAsync(logger, astro.outDir, async () => {
          const siteConfig: SiteConfig = {
            site: normaliseSite(astro.site, astro.base),
            root,
            contentDir: options.contentDir ?? 'content',
            keysDir: options.keysDir ?? 'keys',
          };
          return prepareSite(siteConfig, process.env, logger);
        });
        const { assembled, config } = prepared;
        // Pages link under the site's path. A `site` with a path and no `base` (say
        // https://example.github.io/badges/) means the site is served there: tell Astro.
        base = new URL(config.site).pathname;
        const astroBase = `/${astro.base.replace(/^\/+|\/+$/g, '')}/`.replace('//', '/');
        if (astroBase === '/' && base !== '/') updateConfig({ base });
        view = buildSiteView(assembled, base);
        logger.info(
          `${assembled.issuers.size} issuer(s), ${assembled.achievements.size} achievement(s), ` +
            `${assembled.credentials.size} award(s) from ${config.contentDir}/`,
        );
        // `astro dev` restarts, and so republishes, when any content file changes.
        const { issuers, achievements, awards } = prepared.content;
        for (const record of [...issuers, ...achievements, ...awards]) {
          addWatchFile(path.join(root, record.file));
        }
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
          // Reuse award and earner pages whose data did not change (see page-keys-node.ts).
          experimental: { incrementalBuild: true },
        });
      },
      'astro:server:setup': async ({ server, logger }) => {
        if (!prepared) return;
        const { config, assembled, keys, statusIndices } = prepared;
        const devDir = path.join(config.root, 'node_modules/.cache/laurel/dev-site');
        const out = new OutputDir(devDir);
        out.discard();
        try {
          await publishSite({ config, site: assembled, keys, statusIndices, out, logger });
          // As after a build: the records say what was published, so only a site that passed
          // every check is recorded. Only for `astro dev`: Astro also starts a short-lived dev
          // server inside `astro build` and `astro sync` when NODE_ENV is not "production" (under
          // the tests, say), and a build records its site only once it has fully succeeded.
          if (command === 'dev') await commitRecordUpdates(config.root, prepared.records, logger);
        } catch (error) {
          for (const problem of laurelErrors(error)) logger.error(problem.format());
          if (laurelErrors(error).length === 0) throw error;
        }
        server.middlewares.use(serveDevFiles(() => devDir, base));
      },
      'astro:build:start': async ({ logger }) => {
        if (!prepared || !outDir) return;
        // Signing and drawing the preview cards run in worker threads while Astro renders.
        const { config, assembled: site, keys } = prepared;
        work = await reportAsync(logger, outDir, async () =>
          startPublishWork({ config, site, keys }),
        );
      },
      'astro:build:done': async ({ dir, logger }) => {
        if (!prepared) return;
        const { config, assembled, keys, statusIndices } = prepared;
        const started = performance.now();
        const records = prepared.records;
        await reportAsync(logger, outDir ?? dir, async () => {
          await publishSite({
            config,
            site: assembled,
            keys,
            statusIndices,
            out: new OutputDir(fileURLToPath(dir)),
            logger,
            ...(work ? { work } : {}),
          });
          // Last of all, after the self-check and the output scans: a record written by a build
          // that then failed would claim a credential was published that nobody ever saw, and
          // the next build would refuse the corrected content. If writing fails, the output is
          // removed like any failed build's.
          await commitRecordUpdates(config.root, records, logger);
        });
        logger.info(`published in ${Math.round(performance.now() - started)} ms`);
        lock?.release();
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

/** The error to stop the build with, after removing `outDir` (if given) and listing problems. */
function fail(logger: AstroIntegrationLogger, outDir: URL | undefined, error: unknown): unknown {
  if (outDir) new OutputDir(fileURLToPath(outDir)).discard();
  const errors = laurelErrors(error);
  if (errors.length === 0) return error;
  for (const problem of errors) logger.error(problem.format());
  const summary = new Error(
    `Laurel stopped the build: ${errors.length} problem(s), listed above. Nothing was published.`,
  );
  summary.stack = summary.message;
  return summary;
}

function laurelErrors(error: unknown): readonly LaurelError[] {
  return error instanceof LaurelErrors ? error.errors : error instanceof LaurelError ? [error] : [];
}
