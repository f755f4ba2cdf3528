import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { AssembledSite } from '../credential/assemble-site.ts';
import { OB_V3P0_CONTEXT, VC_V2_CONTEXT } from '../credential/constants.ts';
import type { SiteConfig } from '../site-config.ts';
import { paths } from '../urls.ts';
import type { OutputDir } from './output-dir.ts';

/** The logging the core needs: Astro's integration logger and the CLI both provide it. */
export interface Logger {
  info(message: string): void;
  warn(message: string): void;
}

export interface PublishInputs {
  config: SiteConfig;
  site: AssembledSite;
  out: OutputDir;
  logger: Logger;
}

/**
 * Writes every machine-readable file of the site next to the pages Astro rendered: issuer
 * profiles, achievements, credentials and artwork. Each step is a named function; they run in
 * order and any error stops the build (the caller then removes the output folder).
 */
export async function publishSite(inputs: PublishInputs): Promise<void> {
  publishProfiles(inputs);
  publishAchievements(inputs);
  publishCredentials(inputs);
}

function publishProfiles({ config, site, out }: PublishInputs): void {
  for (const { record, profile } of site.issuers.values()) {
    out.writeJson(paths.issuerJson(record.slug), {
      '@context': [VC_V2_CONTEXT, OB_V3P0_CONTEXT],
      ...profile,
    });
    if (record.image) {
      const extension = path.extname(record.image).toLowerCase();
      out.write(
        paths.issuerImage(record.slug, extension),
        readFileSync(path.join(config.root, record.image)),
      );
    }
  }
}

function publishAchievements({ config, site, out }: PublishInputs): void {
  for (const { record, achievement } of site.achievements.values()) {
    out.writeJson(paths.achievementJson(record.slug), {
      '@context': [VC_V2_CONTEXT, OB_V3P0_CONTEXT],
      ...achievement,
    });
    for (const format of ['png', 'svg'] as const) {
      const file = record.artwork[format];
      if (file) {
        out.write(
          paths.achievementImage(record.slug, format),
          readFileSync(path.join(config.root, file)),
        );
      }
    }
  }
}

function publishCredentials({ site, out }: PublishInputs): void {
  for (const [id, credential] of site.credentials) {
    out.writeJson(paths.credentialJson(id), credential);
  }
}
