import { LaurelError } from '../errors.ts';
import { addValidityPeriod } from './dates.ts';
import type { AchievementRecord, AwardRecord, SiteContent } from './records.ts';

/** Cross-file rules: references that resolve, and ids used once. */
export function checkReferences(
  content: SiteContent,
  files: { issuers: string[]; achievements: string[] },
): LaurelError[] {
  const errors: LaurelError[] = [];
  const issuerSlugs = new Set(content.issuers.map((issuer) => issuer.slug));
  const achievementSlugs = new Set(content.achievements.map((achievement) => achievement.slug));
  const issuerFiles = new Set(files.issuers);
  const achievementFiles = new Set(files.achievements);
  const list = (values: Iterable<string>) => [...values].join(', ') || '(none)';
  for (const achievement of content.achievements) {
    const references = [['issuer', achievement.issuerSlug]];
    if (achievement.creator?.kind === 'issuer')
      references.push(['creator', achievement.creator.slug]);
    for (const [field, slug] of references) {
      if (slug !== undefined && !issuerSlugs.has(slug) && !issuerFiles.has(slug)) {
        errors.push(
          new LaurelError('ERR_REFERENCE', `names the issuer "${slug}", which does not exist`, {
            file: achievement.file,
            field,
            line: field ? achievement.lines[field] : undefined,
            hint: `Use one of: ${list(issuerSlugs)} (files in content/issuers without .md).`,
          }),
        );
      }
    }
  }
  const seen = new Map<string, string>();
  for (const award of content.awards) {
    if (
      !achievementSlugs.has(award.achievementSlug) &&
      !achievementFiles.has(award.achievementSlug)
    ) {
      errors.push(
        new LaurelError(
          'ERR_REFERENCE',
          `names the achievement "${award.achievementSlug}", which does not exist`,
          {
            file: award.file,
            field: 'achievement',
            line: award.lines.achievement,
            hint: `Use one of: ${list(achievementSlugs)} (files in content/achievements).`,
          },
        ),
      );
    }
    const other = seen.get(award.id);
    if (other) {
      errors.push(
        new LaurelError('ERR_DUPLICATE_ID', `has the same award id "${award.id}" as ${other}`, {
          file: award.file,
          hint: 'Each award needs its own path under content/awards; rename or remove one.',
        }),
      );
    }
    seen.set(award.id, award.file);
  }
  return errors;
}

/** Gives awards without their own validUntil the expiry of their achievement's `validFor`. */
export function applyValidityPeriods(
  achievements: readonly AchievementRecord[],
  awards: AwardRecord[],
): LaurelError[] {
  const periods = new Map(achievements.map((a) => [a.slug, a.data.validFor]));
  const errors: LaurelError[] = [];
  for (const award of awards) {
    const period = periods.get(award.achievementSlug);
    if (award.validUntil !== undefined || period === undefined) continue;
    award.validUntil = addValidityPeriod(award.data.awardedDate, period);
    if (award.validUntil <= award.validFrom) {
      errors.push(
        new LaurelError('ERR_CONTENT', `expires (${award.validUntil}) before it becomes valid`, {
          file: award.file,
          field: 'validFrom',
          line: award.lines.validFrom,
          hint: `Its achievement is valid for ${period} from awardedDate; set \`validUntil\` too.`,
        }),
      );
    }
  }
  return errors;
}
