/**
 * Open Badges 2.0 copies of the site's awards, for backpacks and platforms that never learned
 * OB 3.0: a hosted Assertion per award, with its BadgeClass and Issuer, each at its own HTTPS
 * URL on the same host (REQUIREMENTS section 6). They are plain JSON-LD documents with no
 * signature: hosted verification means "the document is still served at its id". Pure and
 * browser-safe; the publisher writes them and bakes the Assertion into a PNG.
 */
import type { AchievementRecord, AwardRecord, IssuerRecord } from '../content/records.ts';
import type { AwardFrontMatter } from '../content/schemas.ts';
import { paths, type SiteUrls } from '../urls.ts';

export const OB_V2_CONTEXT = 'https://w3id.org/openbadges/v2';

const OPTIONAL_ALIGNMENT_KEYS = ['targetDescription', 'targetFramework', 'targetCode'] as const;

/** OB 2.0 IdentityObject: how the Assertion names its earner. */
export type Ob2Recipient =
  | { type: 'email'; hashed: true; salt: string; identity: string }
  | { type: 'url'; hashed: false; identity: string };

export interface Ob2Issuer {
  '@context': typeof OB_V2_CONTEXT;
  type: 'Issuer';
  id: string;
  name: string;
  url: string;
  email: string;
  description?: string;
  image?: string;
}

export interface Ob2BadgeClass {
  '@context': typeof OB_V2_CONTEXT;
  type: 'BadgeClass';
  id: string;
  name: string;
  description: string;
  image: string;
  criteria: { id: string; narrative?: string };
  issuer: string;
  tags?: string[];
  alignment?: {
    targetName: string;
    targetUrl: string;
    targetDescription?: string;
    targetFramework?: string;
    targetCode?: string;
  }[];
}

export interface Ob2Evidence {
  type: 'Evidence';
  id?: string;
  name?: string;
  narrative?: string;
  description?: string;
}

export interface Ob2Assertion {
  '@context': typeof OB_V2_CONTEXT;
  type: 'Assertion';
  id: string;
  recipient: Ob2Recipient;
  badge: string;
  verification: { type: 'hosted' };
  issuedOn: string;
  image: string;
  narrative?: string;
  evidence?: Ob2Evidence[];
  expires?: string;
  revoked?: true;
  revocationReason?: string;
}

/**
 * The IdentityObject for an award's earner, or why there can be none. OB 2.0 names earners by
 * e-mail, URL or telephone only; a DID (or any other non-web identifier) has no IdentityObject
 * type that means it, and calling it a `url` would let an OB 2.0 backpack match it against the
 * wrong thing. Such awards get no OB 2.0 copy, and their page says so with `reason`.
 */
export function ob2Recipient(
  recipient: AwardFrontMatter['recipient'],
): { recipient: Ob2Recipient } | { reason: string } {
  if ('hashedEmail' in recipient) {
    const identity = recipient.hashedEmail.toLowerCase();
    return { recipient: { type: 'email', hashed: true, salt: recipient.salt, identity } };
  }
  if (/^https?:\/\//i.test(recipient.id)) {
    return { recipient: { type: 'url', hashed: false, identity: recipient.id } };
  }
  const kind = recipient.id.toLowerCase().startsWith('did:') ? 'a DID' : 'this kind of identifier';
  return {
    reason:
      `Open Badges 2.0 can name an earner only by e-mail address, URL or telephone number, ` +
      `not by ${kind}, so this badge has no Open Badges 2.0 copy.`,
  };
}

/** The OB 2.0 Issuer Profile; name, url and email are all required by OB 2.0 validators. */
export function buildOb2Issuer(issuer: IssuerRecord, urls: SiteUrls): Ob2Issuer {
  const document: Ob2Issuer = {
    '@context': OB_V2_CONTEXT,
    type: 'Issuer',
    id: urls.at(paths.ob2Issuer(issuer.slug)),
    name: issuer.data.name,
    url: issuer.data.url,
    email: issuer.data.email,
  };
  if (issuer.description) document.description = issuer.description;
  if (issuer.image) {
    const extension = issuer.image.slice(issuer.image.lastIndexOf('.')).toLowerCase();
    document.image = urls.at(paths.issuerImage(issuer.slug, extension));
  }
  return document;
}

/** The OB 2.0 BadgeClass of an achievement: its criteria page, artwork, tags and alignments. */
export function buildOb2BadgeClass(achievement: AchievementRecord, urls: SiteUrls): Ob2BadgeClass {
  const { data } = achievement;
  const document: Ob2BadgeClass = {
    '@context': OB_V2_CONTEXT,
    type: 'BadgeClass',
    id: urls.at(paths.ob2BadgeClass(achievement.slug)),
    name: data.name,
    description: data.description,
    image: urls.achievementImage(achievement.slug, 'png'),
    criteria: { id: urls.achievementPage(achievement.slug) },
    issuer: urls.at(paths.ob2Issuer(achievement.issuerSlug)),
  };
  if (achievement.criteria) document.criteria.narrative = achievement.criteria;
  if (data.tags.length > 0) document.tags = [...data.tags];
  if (data.alignments.length > 0) {
    // targetType has no OB 2.0 term, so it is left out.
    document.alignment = data.alignments.map((alignment) => {
      const { targetName, targetUrl } = alignment;
      const entry: NonNullable<Ob2BadgeClass['alignment']>[number] = { targetName, targetUrl };
      for (const key of OPTIONAL_ALIGNMENT_KEYS) {
        const value = alignment[key];
        if (value !== undefined) entry[key] = value;
      }
      return entry;
    });
  }
  return document;
}

/**
 * The hosted OB 2.0 Assertion of an award. `issuedOn` is the award date, `expires` its
 * `validUntil`; a revoked award keeps its document and says `revoked: true` with the reason,
 * which is how a static host revokes a hosted assertion. `image` is the PNG this Assertion is
 * baked into.
 */
export function buildOb2Assertion(
  award: AwardRecord,
  recipient: Ob2Recipient,
  urls: SiteUrls,
): Ob2Assertion {
  const document: Ob2Assertion = {
    '@context': OB_V2_CONTEXT,
    type: 'Assertion',
    id: urls.at(paths.ob2Assertion(award.id)),
    recipient,
    badge: urls.at(paths.ob2BadgeClass(award.achievementSlug)),
    verification: { type: 'hosted' },
    issuedOn: award.data.awardedDate,
    image: urls.at(paths.ob2AssertionPng(award.id)),
  };
  if (award.narrative) document.narrative = award.narrative;
  if (award.data.evidence.length > 0) {
    document.evidence = award.data.evidence.map((item) => {
      const evidence: Ob2Evidence = { type: 'Evidence' };
      if (item.url) evidence.id = item.url;
      if (item.name) evidence.name = item.name;
      if (item.narrative) evidence.narrative = item.narrative;
      if (item.description) evidence.description = item.description;
      return evidence;
    });
  }
  if (award.validUntil) document.expires = award.validUntil;
  if (award.data.revoked) {
    document.revoked = true;
    document.revocationReason = award.data.revoked.reason;
  }
  return document;
}
