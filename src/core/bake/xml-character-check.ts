/**
 * The well-formedness rules xmldom lets through silently: characters XML 1.0
 * forbids, character references to them, and a bare `&`. Without this check xmldom
 * would turn `&#1;` into a raw control character and the baked SVG would no longer
 * be XML. Browser-safe.
 */

/**
 * Characters outside XML 1.0's `Char` production, even in CDATA, and lone
 * surrogates, which UTF-8 cannot encode. Text holding one cannot be written to an
 * SVG unchanged.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: these are exactly what XML forbids.
export const FORBIDDEN_XML_CHARACTER = /[\0-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]|\p{Cs}/u;

/**
 * Comments, CDATA sections and processing instructions, where `&` is plain text. Each
 * runs to its end or, unclosed, to the end of the text, so that matching stays linear.
 */
export const UNPARSED_MARKUP = [
  String.raw`<!--[\s\S]*?(?:-->|$)`,
  String.raw`<!\[CDATA\[[\s\S]*?(?:\]\]>|$)`,
  String.raw`<\?[\s\S]*?(?:\?>|$)`,
].join('|');

/** An entity name after `&`, as loosely as xmldom reads it. */
export const ENTITY_NAME = String.raw`[^\s;&<>"'#][^\s;&<>"']*`;

/** Unparsed markup (skipped), or a `&` with the reference that should follow it. */
const AMPERSAND_CONTEXT = new RegExp(
  String.raw`${UNPARSED_MARKUP}|&(?:#x([\da-fA-F]+);|#(\d+);|${ENTITY_NAME};)?`,
  'g',
);

/**
 * Returns a sentence fragment naming the first forbidden character, reference to
 * one, or bare `&` in `text`, with its line; undefined when there is none.
 */
export function findXmlCharacterProblem(text: string): string | undefined {
  const forbidden = FORBIDDEN_XML_CHARACTER.exec(text);
  if (forbidden) {
    const code = forbidden[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0');
    return `it holds the character U+${code}, which XML forbids${lineAt(text, forbidden.index)}`;
  }
  for (const match of text.matchAll(AMPERSAND_CONTEXT)) {
    const [found, hex, decimal] = match;
    if (found === '&') {
      return `it has a bare "&"${lineAt(text, match.index)}; write &amp; instead`;
    }
    const code = hex !== undefined ? Number.parseInt(hex, 16) : Number(decimal ?? 0x20);
    if (found.startsWith('&#') && !isXmlChar(code)) {
      return `it refers to a character XML forbids, ${found}${lineAt(text, match.index)}`;
    }
  }
  return undefined;
}

function isXmlChar(code: number): boolean {
  return (
    code === 0x9 ||
    code === 0xa ||
    code === 0xd ||
    (code >= 0x20 && code <= 0xd7ff) ||
    (code >= 0xe000 && code <= 0xfffd) ||
    (code >= 0x10000 && code <= 0x10ffff)
  );
}

function lineAt(text: string, index: number): string {
  let line = 1;
  for (let at = text.indexOf('\n'); at >= 0 && at < index; at = text.indexOf('\n', at + 1)) line++;
  return ` (line ${line})`;
}
