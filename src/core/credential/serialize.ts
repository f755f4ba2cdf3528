/**
 * The text of a published credential: JSON with two-space indentation and a final newline, the
 * same bytes in the `.json` file and baked into the PNG and SVG. U+2028, U+2029 and U+0085 are
 * written as `\u` escapes (the same JSON value): some XML parsers treat them as line ends and
 * would alter them inside an SVG, and raw they break JavaScript that embeds the text.
 */
export function credentialText(credential: object): string {
  return `${JSON.stringify(credential, null, 2).replace(/[\u0085\u2028\u2029]/g, unicodeEscape)}\n`;
}

function unicodeEscape(character: string): string {
  return `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`;
}
