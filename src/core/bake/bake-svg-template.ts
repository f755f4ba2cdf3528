/**
 * Bakes many credentials into the same SVG artwork without parsing it each time. `bakeSvg`
 * parses and re-serialises the artwork for every award, which is most of its cost; a template
 * runs `bakeSvg` once with a placeholder credential and keeps the text before and after the
 * placeholder's CDATA section. Each award then only needs its JSON split into CDATA sections.
 * xmldom writes a CDATA node as `<![CDATA[` + data + `]]>`, so the splice is exactly what
 * `bakeSvg` itself returns (tests/core/bake/bake-svg-template.test.ts compares the bytes).
 * Browser-safe.
 */
import { LaurelError } from '../errors.ts';
import { type BakeSvgOptions, bakeSvg } from './bake-svg.ts';
import { checkBakeText } from './credential-text.ts';

export interface SvgBakeTemplate {
  /**
   * The artwork with `json` (credential JSON, embedded proof) baked in, as `bakeSvg` bakes it.
   * `file` names the artwork in errors, like bakeSvg's option; it defaults to the template's.
   */
  bake(json: string, options?: Pick<BakeSvgOptions, 'file'>): string;
}

const CDATA_START = '<![CDATA[';
const CDATA_END = ']]>';
/** Valid credential-shaped JSON that no real credential is; artwork holding it is refused. */
const PLACEHOLDER = '{"laurel:placeholder":"credential JSON goes here"}';

/**
 * Prepares `svgText` for baking OB 3.0 credential JSON (the embedded-proof form Laurel
 * publishes). Throws what `bakeSvg` throws for unusable artwork (`ERR_IMAGE`, `ERR_BAKE`), and
 * `ERR_BAKE` if the placeholder is not found exactly once in the baked text (the serialiser no
 * longer writes CDATA verbatim, or the artwork itself holds the placeholder): then use `bakeSvg`.
 */
export function createSvgBakeTemplate(
  svgText: string,
  options: Pick<BakeSvgOptions, 'file'> = {},
): SvgBakeTemplate {
  const file = options.file ?? 'the SVG artwork';
  const baked = bakeSvg(svgText, { json: PLACEHOLDER }, { file });
  const marker = `${CDATA_START}${PLACEHOLDER}${CDATA_END}`;
  const at = baked.indexOf(marker);
  if (at < 0 || baked.indexOf(marker, at + 1) >= 0) {
    throw new LaurelError('ERR_BAKE', 'cannot make a baking template of this artwork', {
      file,
      hint: 'Bake it with bakeSvg instead; the SVG serialiser did not write CDATA as expected.',
    });
  }
  const before = baked.slice(0, at);
  const after = baked.slice(at + marker.length);
  return {
    bake(json, bakeOptions = {}) {
      // The same check bakeSvg makes, with the same errors.
      const where = bakeOptions.file ?? file;
      const found = checkBakeText(json, false, where);
      if (found.kind !== 'json') {
        throw new LaurelError('ERR_BAKE', `was given a ${found.kind} where a json belongs`, {
          file: where,
          hint: 'Pass credential JSON as `json`, a compact JWS as `jws` and a URL as `url`.',
        });
      }
      return `${before}${cdataSections(json)}${after}`;
    },
  };
}

/**
 * The text of the CDATA sections `bakeSvg` writes for `text`: one per part between `]]>`s, the
 * `]]` ending one section and the `>` starting the next, empty sections left out.
 */
function cdataSections(text: string): string {
  if (!text.includes(CDATA_END)) return `${CDATA_START}${text}${CDATA_END}`;
  const parts = text.split(CDATA_END);
  return parts
    .map((part, index) => `${index > 0 ? '>' : ''}${part}${index < parts.length - 1 ? ']]' : ''}`)
    .filter((section) => section !== '')
    .map((section) => `${CDATA_START}${section}${CDATA_END}`)
    .join('');
}
