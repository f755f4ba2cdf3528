/**
 * The check SVG artwork passes before it is baked: UTF-8, well-formed XML, an
 * `<svg>` root in the SVG namespace. Browser-safe.
 */
import { LaurelError } from '../errors.ts';
import { SVG_NAMESPACE } from './bake-names.ts';
import { type ParsedSvg, parseSvg } from './parse-svg.ts';
import { findActiveContent } from './svg-active-content.ts';
import { findXmlCharacterProblem } from './xml-character-check.ts';

/**
 * Larger artwork is refused: xmldom needs several seconds per 10 MB of small
 * elements.
 */
export const MAX_SVG_LENGTH = 32 * 1024 * 1024;

const XML_ENCODING = /^\ufeff?\s*<\?xml\s[^?]*?encoding\s*=\s*["']([^"']*)["']/;

/**
 * Parses SVG artwork for baking and returns the document. Throws `ERR_IMAGE` naming
 * `file` when the text declares an encoding other than UTF-8, is not well-formed
 * XML (even where xmldom could recover), is too large, or has a root other than
 * `<svg>` in the SVG namespace.
 */
export function readSvgArtwork(text: string, file: string): ParsedSvg {
  const fail = (message: string, hint: string) =>
    new LaurelError('ERR_IMAGE', message, { file, hint });
  const reexport = 'Export the artwork again as plain SVG, or run `xmllint --noout` on it.';
  if (text.length > MAX_SVG_LENGTH) {
    throw fail(`is larger than ${MAX_SVG_LENGTH / 1024 / 1024} MB`, 'Simplify it, e.g. with svgo.');
  }
  const encoding = XML_ENCODING.exec(text.slice(0, 1024))?.[1];
  if (encoding !== undefined && !/^utf-?8$/i.test(encoding)) {
    throw fail(
      `declares encoding="${encoding}"; Open Badges requires UTF-8`,
      'Save the file as UTF-8 and change its XML declaration to encoding="UTF-8".',
    );
  }
  const parsed = parseSvg(text, MAX_SVG_LENGTH);
  if (!parsed.ok) throw fail(`is not usable SVG: ${parsed.problem}`, reexport);
  const [error = findXmlCharacterProblem(text)] = parsed.errors;
  if (error !== undefined) throw fail(`is not well-formed XML: ${error}`, reexport);
  const { root } = parsed;
  if (root.localName !== 'svg') {
    throw fail(`is not an SVG image: its root element is <${root.tagName}>`, reexport);
  }
  if (root.namespaceURI !== SVG_NAMESPACE) {
    throw fail(
      `has an <${root.tagName}> root outside the SVG namespace, so browsers will not draw it`,
      `Add xmlns="${SVG_NAMESPACE}" to the <svg> tag.`,
    );
  }
  return parsed;
}

/**
 * Checks that `text` is SVG artwork fit for publishing and baking: what `bakeSvg` needs, and a
 * self-contained picture with no scripts, event handlers, embedded HTML or references to other
 * files (see svg-active-content.ts). Throws `ERR_IMAGE` naming `file`, what is wrong and the fix.
 */
export function checkSvgArtwork(text: string, file: string): void {
  const { root } = readSvgArtwork(text, file);
  const active = findActiveContent(root);
  if (active !== undefined) {
    throw new LaurelError('ERR_IMAGE', `holds ${active}`, {
      file,
      hint:
        'Badge artwork is published on the site and must be a plain picture: remove scripts, ' +
        'event handlers, embedded HTML and links to other files (embed images as data: URLs).',
    });
  }
}
