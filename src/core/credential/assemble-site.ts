import type { AchievementRecord, IssuerRecord, SiteContent } from '../content/records.ts';
import type { SiteUrls } from '../urls.ts';
import { buildAchievement } from './build-achievement.ts';
import { buildCredential } from './build-credential.ts';
import { buildProfile } from './build-profile.ts';
import type {
  Achievement,
  BitstringStatusListEntry,
  Profile,
  UnsignedCredential,
} from './types.ts';

export interface AssembledSite {
  content: SiteContent;
  urls: SiteUrls;
  issuers: Map<string, { record: IssuerRecord; profile: Profile }>;
  achievements: Map<string, { record: AchievementRecord; achievement: Achievement }>;
  /** Unsigned credentials by award id, in award-id order. */
  credentials: Map<string, UnsignedCredential>;
}

/**
 * Assembles every document of the site from loaded content: issuer Profiles, Achievements and one
 * unsigned credential per award. Pure: the result depends only on the content, the site URL and
 * the status entries the caller allocated.
 */
export function assembleSite(
  content: SiteContent,
  urls: SiteUrls,
  statusEntry: (awardId: string) => BitstringStatusListEntry | undefined = () => undefined,
): AssembledSite {
  const issuerRecords = new Map(content.issuers.map((issuer) => [issuer.slug, issuer]));
  const issuers = new Map(
    content.issuers.map((record) => [record.slug, { record, profile: buildProfile(record, urls) }]),
  );
  const achievements = new Map(
    content.achievements.map((record) => [
      record.slug,
      { record, achievement: buildAchievement(record, issuerRecords, urls) },
    ]),
  );
  const credentials = new Map<string, UnsignedCredential>();
  for (const award of [...content.awards].sort((a, b) => compare(a.id, b.id))) {
    const achievement = achievements.get(award.achievementSlug)?.record;
    const issuer = achievement && issuerRecords.get(achievement.issuerSlug);
    // loadContent has already reported unresolved references, so these always exist here.
    if (!achievement || !issuer) continue;
    credentials.set(
      award.id,
      buildCredential({
        award,
        achievement,
        issuer,
        issuers: issuerRecords,
        urls,
        credentialStatus: statusEntry(award.id),
      }),
    );
  }
  return { content, urls, issuers, achievements, credentials };
}

/** Code-point order, the same on every machine and locale. */
export function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
