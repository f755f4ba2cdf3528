import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { LaurelError, LaurelErrors } from '../errors.ts';
import { type FrontMatterFile, parseFrontMatter } from './front-matter.ts';
import { findEmailAddresses, HASH_EMAIL_HINT } from './plaintext-email.ts';
import type {
  AchievementRecord,
  Artwork,
  AwardRecord,
  IssuerRecord,
  SiteContent,
} from './records.ts';
import { applyValidityPeriods, checkReferences } from './resolve-references.ts';
import { achievementSchema, awardSchema, issuerSchema } from './schemas.ts';
import { toLaurelErrors } from './zod-errors.ts';

const AWARD_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*(?:\/[a-z0-9]+(?:-[a-z0-9]+)*)*$/;
const MARKDOWN = /\.(md|markdown)$/;

/**
 * Reads `content/` (issuers, achievements, awards), validates every file against its schema and
 * resolves references between them. All problems are collected and thrown together as
 * LaurelErrors, each naming the file, the line, the field and the fix, so an author sees every
 * mistake in one run. Nothing is written.
 */
export function loadContent(root: string, contentDir = 'content'): SiteContent {
  const errors: LaurelError[] = [];
  const collect = <T>(work: () => T): T | undefined => {
    try {
      return work();
    } catch (error) {
      if (error instanceof LaurelErrors) errors.push(...error.errors);
      else if (error instanceof LaurelError) errors.push(error);
      else throw error;
      return undefined;
    }
  };
  const base = path.join(root, contentDir);
  if (!existsSync(base)) {
    throw new LaurelError('ERR_CONFIG', `there is no content folder at ${contentDir}/`, {
      hint: 'Create content/issuers, content/achievements and content/awards (see README).',
    });
  }
  const relative = (file: string) => path.relative(root, file).split(path.sep).join('/');

  const issuers = listMarkdown(path.join(base, 'issuers'), false).flatMap((file) => {
    const record = collect(() => loadIssuer(root, relative(file)));
    return record ? [record] : [];
  });
  const achievements = listMarkdown(path.join(base, 'achievements'), false).flatMap((file) => {
    const record = collect(() => loadAchievement(root, relative(file)));
    return record ? [record] : [];
  });
  const awardsDir = path.join(base, 'awards');
  const awards = listMarkdown(awardsDir, true).flatMap((file) => {
    const id = path.relative(awardsDir, file).split(path.sep).join('/').replace(MARKDOWN, '');
    const record = collect(() => loadAward(root, relative(file), id));
    return record ? [record] : [];
  });

  if (issuers.length === 0 && errors.length === 0) {
    errors.push(
      new LaurelError('ERR_CONTENT', 'there is no issuer', {
        file: `${contentDir}/issuers/`,
        hint: 'Add content/issuers/<slug>.md with name, url and email (see README).',
      }),
    );
  }
  // A file that failed to load has reported its own problem; references to it are not new ones.
  const failed = {
    issuers: listMarkdown(path.join(base, 'issuers'), false).map((file) => slugFromPath(file)),
    achievements: listMarkdown(path.join(base, 'achievements'), false).map(slugFromPath),
  };
  errors.push(...checkReferences({ issuers, achievements, awards }, failed));
  errors.push(...applyValidityPeriods(achievements, awards));
  if (errors.length > 0) throw new LaurelErrors(errors);
  return { issuers, achievements, awards };
}

function listMarkdown(dir: string, recursive: boolean): string[] {
  if (!existsSync(dir)) return [];
  // Case-insensitive, so that `x.MD` is reported (by slugOf or the award id check) rather than
  // silently left out.
  return readdirSync(dir, { recursive, withFileTypes: true })
    .filter((entry) => entry.isFile() && /\.(md|markdown)$/i.test(entry.name))
    .map((entry) => path.join(entry.parentPath, entry.name))
    .sort();
}

function read(root: string, file: string): FrontMatterFile {
  return parseFrontMatter(readFileSync(path.join(root, file), 'utf8'), file);
}

