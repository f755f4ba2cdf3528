/**
 * Bakes a credential into SVG artwork: one `<openbadges:credential>` element (OB
 * 2.0: `<openbadges:assertion>`) as the first child of the root. The DOM is edited
 * with xmldom and written back by its serialiser, never by hand. Browser-safe.
 */
import { XMLSerializer } from '@xmldom/xmldom';
import { LaurelError } from '../errors.ts';
import { BAKE_NAMES, type BakeVersion, SVG_BAKE_PREFIX, XMLNS_NAMESPACE } from './bake-names.ts';
import { readSvgArtwork } from './check-svg-artwork.ts';
import { checkBakeText } from './credential-text.ts';
import { findElements } from './find-svg-elements.ts';

/**
 * What to bake. OB 3.0 takes `json` or `jws`; OB 2.0 takes `jws` or `url`, plus
 * optional `json`.
 */
export interface SvgBakeContent {
  /** Credential JSON (embedded proof), written in the element's body as CDATA. */
  json?: string;
  /** Compact JWS (JWT proof), written in the `verify` attribute. */
  jws?: string;
  /**
   * OB 2.0 only: the URL of a hosted assertion, written in the `verify` attribute.
   */
  url?: string;
}

export interface BakeSvgOptions {
  /**
   * `3.0` (the default) or `2.0`, which uses the `http://openbadges.org` assertion
   * element.
   */
  version?: BakeVersion;
  /** The artwork's path, for error messages. */
  file?: string;
}

/**
 * Returns `svgText` with the credential baked in: `xmlns:openbadges` declared on
 * the root `<svg>` and one credential element as its first child, replacing any
 * credential elements of the same namespace already there. JSON goes in the body as
 * CDATA, split where it contains `]]>`; a JWS (or OB 2.0 URL) goes in `verify`. A
 * BOM, the XML declaration, comments and the DOCTYPE are kept; the rest is
 * re-serialised, so attribute layout and character references may change but not
 * what is drawn. Throws `ERR_IMAGE` for unusable artwork and `ERR_BAKE` for bad
 * content.
 */
export function bakeSvg(
  svgText: string,
  credential: SvgBakeContent,
  options: BakeSvgOptions = {},
): string {
  const version = options.version ?? '3.0';
  const file = options.file ?? 'the SVG artwork';
  const { body, verify } = checkContent(credential, version, file);
  const { document, root, bom } = readSvgArtwork(svgText, file);
  const names = BAKE_NAMES[version];
  const bound = root.lookupNamespaceURI(SVG_BAKE_PREFIX);
  if (bound !== null && bound !== names.svgNamespace) {
    throw new LaurelError('ERR_BAKE', `already binds the prefix "openbadges" to ${bound}`, {
      file,
      hint: 'Bake Open Badges 2.0 and 3.0 into separate copies of the unbaked artwork.',
    });
  }
  for (const old of findElements(root, names.svgNamespace, names.svgElement)) {
    old.parentNode?.removeChild(old);
  }
  if (bound === null) {
    root.setAttributeNS(XMLNS_NAMESPACE, `xmlns:${SVG_BAKE_PREFIX}`, names.svgNamespace);
  }
  const element = document.createElementNS(
    names.svgNamespace,
    `${SVG_BAKE_PREFIX}:${names.svgElement}`,
  );
  if (verify !== undefined) element.setAttribute('verify', verify);
  for (const section of cdataSections(body ?? '')) {
    element.appendChild(document.createCDATASection(section));
  }
  root.insertBefore(element, root.firstChild);
  const output = new XMLSerializer().serializeToString(document);
  const newline = svgText.endsWith('\n') && !output.endsWith('\n') ? '\n' : '';
  return `${bom ? '\ufeff' : ''}${output}${newline}`;
}

/** Applies the version's rules on what goes in the body and in `verify`. */
function checkContent(
  content: SvgBakeContent,
  version: BakeVersion,
  file: string,
): { body: string | undefined; verify: string | undefined } {
  const { json, jws, url } = content;
  const given = [json, jws, url].filter((value) => value !== undefined).length;
  const ob2 = version === '2.0';
  const verifiers = [jws, url].filter((value) => value !== undefined).length;
  const valid = ob2 ? verifiers === 1 : given === 1 && url === undefined;
  if (!valid) {
    throw new LaurelError('ERR_BAKE', `got ${describe(content)} to bake`, {
      file,
      hint: ob2
        ? 'Open Badges 2.0 SVG needs a `jws` or a `url` for verify="…", and may add `json`.'
        : 'Open Badges 3.0 SVG takes exactly one of `json` (embedded proof) or `jws`.',
    });
  }
  const expect = (text: string, kind: string) => {
    const found = checkBakeText(text, ob2, file);
    if (found.kind !== kind) {
      throw new LaurelError('ERR_BAKE', `was given a ${found.kind} where a ${kind} belongs`, {
        file,
        hint: 'Pass credential JSON as `json`, a compact JWS as `jws` and a URL as `url`.',
      });
    }
  };
  if (json !== undefined) expect(json, 'json');
  if (jws !== undefined) expect(jws, 'jws');
  if (url !== undefined) expect(url, 'url');
  return { body: json, verify: jws ?? url };
}

function describe(content: SvgBakeContent): string {
  const keys = Object.entries(content).filter(([, value]) => value !== undefined);
  return keys.length === 0 ? 'nothing' : keys.map(([key]) => `\`${key}\``).join(' and ');
}

/**
 * CDATA cannot hold `]]>`, so each one is split between two sections: `…]]` and
 * `>…`.
 */
function cdataSections(text: string): string[] {
  const parts = text.split(']]>');
  const sections = parts.map(
    (part, index) => `${index > 0 ? '>' : ''}${part}${index < parts.length - 1 ? ']]' : ''}`,
  );
  return sections.filter((section) => section !== '');
}
