import type { AchievementFrontMatter, AwardFrontMatter, IssuerFrontMatter } from './schemas.ts';

/**
 * Content after loading: validated front matter, the Markdown body, and resolved references.
 * File paths are relative to the project root, with forward slashes, so records are the same on
 * every machine and safe to serialise.
 */
/** 1-based line of each top-level front-matter key, for messages that point at the source. */
export type FieldLines = Readonly<Record<string, number>>;

export interface IssuerRecord {
  slug: string;
  file: string;
  lines: FieldLines;
  data: IssuerFrontMatter;
  /** Markdown body: the issuer's description. */
  description: string;
  /** Logo file, relative to the project root. */
  image?: string | undefined;
}

export interface Artwork {
  /** SVG artwork file, relative to the project root. */
  svg?: string | undefined;
  /** PNG artwork file, relative to the project root. */
  png?: string | undefined;
}

export type CreatorRecord =
  | { kind: 'issuer'; slug: string }
  | { kind: 'inline'; name: string; url: string; email?: string | undefined };

export interface AchievementRecord {
  slug: string;
  file: string;
  lines: FieldLines;
  data: AchievementFrontMatter;
  /** Markdown body: the criteria narrative. */
  criteria: string;
  artwork: Artwork;
  issuerSlug: string;
  creator?: CreatorRecord | undefined;
}

export interface AwardRecord {
  /** Path under content/awards without the extension; the award's permanent id. */
  id: string;
  file: string;
  lines: FieldLines;
  data: AwardFrontMatter;
  /** Markdown body: why it was awarded. */
  narrative: string;
  achievementSlug: string;
  /** `validFrom` of the credential: the front matter's, else `awardedDate`. */
  validFrom: string;
  /**
   * `validUntil` of the credential: the front matter's, else awardedDate plus the achievement's
   * `validFor`; undefined for a badge that does not expire.
   */
  validUntil?: string | undefined;
}

export interface SiteContent {
  issuers: IssuerRecord[];
  achievements: AchievementRecord[];
  awards: AwardRecord[];
}