function validate<S extends z.ZodType>(
  schema: S,
  frontMatter: FrontMatterFile,
  file: string,
): z.output<S> {
  const result = schema.safeParse(frontMatter.data);
  if (!result.success) {
    throw new LaurelErrors(
      toLaurelErrors(result.error, file, frontMatter, (at) => knownKeys(schema, at)),
    );
  }
  return result.data;
}

/** The keys an object schema allows at `at`, for "did you mean" hints. */
function knownKeys(schema: z.ZodType, at: readonly PropertyKey[]): string[] {
  let nodes: z.ZodType[] = [schema];
  for (const key of [...at, undefined]) {
    nodes = nodes.flatMap(function unwrap(node: z.ZodType): z.ZodType[] {
      if (node instanceof z.ZodOptional || node instanceof z.ZodDefault) {
        return unwrap(node.unwrap() as z.ZodType);
      }
      if (node instanceof z.ZodUnion) return (node.options as z.ZodType[]).flatMap(unwrap);
      if (node instanceof z.ZodPipe) return unwrap(node.in as z.ZodType);
      return [node];
    });
    if (key === undefined) break;
    nodes = nodes.flatMap((node) => {
      if (node instanceof z.ZodObject && typeof key === 'string') {
        const child = node.shape[key] as z.ZodType | undefined;
        return child ? [child] : [];
      }
      if (node instanceof z.ZodArray && typeof key === 'number') return [node.element as z.ZodType];
      return [];
    });
  }
  const keys = nodes.flatMap((node) =>
    node instanceof z.ZodObject ? Object.keys(node.shape) : [],
  );
  return [...new Set(keys)];
}

function fieldLines(frontMatter: FrontMatterFile): Record<string, number> {
  return Object.fromEntries(
    Object.keys(frontMatter.data).map((key) => [key, frontMatter.lineOf([key])]),
  );
}

function slugFromPath(file: string): string {
  return path.basename(file).replace(MARKDOWN, '');
}

function slugOf(file: string, kind: string): string {
  const slug = path.basename(file).replace(MARKDOWN, '');
  if (!/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(slug)) {
    throw new LaurelError('ERR_CONTENT', `"${slug}" is not a valid ${kind} file name`, {
      file,
      hint: 'Rename the file to lower-case letters, digits and hyphens, e.g. first-patch.md.',
    });
  }
  return slug;
}

function loadIssuer(root: string, file: string): IssuerRecord {
  const slug = slugOf(file, 'issuer');
  const frontMatter = read(root, file);
  const data = validate(issuerSchema, frontMatter, file);
  const image = data.image ? resolveImage(root, file, data.image, frontMatter, ['image']) : {};
  return {
    slug,
    file,
    lines: fieldLines(frontMatter),
    data,
    description: frontMatter.body.trim(),
    image: image.svg ?? image.png,
  };
}

function loadAchievement(root: string, file: string): AchievementRecord {
  const slug = slugOf(file, 'achievement');
  const frontMatter = read(root, file);
  const data = validate(achievementSchema, frontMatter, file);
  const artwork: Artwork = {};
  const images = Array.isArray(data.image) ? data.image : [data.image];
  images.forEach((image, index) => {
    const at = Array.isArray(data.image) ? ['image', index] : ['image'];
    const found = resolveImage(root, file, image, frontMatter, at);
    for (const format of ['svg', 'png'] as const) {
      if (found[format] && artwork[format]) {
        throw new LaurelError('ERR_CONTENT', `lists two ${format.toUpperCase()} images`, {
          file,
          field: 'image',
          line: frontMatter.lineOf(['image']),
          hint: 'Give at most one .svg and one .png file of the same design.',
        });
      }
      if (found[format]) artwork[format] = found[format];
    }
  });
  const criteria = frontMatter.body.trim();
  if (criteria === '') {
    throw new LaurelError('ERR_CONTENT', 'has no criteria', {
      file,
      hint: 'Write what an earner must do in the Markdown body, below the closing `---`.',
    });
  }
  const creator = data.creator;
  return {
    slug,
    file,
    lines: fieldLines(frontMatter),
    data,
    criteria,
    artwork,
    issuerSlug: data.issuer,
    creator:
      creator === undefined
        ? undefined
        : typeof creator === 'string'
          ? { kind: 'issuer', slug: creator }
          : { kind: 'inline', ...creator },
  };
}

