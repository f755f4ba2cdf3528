/**
 * What every HTML page of the site looks like when it travels: its preview card, the text that
 * link previews show, the extra machine-readable files it links to, and the content date it last
 * changed. One plan, read by the page data (meta tags) and by the publisher (preview PNGs,
 * sitemap), so the two can never disagree. Pure: a function of the assembled site.
 */
import type { AchievementRecord, AwardRecord, IssuerRecord } from '../content/records.ts';
import { type AssembledSite, compare } from '../credential/assemble-site.ts';
import { paths } from '../urls.ts';
import { collectEarners, type Earner } from './earners-node.ts';
import {
  type Alternate,
  achievementAlternates,
  awardAlternates,
  issuerAlternates,
} from './page-alternates.ts';

export type PageKind = 'index' | 'issuer' | 'achievement' | 'award' | 'earner';

/** Artwork drawn on a preview card: an achievement's badge or an issuer's logo. */
export type CardArt = { achievement: string } | { issuer: string };

/** The content of a 1200x630 preview card, before layout. */
export interface PreviewCard {
  /** Small line above the heading. */
  eyebrow: string;
  heading: string;
  /** Lines under the heading; each may wrap. */
  lines: string[];
  /** Bottom line: the site's address. */
  footer: string;
  /** Up to four pieces of artwork, drawn left of the text. */
  art: CardArt[];
  revoked?: boolean;
}

export interface SharedPage {
  kind: PageKind;
  /** Slug or award id; empty for the index. */
  key: string;
  /** Page path relative to the site URL. */
  page: string;
  /** Preview PNG path relative to the site URL. */
  preview: string;
  title: string;
  description: string;
  /** Alt text of the preview image. */
  imageAlt: string;
  card: PreviewCard;
  /** Newest content date the page shows (award, validity or revocation date), if any. */
  lastmod?: string | undefined;
  alternates: Alternate[];
}

export interface SharePlan {
  pages: SharedPage[];
  earners: Earner[];
}

const MAX_ART = 4;

/** What every page planner needs to know about the site, computed once. */
interface PlanContext {
  /** The site's address as printed at the bottom of each card. */
  footer: string;
  issuers: IssuerRecord[];
  achievements: AchievementRecord[];
  /** In award-id order. */
  awards: AwardRecord[];
  achievementOf: ReadonlyMap<string, AchievementRecord>;
  awardOf: ReadonlyMap<string, AwardRecord>;
  issuerName(slug: string): string;
  /** The newest content date of these awards' pages. */
  newest(awards: readonly AwardRecord[]): string | undefined;
}

/** Plans the index, then every issuer, achievement, award and earner page, in a stable order. */
export function planSharing(site: AssembledSite): SharePlan {
  const issuers = [...site.issuers.values()].map(({ record }) => record);
  const achievements = [...site.achievements.values()].map(({ record }) => record);
  const awards = [...site.content.awards].sort((a, b) => compare(a.id, b.id));
  const issuerOf = new Map(issuers.map((record) => [record.slug, record]));
  const context: PlanContext = {
    footer: siteLabel(site.urls.at('')),
    issuers,
    achievements,
    awards,
    achievementOf: new Map(achievements.map((record) => [record.slug, record])),
    awardOf: new Map(awards.map((award) => [award.id, award])),
    issuerName: (slug) => issuerOf.get(slug)?.data.name ?? slug,
    newest: (list) => list.map(awardDate).sort(compare).at(-1),
  };
  const earners = collectEarners(awards);
  const pages: SharedPage[] = [
    indexPage(context),
    ...issuers.map((issuer) => issuerPage(context, issuer)),
    ...achievements.map((achievement) => achievementPage(context, achievement)),
    ...awards.flatMap((award) => awardPage(context, award) ?? []),
    ...earners.map((earner) => earnerPage(context, earner)),
  ];
  return { pages, earners };
}

function indexPage({ footer, issuers, achievements, awards, newest }: PlanContext): SharedPage {
  const everyone = issuers.map((issuer) => issuer.data.name).join(', ') || 'Badges';
  return {
    kind: 'index',
    key: '',
    page: '',
    preview: paths.previewIndex(),
    title: `Badges of ${everyone}`,
    description: `Open Badges issued by ${everyone}.`,
    imageAlt: `Badges of ${everyone}: ${listNames(achievements)}`,
    card: {
      eyebrow: 'Open Badges',
      heading: `Badges of ${everyone}`,
      lines: [counts(achievements.length, awards.length)],
      footer,
      art: achievements.slice(0, MAX_ART).map((record) => ({ achievement: record.slug })),
    },
    lastmod: newest(awards),
    alternates: [],
  };
}

