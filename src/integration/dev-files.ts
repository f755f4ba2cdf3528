import { existsSync, readFileSync, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';

const MEDIA_TYPES: Record<string, string> = {
  '.json': 'application/json',
  '.jwt': 'text/plain; charset=utf-8',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.xml': 'application/xml',
};

/**
 * A dev-server middleware that serves the files the build publishes (credentials, images, keys,
 * status lists), written by the same publishing code into `dir`, so a maintainer previewing a
 * pull request with `astro dev` sees exactly what will go live. Pages are left to Astro.
 */
export function serveDevFiles(dir: () => string, base: string) {
  return (request: IncomingMessage, response: ServerResponse, next: () => void): void => {
    const pathname = decodeURIComponent(new URL(request.url ?? '/', 'http://dev').pathname);
    const root = path.resolve(dir());
    const file = path.resolve(root, pathname.slice(base.length));
    const type = MEDIA_TYPES[path.extname(file)];
    const served =
      pathname.startsWith(base) &&
      type !== undefined &&
      file.startsWith(root + path.sep) &&
      existsSync(file) &&
      statSync(file).isFile();
    if (!served) {
      next();
      return;
    }
    response.setHeader('Content-Type', type);
    response.end(readFileSync(file));
  };
}