function loadAward(root: string, file: string, id: string): AwardRecord {
  if (!AWARD_ID.test(id)) {
    throw new LaurelError('ERR_CONTENT', `"${id}" cannot be an award id`, {
      file,
      hint:
        'The path under content/awards is the permanent id of the award: use lower-case ' +
        'letters, digits and hyphens for folders and file names, e.g. 2026/ada-first-patch.md.',
    });
  }
  const source = readFileSync(path.join(root, file), 'utf8');
  const [email] = findEmailAddresses(source);
  if (email) {
    const line = source.slice(0, email.index).split('\n').length;
    throw new LaurelError('ERR_PLAINTEXT_EMAIL', 'holds a plaintext e-mail address', {
      file,
      line,
      hint: HASH_EMAIL_HINT,
    });
  }
  const frontMatter = parseFrontMatter(source, file);
  const data = validate(awardSchema, frontMatter, file);
  const validFrom = data.validFrom ?? data.awardedDate;
  const dateError = (field: string, message: string, hint: string) =>
    new LaurelError('ERR_CONTENT', message, {
      file,
      field,
      line: frontMatter.lineOf([field]),
      hint,
    });
  if (data.validFrom && data.validFrom < data.awardedDate) {
    throw dateError(
      'validFrom',
      `is before awardedDate (${data.awardedDate})`,
      'A credential cannot become valid before it was awarded; use awardedDate or later.',
    );
  }
  if (data.validUntil && data.validUntil <= validFrom) {
    throw dateError(
      'validUntil',
      `is not after ${data.validFrom ? 'validFrom' : 'awardedDate'} (${validFrom})`,
      'Set validUntil to a later date, or remove it for a badge that does not expire.',
    );
  }
  return {
    id,
    file,
    lines: fieldLines(frontMatter),
    data,
    narrative: frontMatter.body.trim(),
    achievementSlug: data.achievement,
    validFrom,
    validUntil: data.validUntil,
  };
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** Checks an image path exists beside `file` and really is the format its extension says. */
function resolveImage(
  root: string,
  file: string,
  image: string,
  frontMatter: FrontMatterFile,
  at: (string | number)[],
): Artwork {
  const target = path.join(path.dirname(path.join(root, file)), image);
  const relativeTarget = path.relative(root, target).split(path.sep).join('/');
  const fail = (message: string, hint: string) =>
    new LaurelError('ERR_IMAGE', message, {
      file,
      field: at.map((key) => (typeof key === 'number' ? `[${key}]` : key)).join(''),
      line: frontMatter.lineOf(at),
      hint,
    });
  if (!existsSync(target)) {
    throw fail(
      `${image} does not exist`,
      `Put the file at ${relativeTarget}, or fix the path (it is relative to ${file}).`,
    );
  }
  const head = readFileSync(target).subarray(0, 1024);
  const isPng = PNG_SIGNATURE.every((byte, index) => head[index] === byte);
  const isSvg = !isPng && /<svg[\s>]/.test(head.toString('utf8'));
  const extension = path.extname(image).toLowerCase();
  if (extension === '.png' && !isPng) {
    throw fail(`${image} is not a PNG image`, 'Export the artwork as PNG or SVG.');
  }
  if (extension === '.svg' && !isSvg) {
    throw fail(`${image} is not an SVG image`, 'Export the artwork as PNG or SVG.');
  }
  return extension === '.png' ? { png: relativeTarget } : { svg: relativeTarget };
}