function issuerPage(context: PlanContext, issuer: IssuerRecord): SharedPage {
  const { achievements, awards, achievementOf } = context;
  const own = achievements.filter((record) => record.issuerSlug === issuer.slug);
  const ownAwards = awards.filter(
    (award) => achievementOf.get(award.achievementSlug)?.issuerSlug === issuer.slug,
  );
  const art: CardArt[] = issuer.image ? [{ issuer: issuer.slug }] : [];
  art.push(...own.map((record) => ({ achievement: record.slug })));
  return {
    kind: 'issuer',
    key: issuer.slug,
    page: paths.issuerPage(issuer.slug),
    preview: paths.previewIssuer(issuer.slug),
    title: issuer.data.name,
    description: `Open Badges issued by ${issuer.data.name}: ${listNames(own)}.`,
    imageAlt: `${issuer.data.name} and its badges: ${listNames(own)}`,
    card: {
      eyebrow: 'Open Badges issuer',
      heading: issuer.data.name,
      lines: [counts(own.length, ownAwards.length)],
      footer: context.footer,
      art: art.slice(0, MAX_ART),
    },
    lastmod: context.newest(ownAwards),
    alternates: issuerAlternates(issuer),
  };
}

function achievementPage(context: PlanContext, achievement: AchievementRecord): SharedPage {
  const ownAwards = context.awards.filter((award) => award.achievementSlug === achievement.slug);
  const issuer = context.issuerName(achievement.issuerSlug);
  const { name, description } = achievement.data;
  return {
    kind: 'achievement',
    key: achievement.slug,
    page: paths.achievementPage(achievement.slug),
    preview: paths.previewAchievement(achievement.slug),
    title: name,
    description,
    imageAlt: `The ${name} badge from ${issuer}: ${artAlt(achievement)}`,
    card: {
      eyebrow: issuer,
      heading: name,
      lines: [description],
      footer: context.footer,
      art: [{ achievement: achievement.slug }],
    },
    lastmod: context.newest(ownAwards),
    alternates: achievementAlternates(achievement),
  };
}

/** The award's page; the preview shows a display name only, never an id or a hash. */
function awardPage(context: PlanContext, award: AwardRecord): SharedPage | undefined {
  const achievement = context.achievementOf.get(award.achievementSlug);
  if (!achievement) return undefined;
  const issuer = context.issuerName(achievement.issuerSlug);
  const { recipient } = award.data;
  const earner = recipient.name ?? ('id' in recipient ? recipient.id : 'An earner');
  const name = achievement.data.name;
  const revoked = award.data.revoked !== undefined;
  const to = recipient.name ? `, awarded to ${recipient.name}` : '';
  return {
    kind: 'award',
    key: award.id,
    page: paths.awardPage(award.id),
    preview: paths.previewAward(award.id),
    title: `${name}: ${earner}`,
    description: `${earner} earned ${name} from ${issuer}.`,
    imageAlt:
      `The ${name} badge (${artAlt(achievement)})${to}, from ${issuer}` +
      (revoked ? '; revoked' : ''),
    card: {
      eyebrow: issuer,
      heading: name,
      lines: recipient.name ? [`Awarded to ${recipient.name}`] : [],
      footer: `${award.data.awardedDate.slice(0, 10)} · ${context.footer}`,
      art: [{ achievement: achievement.slug }],
      revoked,
    },
    lastmod: awardDate(award),
    alternates: awardAlternates(award),
  };
}

function earnerPage(context: PlanContext, earner: Earner): SharedPage {
  const own = earner.awardIds.flatMap((id) => context.awardOf.get(id) ?? []);
  const badges = [...new Set(own.map((award) => award.achievementSlug))].flatMap(
    (slug) => context.achievementOf.get(slug) ?? [],
  );
  const label = earner.name ?? earner.id;
  const from = [...new Set(badges.map((record) => context.issuerName(record.issuerSlug)))];
  return {
    kind: 'earner',
    key: earner.slug,
    page: paths.earnerPage(earner.slug),
    preview: paths.previewEarner(earner.slug),
    title: `Badges of ${label}`,
    description: `${plural(own.length, 'Open Badge')} earned by ${label}: ${listNames(badges)}.`,
    imageAlt: `Badges earned by ${label}: ${listNames(badges)}`,
    card: {
      eyebrow: 'Open Badges earned by',
      heading: label,
      lines: [`${plural(own.length, 'badge')} from ${from.join(', ')}`],
      footer: context.footer,
      art: badges.slice(0, MAX_ART).map((record) => ({ achievement: record.slug })),
    },
    lastmod: context.newest(own),
    alternates: [],
  };
}

/** The date an award page last changed: its validFrom, or its revocation when later. */
function awardDate(award: AwardRecord): string {
  const revoked = award.data.revoked?.date ?? '';
  return compare(revoked, award.validFrom) > 0 ? revoked : award.validFrom;
}

/** The alt text an achievement's artwork has on every page. */
function artAlt(achievement: AchievementRecord): string {
  return achievement.data.imageAlt ?? achievement.data.name;
}

/** `badges.example.org/guild`: the site's address as people read it. */
function siteLabel(site: string): string {
  const url = new URL(site);
  return `${url.host}${url.pathname}`.replace(/\/+$/, '');
}

function listNames(records: readonly AchievementRecord[]): string {
  return records.map((record) => record.data.name).join(', ') || 'none yet';
}

function counts(achievements: number, awards: number): string {
  return `${plural(achievements, 'achievement')}, ${plural(awards, 'award')}`;
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
