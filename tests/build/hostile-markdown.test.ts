import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { DOMParser } from '@xmldom/xmldom';
import { beforeAll, describe, expect, it } from 'vitest';
import { listFiles } from '../support/built-site.ts';
import { attribute, type Element, elementsOf, textOf } from '../support/html.ts';
import { PROJECT_ROOT } from '../support/paths.ts';

/**
 * The hostile-Markdown corpus: a site whose every contributed field tries to get script into the
 * pages (see tests/fixtures/sites/hostile/README.md). Built once; every page is parsed as a
 * browser would parse it, and nothing in it may run.
 */
const SITE = 'https://badges.example.org/';
const WORK = path.join(PROJECT_ROOT, 'tests/.tmp/hostile');
const ROOT = path.join(WORK, 'site');
const OUT = path.join(WORK, 'dist');

/** Attributes a browser follows or loads as a URL. */
const URL_ATTRIBUTES = ['href', 'src', 'action', 'formaction', 'xlink:href', 'poster', 'data'];
const EMBEDDING = ['iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'base', 'portal'];

/** A URL as a browser reads its scheme: ASCII whitespace and control characters dropped. */
function withoutControls(url: string): string {
  return [...url].filter((char) => (char.codePointAt(0) ?? 0) > 0x20).join('');
}

function schemeOf(url: string): string | undefined {
  return /^([a-z][a-z0-9+.-]*):/i.exec(withoutControls(url))?.[1]?.toLowerCase();
}

let pages: { file: string; elements: Element[] }[] = [];

beforeAll(() => {
  rmSync(WORK, { recursive: true, force: true });
  mkdirSync(WORK, { recursive: true });
  cpSync(path.join(PROJECT_ROOT, 'tests/fixtures/sites/hostile'), ROOT, { recursive: true });
  const built = spawnSync(
    process.execPath,
    [path.join(PROJECT_ROOT, 'tests/support/build-site.ts'), ROOT, OUT, SITE],
    { cwd: PROJECT_ROOT, encoding: 'utf8' },
  );
  if (built.status !== 0) {
    throw new Error(`the hostile site did not build:\n${built.stdout}\n${built.stderr}`);
  }
  pages = listFiles(OUT)
    .filter((file) => file.endsWith('.html'))
    .map((file) => ({ file, elements: elementsOf(readFileSync(path.join(OUT, file), 'utf8')) }));
});

/** `file: <element attribute="value">` for each offending element, for readable failures. */
function offenders(match: (element: Element) => boolean): string[] {
  return pages.flatMap(({ file, elements }) =>
    elements
      .filter(match)
      .map(
        (element) =>
          `${file}: <${element.tagName} ${element.attrs.map((a) => `${a.name}="${a.value}"`).join(' ')}>`,
      ),
  );
}

describe('the hostile-Markdown corpus', () => {
  it('builds into pages for the issuer, the achievement and both awards', () => {
    const files = pages.map((page) => page.file);
    expect(files).toEqual(
      expect.arrayContaining([
        'index.html',
        'issuers/hostile-guild/index.html',
        'achievements/trap/index.html',
        'credentials/2026/mallory-trap/index.html',
        'credentials/2026/hashed-trap/index.html',
      ]),
    );
  });

  it('has no <script> but same-origin bundles with a src', () => {
    const origin = new URL(SITE).origin;
    expect(
      offenders((element) => {
        if (element.tagName !== 'script') return false;
        const src = attribute(element, 'src');
        if (src === undefined || element.childNodes.length > 0) return true;
        return new URL(src, SITE).origin !== origin || schemeOf(src) !== undefined;
      }),
    ).toEqual([]);
  });

  it('has no event-handler attribute anywhere', () => {
    expect(offenders((element) => element.attrs.some((a) => /^on/i.test(a.name)))).toEqual([]);
  });

  it('has no javascript:, vbscript: or data:text/html URL, and links only to http(s) and mailto', () => {
    expect(
      offenders((element) =>
        URL_ATTRIBUTES.some((name) => {
          const value = attribute(element, name);
          if (value === undefined) return false;
          const scheme = schemeOf(value);
          if (scheme === undefined) return false;
          if (element.tagName === 'img' && name === 'src')
            return (
              !['https', 'data'].includes(scheme) ||
              /^\s*data:(?!image\/(png|jpeg|gif|webp))/i.test(value)
            );
          return !['http', 'https', 'mailto'].includes(scheme);
        }),
      ),
    ).toEqual([]);
    expect(
      offenders((element) =>
        element.attrs.some((a) =>
          /^\s*(javascript|vbscript):|^\s*data:text\/html/i.test(withoutControls(a.value)),
        ),
      ),
    ).toEqual([]);
  });

  it('has no iframe, object, embed, base or refresh', () => {
    expect(offenders((element) => EMBEDDING.includes(element.tagName))).toEqual([]);
    expect(
      offenders(
        (element) =>
          element.tagName === 'meta' &&
          attribute(element, 'http-equiv')?.toLowerCase() === 'refresh',
      ),
    ).toEqual([]);
  });

  it('shows what contributors wrote as text, and keeps their safe links', () => {
    const page = (file: string) => pages.find((p) => p.file === file)?.elements ?? [];
    const heading = (file: string) => textOf(page(file).find((e) => e.tagName === 'h1') as Element);
    expect(heading('issuers/hostile-guild/index.html')).toBe(
      "Hostile <script>alert('issuer-name')</script> Guild",
    );
    expect(heading('achievements/trap/index.html')).toBe(
      "<img src=x onerror=alert('achievement-name')>",
    );
    const anchors = page('credentials/2026/mallory-trap/index.html').filter(
      (element) => element.tagName === 'a',
    );
    const links = anchors.map((element) => attribute(element, 'href'));
    expect(links).toEqual(
      expect.arrayContaining(['https://good.example.org/', 'https://ok.example.org']),
    );
    // The unsafe links of the corpus stay as text: an <a> whose href the sanitiser dropped.
    expect(links.filter((href) => href === undefined).length).toBeGreaterThanOrEqual(10);
  });

  it('publishes badge SVGs with no script, handler or foreign content', () => {
    const svgs = listFiles(OUT).filter((file) => file.endsWith('.svg'));
    expect(svgs.length).toBeGreaterThan(0);
    const problems = svgs.flatMap((file) => {
      const xml = readFileSync(path.join(OUT, file), 'utf8');
      const document = new DOMParser().parseFromString(xml, 'image/svg+xml');
      const all = [...document.getElementsByTagName('*')];
      return all.flatMap((element) => {
        const name = element.localName ?? element.nodeName;
        const bad =
          ['script', 'foreignObject', 'iframe', 'handler'].includes(name) ||
          [...element.attributes].some(
            (a) =>
              /^on/i.test(a.localName ?? a.name) ||
              /^\s*(javascript|data:text\/html)/i.test(a.value),
          );
        return bad ? [`${file}: <${name}>`] : [];
      });
    });
    expect(problems).toEqual([]);
  });
});
