import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpFetchers } from '../../../src/core/verify/fetch-http.ts';
import { fetchJsonFromSite, siteFile } from '../../../src/core/verify/fetch-site-node.ts';

const SITE = 'https://badges.example.org/guild/';

describe('answering a site from its built folder', () => {
  const out = mkdtempSync(path.join(tmpdir(), 'laurel-verify-site-'));
  mkdirSync(path.join(out, 'issuers/a'), { recursive: true });
  writeFileSync(path.join(out, 'issuers/a/did.json'), '{"id":"did:web:x"}');
  writeFileSync(path.join(tmpdir(), 'outside.json'), '{}');

  it('maps URLs under the site to files, and nothing else', () => {
    expect(siteFile(out, SITE, `${SITE}issuers/a/did.json#key-1`)).toBe(
      path.join(out, 'issuers/a/did.json'),
    );
    expect(siteFile(out, SITE, `${SITE}verify/`)).toBe(path.join(out, 'verify/index.html'));
    expect(siteFile(out, SITE, 'https://badges.example.org/other/x.json')).toBeUndefined();
    expect(siteFile(out, SITE, `${SITE}..%2F..%2Foutside.json`)).toBeUndefined();
  });

  it('reads JSON and says which file is missing', async () => {
    const fetchJson = fetchJsonFromSite(out, SITE);
    await expect(fetchJson(`${SITE}issuers/a/did.json`)).resolves.toEqual({ id: 'did:web:x' });
    await expect(fetchJson(`${SITE}issuers/b/did.json`)).rejects.toThrow(
      'the built site has no issuers/b/did.json',
    );
    await expect(fetchJson('https://elsewhere.example/x.json')).rejects.toThrow('is not under');
  });
});

describe('fetching over HTTP', () => {
  let base = '';
  const server = createServer((request, response) => {
    if (request.url === '/doc.json') response.end('{"ok":true}');
    else if (request.url === '/huge.json') response.end(`"${'x'.repeat(5 * 1024 * 1024)}"`);
    else if (request.url === '/slow.json') setTimeout(() => response.end('{}'), 2000);
    else if (request.url === '/text') response.end('not json');
    else {
      response.statusCode = 404;
      response.end();
    }
  });
  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => {
    server.closeAllConnections();
    server.close();
  });

  it('reads JSON, and rejects errors, non-JSON and oversized bodies with a reason', async () => {
    const { fetchJson } = createHttpFetchers();
    await expect(fetchJson(`${base}/doc.json`)).resolves.toEqual({ ok: true });
    await expect(fetchJson(`${base}/missing.json`)).rejects.toThrow('HTTP 404');
    await expect(fetchJson(`${base}/text`)).rejects.toThrow('is not JSON');
    await expect(fetchJson(`${base}/huge.json`)).rejects.toThrow('larger than 4 MiB');
    await expect(fetchJson('file:///etc/passwd')).rejects.toThrow('not an http(s) URL');
  });

  it('gives up after the timeout', async () => {
    const { fetchJson } = createHttpFetchers({ timeoutMs: 200 });
    await expect(fetchJson(`${base}/slow.json`)).rejects.toThrow('no answer within 0.2 s');
  });
});
