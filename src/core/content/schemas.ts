import { z } from 'zod';
import { DATE_HINT, isValidityPeriod, toDateTimeZ } from './dates.ts';

/**
 * Front-matter schemas of the three kinds of content file. They are the one definition of what an
 * author may write: the loader uses them, for the build and for `laurel check` alike.
 * Objects are strict, so a misspelt key is an error rather than a silently ignored field.
 */

/** The `achievementType` values of the Open Badges 3.0 AchievementType enumeration. */
export const ACHIEVEMENT_TYPES = [
  'Achievement',
  'ApprenticeshipCertificate',
  'Assessment',
  'Assignment',
  'AssociateDegree',
  'Award',
  'Badge',
  'BachelorDegree',
  'Certificate',
  'CertificateOfCompletion',
  'Certification',
  'CommunityService',
  'Competency',
  'Course',
  'CoCurricular',
  'Degree',
  'Diploma',
  'DoctoralDegree',
  'Fieldwork',
  'GeneralEducationDevelopment',
  'JourneymanCertificate',
  'LearningProgram',
  'License',
  'Membership',
  'ProfessionalDoctorate',
  'QualityAssuranceCredential',
  'MasterCertificate',
  'MasterDegree',
  'MicroCredential',
  'ResearchDoctorate',
  'SecondarySchoolDiploma',
] as const;

const ALIGNMENT_TARGET_TYPES = [
  'ceasn:Competency',
  'ceterms:Credential',
  'CFItem',
  'CFRubric',
  'CFRubricCriterion',
  'CFRubricCriterionLevel',
  'CTDL',
] as const;

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const EXT_NAME = /^ext:[A-Za-z][A-Za-z0-9_-]*$/;

const text = z.string().trim().min(1, { error: 'must not be empty' });

const slug = (what: string) =>
  z.string().regex(SLUG, {
    error: `must be the file name of ${what} without .md (lower-case letters, digits, hyphens)`,
  });

export const httpUrl = z
  .string()
  .trim()
  .refine((value) => /^https?:\/\/[^\s/]+/.test(value) && URL.canParse(value), {
    error: 'must be an http(s) URL such as https://example.org/page',
  });

/** An earner's identifier: a web address, a DID or a URN; never a script or data URL. */
const uri = z
  .string()
  .trim()
  .refine(
    (value) =>
      /^(?:https?:\/\/[^\s/]|did:[a-z0-9]+:\S|urn:[a-z0-9][a-z0-9-]*:\S)/i.test(value) &&
      URL.canParse(value),
    { error: 'must be a URL (https://...), a DID (did:method:...) or a URN (urn:...)' },
  );

export const dateTime = z.string().transform((value, context) => {
  const normalised = toDateTimeZ(value);
  if (normalised === undefined) {
    context.addIssue({ code: 'custom', message: `"${value}" is not a date. ${DATE_HINT}` });
    return z.NEVER;
  }
  return normalised;
});

/** An image path, relative to the Markdown file that names it. */
const imagePath = z
  .string()
  .trim()
  .regex(/\.(png|svg)$/i, { error: 'must be a .png or .svg file beside the Markdown file' });

export const issuerSchema = z.strictObject({
  /** Display name of the issuing organisation or community. */
  name: text,
  /** Home page of the issuer. */
  url: httpUrl,
  /** Public contact address of the issuer (not of an earner). */
  email: z.email({ error: 'must be an e-mail address such as badges@example.org' }),
  /** Logo, a PNG or SVG file beside this Markdown file. */
  image: imagePath.optional(),
  /** Alt text of the logo. */
  imageAlt: text.optional(),
});

const alignmentSchema = z.strictObject({
  targetName: text,
  targetUrl: httpUrl,
  targetDescription: text.optional(),
  targetFramework: text.optional(),
  targetCode: text.optional(),
  targetType: z
    .union([z.enum(ALIGNMENT_TARGET_TYPES), z.string().regex(EXT_NAME)], {
      error: `must be one of ${ALIGNMENT_TARGET_TYPES.join(', ')} or an ext: name`,
    })
    .optional(),
});

const creatorSchema = z.union(
  [slug('an issuer'), z.strictObject({ name: text, url: httpUrl, email: z.email().optional() })],
  { error: 'must be an issuer file name, or an object with name and url' },
);

export const achievementSchema = z.strictObject({
  /** Short name shown on the badge. */
  name: text,
  /** One or two sentences; the Markdown body below holds the criteria. */
  description: text,
  /** The kind of achievement: a value of the spec's enumeration or an `ext:` name. */
  achievementType: z
    .string()
    .refine(
      (value) => (ACHIEVEMENT_TYPES as readonly string[]).includes(value) || EXT_NAME.test(value),
      { error: 'must be a spec achievementType such as Badge or Certificate, or an ext:Name' },
    )
    .default('Badge'),
  /** The issuer's file name under content/issuers, without .md. */
  issuer: slug('an issuer'),
  /** Badge artwork beside this file: one path, or one .svg and one .png of the same design. */
  image: z.union([imagePath, z.array(imagePath).min(1).max(2)]),
  /** Alt text for the artwork; without it the build warns. */
  imageAlt: text.optional(),
  tags: z.array(text).default([]),
  alignments: z.array(alignmentSchema).default([]),
  /** Who defined the achievement, when that is not the issuer. */
  creator: creatorSchema.optional(),
  /**
   * How long an award stays valid, as an ISO 8601 duration counted from its awardedDate (P2Y,
   * P18M, P90D). An award's own validUntil wins.
   */
  validFor: z
    .string()
    .refine(isValidityPeriod, {
      error: 'must be a period such as P2Y (two years), P6M (six months) or P90D (90 days)',
    })
    .optional(),
});

const recipientById = z.strictObject({
  /** A URL or DID that identifies the earner: their profile page, a did:key, ... */
  id: uri,
  /** Name to show on pages and in the credential. */
  name: text.optional(),
});

const recipientByEmail = z.strictObject({
  /** `sha256$` and the hex SHA-256 of the lower-cased address followed by the salt. */
  hashedEmail: z.string().regex(/^sha256\$[0-9a-fA-F]{64}$/, {
    error: 'must be sha256$ followed by 64 hex digits (run `npm run laurel -- hash-email`)',
  }),
  salt: text,
  name: text.optional(),
});

const evidenceSchema = z
  .strictObject({
    url: httpUrl.optional(),
    name: text.optional(),
    narrative: text.optional(),
    description: text.optional(),
  })
  .refine((value) => value.url !== undefined || value.narrative !== undefined, {
    error: 'needs a url or a narrative',
  });

export const awardSchema = z.strictObject({
  /** The achievement's file name under content/achievements, without .md. */
  achievement: slug('an achievement'),
  /** Who earned it: `id` (URL or DID) or `hashedEmail` with its `salt`. */
  recipient: z.union([recipientById, recipientByEmail], {
    error: 'must have either `id` (a URL or DID) or `hashedEmail` and `salt`',
  }),
  awardedDate: dateTime,
  /** When this version of the credential becomes valid; defaults to awardedDate. */
  validFrom: dateTime.optional(),
  validUntil: dateTime.optional(),
  evidence: z.array(evidenceSchema).default([]),
  /** Withdraws the award; its URLs keep working and say so. */
  revoked: z.strictObject({ date: dateTime, reason: text }).optional(),
});

export type IssuerFrontMatter = z.output<typeof issuerSchema>;
export type AchievementFrontMatter = z.output<typeof achievementSchema>;
export type AwardFrontMatter = z.output<typeof awardSchema>;
