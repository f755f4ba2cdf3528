import { existsSync, readFileSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
  '.jwt': 'text/plain',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.xml': 'application/xml',
};

export interface StaticSite {
  server: Server;
  /** `http://127.0.0.1:<port>` */
  origin: string;
  /** Where the site's pages are: the origin plus the site's path, ending with `/`. */
  home: string;
  close(): void;
}

/**
 * Serves a built folder on 127.0.0.1 as a static host would: under the path of the site URL it
 * was built for (a site built for https://badges.example.org/guild/ is served at /guild/),
 * with `index.html` for folders and a 404 for anything else.
 */
export async function serveBuiltSite(folder: string, site: string): Promise<StaticSite> {
  const prefix = new URL(site).pathname;
  const root = path.resolve(folder);
  const server = createServer((request, response) => {
    const pathname = decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname);
    let file = pathname.startsWith(prefix)
      ? path.join(root, pathname.slice(prefix.length))
      : undefined;
    if (file && existsSync(file) && statSync(file).isDirectory()) {
      file = path.join(file, 'index.html');
    }
    if (!file?.startsWith(root) || !existsSync(file)) {
      response.writeHead(404).end('Not found');
      return;
    }
    const type = TYPES[path.extname(file)] ?? 'application/octet-stream';
    response.writeHead(200, { 'content-type': type }).end(readFileSync(file));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    server,
    origin,
    home: `${origin}${prefix}`,
    close() {
      server.closeAllConnections();
      server.close();
    },
  };
}
