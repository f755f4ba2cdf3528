/**
 * The names that mark a baked credential, per Open Badges version. OB 3.0 and OB
 * 2.0 use different PNG keywords and SVG namespaces, so one table keeps the baker
 * and the unbaker in step.
 */

/** Which Open Badges specification a baked image follows. */
export type BakeVersion = '3.0' | '2.0';

/** PNG `iTXt` keyword of each version ("openbadgecredential" since OB 3.0). */
export type PngBakeKeyword = 'openbadgecredential' | 'openbadges';

export interface BakeNames {
  pngKeyword: PngBakeKeyword;
  svgNamespace: string;
  /**
   * Local name of the SVG element: `credential` in OB 3.0, `assertion` in OB 2.0.
   */
  svgElement: string;
}

export const BAKE_NAMES: Readonly<Record<BakeVersion, BakeNames>> = {
  '3.0': {
    pngKeyword: 'openbadgecredential',
    svgNamespace: 'https://purl.imsglobal.org/ob/v3p0',
    svgElement: 'credential',
  },
  '2.0': {
    pngKeyword: 'openbadges',
    svgNamespace: 'http://openbadges.org',
    svgElement: 'assertion',
  },
};

/** Both specifications bind their namespace to this prefix in their examples. */
export const SVG_BAKE_PREFIX = 'openbadges';

export const SVG_NAMESPACE = 'http://www.w3.org/2000/svg';
export const XMLNS_NAMESPACE = 'http://www.w3.org/2000/xmlns/';
