/** Baked PNG and SVG badges of the world's signed credential, made in memory. */
import { bakePng } from '../../../src/core/bake/bake-png-node.ts';
import { bakeSvg } from '../../../src/core/bake/bake-svg.ts';
import { makePng } from '../bake/artwork.ts';
import { type Json, jwtOf, signedCredential } from './world.ts';

export const ARTWORK_SVG =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><circle cx="5" cy="5" r="4"/></svg>';

export interface Badges {
  credential: Json;
  json: string;
  jwt: string;
  png: Uint8Array;
  pngJwt: Uint8Array;
  svg: Uint8Array;
  svgJwt: Uint8Array;
}

/** The signed credential as JSON text, VC-JWT, and baked into PNG and SVG (both proofs). */
export async function makeBadges(): Promise<Badges> {
  const credential = await signedCredential();
  const json = JSON.stringify(credential);
  const jwt = await jwtOf(credential);
  const encode = (text: string) => new TextEncoder().encode(text);
  return {
    credential,
    json,
    jwt,
    png: bakePng(makePng(), json),
    pngJwt: bakePng(makePng(), jwt),
    svg: encode(bakeSvg(ARTWORK_SVG, { json })),
    svgJwt: encode(bakeSvg(ARTWORK_SVG, { jws: jwt })),
  };
}
