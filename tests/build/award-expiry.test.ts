/**
 * Whether an award has expired is decided in the viewer's browser, not frozen at build time:
 * the same built page reads "valid until" today and "expired" once its validUntil is past.
 */
import { existsSync } from 'node:fs';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type StaticSite, serveBuiltSite } from '../support/static-server.ts';

const CHROMIUM = '/usr/bin/chromium';
const HAS_CHROMIUM = existsSync(CHROMIUM);
const { out, site } = inject('builtSite');
const PAGE = 'credentials/2026/did-holder-reviewer/';

describe.skipIf(!HAS_CHROMIUM)(
  HAS_CHROMIUM
    ? 'an award page with validUntil 2030-02-01'
    : `award expiry (skipped: no ${CHROMIUM})`,
  () => {
    let served: StaticSite;
    let browser: Browser;

    beforeAll(async () => {
      served = await serveBuiltSite(out, site);
      browser = await chromium.launch({
        executablePath: CHROMIUM,
        args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
      });
    });

    afterAll(async () => {
      await browser?.close();
      served?.close();
    });

    async function statusAt(time: string | undefined): Promise<string | null> {
      const page = await browser.newPage();
      if (time) await page.clock.setFixedTime(new Date(time));
      await page.goto(`${served.home}${PAGE}`);
      await page.waitForLoadState('networkidle');
      const text = await page.locator('[data-laurel-status]').textContent();
      await page.close();
      return text?.trim() ?? null;
    }

    it('says valid until that date while it is in the future', async () => {
      expect(await statusAt('2029-12-31T12:00:00Z')).toBe('Valid until 2030-02-01');
    });

    it('says expired once the viewer’s clock is past it', async () => {
      expect(await statusAt('2030-02-02T00:00:00Z')).toBe('Expired on 2030-02-01');
    });

    it('says not yet valid before its validFrom', async () => {
      expect(await statusAt('2020-01-01T00:00:00Z')).toMatch(/^Not valid before 2026-/);
    });
  },
);
