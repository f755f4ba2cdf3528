/**
 * Parses SVG text into an xmldom Document, the one step the SVG baker and unbaker
 * share. It strips (and remembers) a UTF-8 BOM, which xmldom rejects, expands plain
 * DOCTYPE entities (see `svg-entities.ts`) and never throws. Browser-safe.
 */
import { DOMParser, type Document, type Element } from '@xmldom/xmldom';
import { expandInternalEntities } from './svg-entities.ts';

export interface ParsedSvg {
  ok: true;
  document: Document;
  root: Element;
  /** The text started with a UTF-8 byte order mark. */
  bom: boolean;
  /**
   * Errors and warnings xmldom recovered from (an unquoted attribute is only a
   * warning there); any of them means the text is not well-formed XML.
   */
  errors: string[];
}

export type SvgParse = ParsedSvg | { ok: false; problem: string };

/**
 * Parses `text` as XML (not as HTML: the root's namespace must be declared to
 * count). Fatal errors come back as `{ ok: false, problem }` with the line; errors
 * xmldom can recover from are listed in `errors` for the caller to judge: the baker
 * refuses them, the unbaker lets them pass. `maxLength` caps the text after entity
 * expansion.
 */
export function parseSvg(text: string, maxLength: number): SvgParse {
  const bom = text.startsWith('\ufeff');
  const expanded = expandInternalEntities(bom ? text.slice(1) : text, maxLength);
  if ('problem' in expanded) return { ok: false, problem: expanded.problem };
  const errors: string[] = [];
  const onError = (_level: string, message: string, context?: unknown) => {
    // The one warning that is not about well-formedness: U+FFFD is a legal
    // character.
    if (message.startsWith('Unicode replacement character')) return;
    errors.push(`${firstLine(message)}${lineOf(context)}`);
  };
  try {
    const document = new DOMParser({
      onError,
      normalizeLineEndings: xml10LineEndings,
    }).parseFromString(expanded.text, 'application/xml');
    const root = document.documentElement;
    if (!root) return { ok: false, problem: 'it has no root element' };
    return { ok: true, document, root, bom, errors };
  } catch (error) {
    const reason = errors[errors.length - 1] ?? (error instanceof Error ? error.message : '');
    return { ok: false, problem: `it is not well-formed XML: ${reason}` };
  }
}

function firstLine(message: string): string {
  return message.split('\n', 1)[0] ?? message;
}

/**
 * xmldom hands its DOMHandler, with the parser's current position, to `onError`.
 */
function lineOf(context: unknown): string {
  const locator = (context as { locator?: { lineNumber?: unknown } } | undefined)?.locator;
  const line = locator?.lineNumber;
  return typeof line === 'number' && line > 0 ? ` (line ${line})` : '';
}

/**
 * XML 1.0 line-end handling: CR LF and lone CR become LF, and nothing else changes. xmldom's
 * default follows XML 1.1 and also turns U+0085, U+2028 and U+2029 into LF, which would alter
 * credential text that holds them (a name with a line separator, say).
 */
function xml10LineEndings(input: string): string {
  return input.replace(/\r\n?/g, '\n');
}
