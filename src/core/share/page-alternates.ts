/**
 * The machine-readable versions each kind of page links to with `<link rel="alternate">`, beyond
 * those the page lists itself: Open Badges 2.0 documents and images, with their media types.
 */
import type { AchievementRecord, AwardRecord, IssuerRecord } from '../content/records.ts';
import { paths } from '../urls.ts';
import { ob2Recipient } from './ob2.ts';

export interface Alternate {
  /** Path relative to the site URL. */
  path: string;
  type: string;
  title: string;
}

/** The issuer's OB 2.0 Issuer and its logo. */
export function issuerAlternates(issuer: IssuerRecord): Alternate[] {
  const alternates: Alternate[] = [
    {
      path: paths.ob2Issuer(issuer.slug),
      type: 'application/ld+json',
      title: 'Issuer (Open Badges 2.0)',
    },
  ];
  if (issuer.image) {
    const extension = issuer.image.slice(issuer.image.lastIndexOf('.')).toLowerCase();
    alternates.push({
      path: paths.issuerImage(issuer.slug, extension),
      type: extension === '.svg' ? 'image/svg+xml' : 'image/png',
      title: 'Logo',
    });
  }
  return alternates;
}

/** The artwork in both formats and the OB 2.0 BadgeClass. */
export function achievementAlternates(achievement: AchievementRecord): Alternate[] {
  const { slug } = achievement;
  return [
    { path: paths.achievementImage(slug, 'png'), type: 'image/png', title: 'Badge artwork (PNG)' },
    {
      path: paths.achievementImage(slug, 'svg'),
      type: 'image/svg+xml',
      title: 'Badge artwork (SVG)',
    },
    {
      path: paths.ob2BadgeClass(slug),
      type: 'application/ld+json',
      title: 'BadgeClass (Open Badges 2.0)',
    },
  ];
}

/** The OB 2.0 Assertion and its baked PNG, when the award has them. */
export function awardAlternates(award: AwardRecord): Alternate[] {
  if (!('recipient' in ob2Recipient(award.data.recipient))) return [];
  return [
    {
      path: paths.ob2Assertion(award.id),
      type: 'application/ld+json',
      title: 'Assertion (Open Badges 2.0)',
    },
    {
      path: paths.ob2AssertionPng(award.id),
      type: 'image/png',
      title: 'Baked badge (Open Badges 2.0, PNG)',
    },
  ];
}
