import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { listFiles } from '../support/built-site.ts';

const { out, site } = inject('builtSite');
const CHROMIUM = '/usr/bin/chromium';

function readAxe(): string | undefined {
  try {
    return readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
  } catch {
    return undefined;
  }
}

const AXE = readAxe();
const SKIP = !existsSync(CHROMIUM)
  ? `chromium is not installed at ${CHROMIUM}`
  : AXE === undefined
    ? 'axe-core is not installed (npm install -D axe-core)'
    : undefined;
const titled = (title: string) => (SKIP ? `${title} (skipped: ${SKIP})` : title);

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css',
  '.js': 'text/javascript',
  '.json': 'application/json',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.xml': 'application/xml',
};

/**
 * Serves the built folder as the static host would: under the site's path (`/guild/`), and at
 * the root too, since the fixture is built without `base` and its pages link root-relative.
 */
function serve(folder: string, prefix: string): Promise<Server> {
  const server = createServer((request, response) => {
    let url = decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname);
    if (url.startsWith(prefix)) url = `/${url.slice(prefix.length)}`;
    const file = path.join(folder, url.endsWith('/') ? `${url}index.html` : url);
    if (!file.startsWith(folder) || !existsSync(file)) {
      response.writeHead(404).end('not found');
      return;
    }
    const type = TYPES[path.extname(file)] ?? 'application/octet-stream';
    response.writeHead(200, { 'content-type': type }).end(readFileSync(file));
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

const earner = listFiles(out).find((file) => /^earners\/[^/]+\/index\.html$/.test(file));
const PAGES = [
  '',
  'issuers/fixture-guild/',
  'achievements/first-patch/',
  'credentials/2026/zoe-first-patch/',
  ...(earner ? [earner.slice(0, -'index.html'.length)] : []),
  ...(existsSync(path.join(out, 'verify/index.html')) ? ['verify/'] : []),
];

interface AxeViolation {
  id: string;
  impact?: string | null;
  nodes: { target: unknown[] }[];
}

describe.skipIf(SKIP !== undefined)('accessibility in headless Chromium', () => {
  let browser: Browser;
  let server: Server;
  let origin: string;
  const prefix = new URL(site).pathname;

  beforeAll(async () => {
    server = await serve(out, prefix);
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
  });

  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => server?.close(resolve));
  });

  it(titled('has no serious or critical axe violations'), async () => {
    // axe is injected as a script, which the pages' own CSP would refuse.
    const context = await browser.newContext({ bypassCSP: true });
    const found: string[] = [];
    for (const page of PAGES) {
      const tab = await context.newPage();
      const response = await tab.goto(`${origin}${prefix}${page}`);
      expect(response?.status(), page).toBe(200);
      await tab.addScriptTag({ content: AXE ?? '' });
      const violations = (await tab.evaluate(async () => {
        const axe = (globalThis as unknown as { axe: { run(): Promise<unknown> } }).axe;
        return ((await axe.run()) as { violations: unknown }).violations;
      })) as AxeViolation[];
      for (const violation of violations) {
        if (violation.impact !== 'serious' && violation.impact !== 'critical') continue;
        const targets = violation.nodes.map((node) => JSON.stringify(node.target)).join(', ');
        found.push(`${page || 'index'}: ${violation.id} (${violation.impact}) at ${targets}`);
      }
      await tab.close();
    }
    await context.close();
    expect(found).toEqual([]);
    expect(PAGES.length).toBeGreaterThanOrEqual(5);
  });

  it(
    titled('works without JavaScript: sharing, embeds and earner pages are plain HTML'),
    async () => {
      const context = await browser.newContext({ javaScriptEnabled: false });
      const tab = await context.newPage();
      await tab.goto(`${origin}${prefix}credentials/2026/zoe-first-patch/`);
      await expect.poll(() => tab.locator('h1').textContent()).toBe('First Patch');
      expect(await tab.getByRole('link', { name: 'Add to LinkedIn' }).count()).toBe(1);
      const snippets = tab.locator('textarea[readonly]');
      expect(await snippets.count()).toBe(2);
      expect(await tab.getByLabel('Markdown').inputValue()).toContain('](https://');
      await tab.getByRole('link', { name: /^All badges of / }).click();
      expect(await tab.locator('.card img[alt]').count()).toBeGreaterThan(0);
      await context.close();
    },
  );
});
