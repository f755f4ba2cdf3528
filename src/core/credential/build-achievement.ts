import type { AchievementRecord, IssuerRecord } from '../content/records.ts';
import type { SiteUrls } from '../urls.ts';
import { buildProfile } from './build-profile.ts';
import type { Achievement, Alignment } from './types.ts';

const OPTIONAL_ALIGNMENT_KEYS = [
  'targetDescription',
  'targetFramework',
  'targetCode',
  'targetType',
] as const;

/**
 * The Achievement (the badge's definition) as embedded in credentials and published at
 * `/achievements/<slug>.json`. `criteria` carries both the criteria page URL and the Markdown
 * narrative, so a wallet can show the criteria offline. The image is always the PNG (rasterised
 * from SVG artwork when needed), the one format every consumer reads.
 */
export function buildAchievement(
  achievement: AchievementRecord,
  issuers: ReadonlyMap<string, IssuerRecord>,
  urls: SiteUrls,
): Achievement {
  const { data } = achievement;
  const result: Achievement = {
    id: urls.achievementJson(achievement.slug),
    type: ['Achievement'],
    achievementType: data.achievementType,
    name: data.name,
    description: data.description,
    criteria: { id: urls.achievementPage(achievement.slug), narrative: achievement.criteria },
    image: {
      id: urls.achievementImage(achievement.slug, 'png'),
      type: 'Image',
      caption: data.imageAlt ?? data.name,
    },
  };
  if (data.tags.length > 0) result.tag = [...data.tags];
  if (data.alignments.length > 0) {
    result.alignment = data.alignments.map((alignment) => {
      const entry: Alignment = {
        type: ['Alignment'],
        targetName: alignment.targetName,
        targetUrl: alignment.targetUrl,
      };
      for (const key of OPTIONAL_ALIGNMENT_KEYS) {
        const value = alignment[key];
        if (value !== undefined) entry[key] = value;
      }
      return entry;
    });
  }
  const creator = achievement.creator;
  if (creator?.kind === 'issuer') {
    const issuer = issuers.get(creator.slug);
    if (issuer) result.creator = buildProfile(issuer, urls);
  } else if (creator?.kind === 'inline') {
    result.creator = { id: creator.url, type: ['Profile'], name: creator.name, url: creator.url };
    if (creator.email) result.creator.email = creator.email;
  }
  return result;
}
