import { readFileSync } from 'node:fs';
import path from 'node:path';
import { unbake } from '../bake/unbake.ts';
import { paths } from '../urls.ts';

/**
 * Problems with the published files of one award, read back from `root`: its JSON must be
 * `json`, its JWT `jwt`, and its PNG and SVG must give back `json` when unbaked. Each problem is
 * a line `<id>: <file> ...`; none means the files hold exactly what was verified.
 */
export function publishedFormProblems(
  root: string,
  id: string,
  json: string,
  jwt: string,
): string[] {
  const found: string[] = [];
  const read = (file: string): Buffer | undefined => {
    try {
      return readFileSync(path.join(root, file));
    } catch {
      found.push(`${id}: ${file} is missing`);
      return undefined;
    }
  };
  const published = read(paths.credentialJson(id))?.toString('utf8');
  if (published !== undefined && published !== json) {
    found.push(`${id}: ${paths.credentialJson(id)} is not the credential that was signed`);
  }
  const token = read(paths.credentialJwt(id))?.toString('utf8');
  if (token !== undefined && token !== jwt) {
    found.push(`${id}: ${paths.credentialJwt(id)} is not the VC-JWT that was signed`);
  }
  for (const image of [paths.credentialPng(id), paths.credentialSvg(id)]) {
    const bytes = read(image);
    if (bytes === undefined) continue;
    const baked = unbake(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    if (!baked.ok || baked.text !== json) found.push(`${id}: ${image} does not hold its JSON`);
  }
  return found;
}
