/**
 * Finds the baked text in an SVG: the one element named `credential` in the OB 3.0
 * namespace (OB 2.0: `assertion` in `http://openbadges.org`), whatever its prefix
 * and wherever it sits. Browser-safe.
 */
import { BAKE_NAMES, type BakeVersion } from './bake-names.ts';
import { findElements } from './find-svg-elements.ts';
import { parseSvg } from './parse-svg.ts';
import { failure, type UnbakeFailure } from './unbake-result.ts';

/**
 * Bigger SVGs are refused rather than parsed: xmldom takes seconds per 10 MB of
 * elements.
 */
export const MAX_UNBAKE_SVG_LENGTH = 32 * 1024 * 1024;

/**
 * Returns the `verify` attribute of the credential element, or else its text
 * content (CDATA included), exactly as stored. Text that never mentions the
 * namespace is not parsed at all: it cannot hold the element. Recoverable XML
 * errors are tolerated; fatal ones, a root other than `<svg>`, and a missing,
 * repeated or empty element come back as failures.
 */
export function readSvgBakedText(
  text: string,
  version: BakeVersion,
): { ok: true; text: string } | UnbakeFailure {
  const { svgNamespace, svgElement } = BAKE_NAMES[version];
  if (text.length > MAX_UNBAKE_SVG_LENGTH) {
    return failure('unreadable', 'The SVG is larger than 32 MB, too large to read safely.');
  }
  const noCredential =
    `The SVG has no ${svgElement} element in the ${svgNamespace} namespace, ` +
    `so no Open Badges ${version} credential.`;
  if (!text.includes(svgNamespace)) {
    const isSvg = /<(?:[^\s<>!?/]+:)?svg[\s>/]/.test(text);
    return isSvg ? failure('no-credential', noCredential) : notSvg('has no <svg> element');
  }
  const parsed = parseSvg(text, MAX_UNBAKE_SVG_LENGTH);
  if (!parsed.ok) return failure('unreadable', `The SVG cannot be read: ${parsed.problem}.`);
  if (parsed.root.localName !== 'svg') {
    return notSvg(`has the root element <${parsed.root.tagName}>, not <svg>`);
  }
  const elements = findElements(parsed.root, svgNamespace, svgElement);
  const [element, second] = elements;
  if (!element) return failure('no-credential', noCredential);
  if (second) {
    return failure(
      'multiple-credentials',
      `The SVG has ${elements.length} ${svgElement} elements; a baked image must hold exactly one.`,
    );
  }
  const verify = element.getAttribute('verify');
  const baked = verify !== null && verify.trim() !== '' ? verify : (element.textContent ?? '');
  if (baked.trim() === '') {
    return failure('no-credential', `The SVG's ${svgElement} element is empty.`);
  }
  return { ok: true, text: baked };
}

function notSvg(reason: string): UnbakeFailure {
  return failure('not-png-or-svg', `The file is text or XML but not an SVG image: it ${reason}.`);
}
