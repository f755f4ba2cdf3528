/**
 * The verify page in a real browser: headless Chromium (playwright-core) opens the built fixture
 * site from a tiny local server, verifies each award by `?url=` and by uploading its baked PNG
 * and SVG, and shows a tampered credential as forged, all without a Content-Security-Policy
 * error. The site's ids say https://badges.example.org/guild/; the page reads those URLs from
 * the origin it is served from, so nothing leaves 127.0.0.1.
 */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { credentialFiles, readJson } from '../support/built-site.ts';
import { HAS_SHARED, SHARED } from '../support/paths.ts';
import { type StaticSite, serveBuiltSite } from '../support/static-server.ts';

const CHROMIUM = '/usr/bin/chromium';
const SCHEMA_URL =
  'https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_achievementcredential_schema.json';
const SCHEMA_FILE =
  'ob3/schema/ob_v3p0/purl-json-ld-adaptation/ob_v3p0_achievementcredential_schema.json';
const HAS_CHROMIUM = existsSync(CHROMIUM);
const { out, site } = inject('builtSite');

describe.skipIf(!HAS_CHROMIUM)(
  HAS_CHROMIUM
    ? 'the verify page in Chromium'
    : `the verify page (skipped: ${CHROMIUM} is missing)`,
  () => {
    let served: StaticSite;
    let browser: Browser;
    let origin = '';
    let home = '';
    const problems: string[] = [];
    const elsewhere: string[] = [];

    beforeAll(async () => {
      served = await serveBuiltSite(out, site);
      origin = served.origin;
      home = served.home;
      browser = await chromium.launch({
        executablePath: CHROMIUM,
        args: [
          '--headless',
          '--no-sandbox',
          '--disable-gpu',
          '--disable-background-networking',
          '--disable-component-update',
          '--no-first-run',
          '--disable-sync',
        ],
      });
    });

    afterAll(async () => {
      await browser?.close();
      served?.close();
    });

    async function open(query = ''): Promise<Page> {
      const page = await browser.newPage();
      // The OB 3.0 JSON Schema that credentials cite is answered from ../shared, as its host
      // would answer it (or with a 404 when ../shared is absent): nothing leaves 127.0.0.1.
      await page.route(SCHEMA_URL, (route) =>
        HAS_SHARED
          ? route.fulfill({
              contentType: 'application/json',
              headers: { 'access-control-allow-origin': '*' },
              body: readFileSync(path.join(SHARED, SCHEMA_FILE), 'utf8'),
            })
          : route.fulfill({ status: 404, body: 'not found' }),
      );
      page.on('console', (message) => {
        // The one expected 404 is the browser asking for /favicon.ico.
        if (message.type() === 'error' && !/favicon|404 \(Not Found\)/.test(message.text())) {
          problems.push(message.text());
        }
        if (/Content.Security.Policy/i.test(message.text())) problems.push(message.text());
      });
      page.on('pageerror', (error) => problems.push(error.message));
      page.on('request', (request) => {
        const url = request.url();
        const local = [origin, 'blob:', 'data:', SCHEMA_URL].some((start) => url.startsWith(start));
        if (!local) elsewhere.push(url);
      });
      await page.goto(`${home}verify/${query}`);
      return page;
    }

    async function verdictOf(page: Page): Promise<{
      verdict: string | null;
      label: string | null;
      checks: Record<string, string | null>;
    }> {
      await page.locator('#verify-result:not([hidden])').waitFor({ timeout: 30_000 });
      await page.locator('#verify-submit:not([disabled])').waitFor();
      const checks: Record<string, string | null> = {};
      for (const item of await page.locator('#verify-checks li').all()) {
        checks[(await item.getAttribute('data-step')) ?? '?'] =
          await item.getAttribute('data-status');
      }
      return {
        verdict: await page.locator('#verify-result').getAttribute('data-verdict'),
        label: await page.locator('#verify-verdict').textContent(),
        checks,
      };
    }

    it('verifies every award opened as verify/?url=<credential id>', async () => {
      const files = credentialFiles(out);
      expect(files.length).toBeGreaterThan(0);
      for (const file of files) {
        const id = String(readJson(out, file).id);
        expect(id.startsWith(site)).toBe(true);
        const page = await open(`?url=${encodeURIComponent(id)}`);
        const shown = await verdictOf(page);
        expect(shown.verdict, file).toBe('verified');
        expect(shown.label).toBe('Verified');
        expect(Object.keys(shown.checks)).toHaveLength(10);
        for (const step of [
          'parsed',
          'structure',
          'json-ld',
          'proof',
          'issuer-key',
          'valid-from',
          'expiry',
          'status',
        ]) {
          expect(shown.checks[step], `${file} ${step}`).toBe('passed');
        }
        // Validated in the page, without eval; unknown (never passed) when the schema is missing.
        expect(shown.checks.schema).toBe(HAS_SHARED ? 'passed' : 'unknown');
        await page.close();
      }
    });

    it('verifies an uploaded baked PNG and SVG and shows them only as images', async () => {
      for (const file of [
        'credentials/2026/zoe-first-patch.png',
        'credentials/2026/zoe-first-patch.svg',
      ]) {
        const page = await open();
        await page.setInputFiles('#verify-file', path.join(out, file));
        const shown = await verdictOf(page);
        expect(shown.verdict, file).toBe('verified');
        expect(await page.locator('#verify-image').getAttribute('src')).toMatch(/^blob:/);
        expect(await page.locator('svg').count()).toBe(0);
        expect(await page.locator('#verify-summary').textContent()).toContain(
          'Zoë "Zed" O\'Brien <&> Friends',
        );
        await page.close();
      }
    });

    it('shows a tampered credential as forged', async () => {
      const credential = readJson(out, 'credentials/2026/zoe-first-patch.json');
      credential.name = 'Grand Master <script>alert(1)</script>';
      const file = path.join(mkdtempSync(path.join(tmpdir(), 'laurel-page-')), 'tampered.json');
      writeFileSync(file, JSON.stringify(credential));
      const page = await open();
      await page.setInputFiles('#verify-file', file);
      const shown = await verdictOf(page);
      expect(shown.verdict).toBe('invalid');
      expect(shown.label).toBe('Not verified: forged or altered');
      expect(shown.checks.proof).toBe('failed');
      expect(await page.locator('#verify-reason').textContent()).toMatch(
        /changed after it was signed/,
      );
      await page.close();
    });

    it('checks the recipient e-mail typed into the page', async () => {
      const page = await open();
      await page.fill('#verify-email', 'nobody@example.org');
      await page.setInputFiles(
        '#verify-file',
        path.join(out, 'credentials/2026/hashed-first-patch.jwt'),
      );
      const shown = await verdictOf(page);
      expect(shown.checks.recipient).toBe('failed');
      expect(shown.verdict).toBe('invalid');
      await page.close();
    });

    it('raised no console error, CSP violation or request to another origin', () => {
      expect(problems).toEqual([]);
      expect(elsewhere).toEqual([]);
    });
  },
);
