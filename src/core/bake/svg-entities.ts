/**
 * Expands the general entities an SVG declares in its DOCTYPE internal subset.
 * Adobe Illustrator writes `xmlns="&ns_svg;"` with the URL declared there; xmldom
 * does not read internal subsets, so without this the root would not be in the SVG
 * namespace and attributes would come out as `&amp;ns_svg;`. Browser-safe.
 *
 * Only plain-text values are expanded: a value holding `&`, `%`, `<` or a quote is
 * left alone, so entities never nest and an "XML bomb" cannot multiply (the parser
 * then reports the reference as unknown). The output is also capped at `maxLength`.
 */
import { ENTITY_NAME, UNPARSED_MARKUP } from './xml-character-check.ts';

const PREDEFINED = new Set(['amp', 'lt', 'gt', 'quot', 'apos']);

/**
 * Prolog items that may precede the DOCTYPE: whitespace, comments, processing
 * instructions.
 */
const PROLOG_ITEM = /\s+|<!--[\s\S]*?-->|<\?[\s\S]*?\?>/y;

/**
 * A general entity with a literal value; parameter (`%`) and external entities
 * never match.
 */
const ENTITY_DECLARATION = /<!ENTITY\s+([^\s%"'<>]+)\s+(?:"([^"]*)"|'([^']*)')\s*>/y;

/** Markup where `&name;` is not a reference (skipped), and the references themselves. */
const REFERENCE_OR_SKIPPED = new RegExp(`${UNPARSED_MARKUP}|&(${ENTITY_NAME});`, 'g');

export type EntityExpansion = { text: string } | { problem: string };

/**
 * Returns `text` with references to the internal subset's plain-text entities
 * replaced by their values, outside comments, CDATA sections and processing
 * instructions. The DOCTYPE itself is kept as written, so the declarations stay
 * (and stay harmless). Text without an internal subset comes back unchanged.
 */
export function expandInternalEntities(text: string, maxLength: number): EntityExpansion {
  const doctype = readInternalSubset(text);
  if (!doctype) return { text };
  const { entities } = doctype;
  if (entities.size === 0) return { text };
  let length = text.length;
  const body = text.slice(doctype.end).replace(REFERENCE_OR_SKIPPED, (match, name?: string) => {
    const value = name === undefined ? undefined : entities.get(name);
    if (value === undefined || length > maxLength) return match;
    length += value.length - match.length;
    return value;
  });
  if (length > maxLength) {
    return {
      problem: `expanding its DOCTYPE entities makes it longer than ${maxLength} characters`,
    };
  }
  return { text: text.slice(0, doctype.end) + body };
}

/**
 * Reads the plain-text entities of `<!DOCTYPE ... [ subset ]>` in the prolog;
 * undefined when there is no internal subset. A hand-written scan rather than one
 * regex: every step moves forward, so hostile input (thousands of unclosed `<!--`)
 * costs linear time, not quadratic.
 */
function readInternalSubset(
  text: string,
): { entities: Map<string, string>; end: number } | undefined {
  let offset = text.startsWith('\ufeff') ? 1 : 0;
  PROLOG_ITEM.lastIndex = offset;
  while (PROLOG_ITEM.test(text)) offset = PROLOG_ITEM.lastIndex;
  if (!text.startsWith('<!DOCTYPE', offset)) return undefined;
  const entities = new Map<string, string>();
  let inSubset = false;
  let index = offset + 9;
  while (index < text.length) {
    const char = text[index];
    const closer =
      char === '"' || char === "'"
        ? char
        : CLOSERS.find(([open]) => text.startsWith(open, index))?.[1];
    if (closer !== undefined) {
      // Literals, comments and PIs may hold brackets of their own: jump past them.
      const close = text.indexOf(closer, index + 1);
      if (close < 0) return undefined;
      index = close + closer.length;
    } else if (inSubset && text.startsWith('<!ENTITY', index)) {
      ENTITY_DECLARATION.lastIndex = index;
      const [declaration = '', name = '', double, single] = ENTITY_DECLARATION.exec(text) ?? [];
      const value = double ?? single ?? '';
      if (declaration && !PREDEFINED.has(name) && !/[&%<"']|]]>/.test(value)) {
        entities.set(name, value);
      }
      index += Math.max(declaration.length, 1);
    } else if (char === '[' && !inSubset) {
      inSubset = true;
      index++;
    } else if ((char === ']' && inSubset) || (char === '>' && !inSubset)) {
      const close = /\s*>/y;
      close.lastIndex = index + 1;
      if (char === '>' || !close.test(text)) return undefined;
      return { entities, end: close.lastIndex };
    } else {
      index++;
    }
  }
  return undefined;
}

const CLOSERS: readonly (readonly [string, string])[] = [
  ['<!--', '-->'],
  ['<?', '?>'],
];
