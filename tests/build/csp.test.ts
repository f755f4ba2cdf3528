import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { listFiles } from '../support/built-site.ts';
import { attribute, type Element, elementsOf } from '../support/html.ts';

/**
 * Every page ships a Content-Security-Policy (a `<meta http-equiv>` in Layout.astro) that lets
 * only the site's own script files run, so nothing that slips through from contributed Markdown
 * can, and the pages themselves need no inline script.
 */
const { out } = inject('builtSite');
const pages = listFiles(out)
  .filter((file) => file.endsWith('.html'))
  .map((file) => ({ file, elements: elementsOf(readFileSync(path.join(out, file), 'utf8')) }));

/** The policy's directives: name → its source list. */
function directives(policy: string): Map<string, string[]> {
  return new Map(
    policy
      .split(';')
      .map((part) => part.trim().split(/\s+/))
      .filter(([name]) => name)
      .map(([name = '', ...sources]) => [name.toLowerCase(), sources]),
  );
}

const isCsp = (element: Element) =>
  element.tagName === 'meta' &&
  attribute(element, 'http-equiv')?.toLowerCase() === 'content-security-policy';

describe('Content-Security-Policy', () => {
  it('covers a site with pages', () => {
    expect(pages.map((page) => page.file)).toContain('index.html');
  });

  it.each(pages)('$file has one policy, in <head>, before any script', ({ elements }) => {
    const policies = elements.filter(isCsp);
    expect(policies).toHaveLength(1);
    const [meta] = policies as [Element];
    expect((meta.parentNode as Element | null)?.tagName).toBe('head');
    const first = elements.findIndex((element) => ['script', 'link'].includes(element.tagName));
    if (first >= 0) expect(elements.indexOf(meta)).toBeLessThan(first);
  });

  it.each(pages)("$file allows scripts from 'self' only, none inline", ({ elements }) => {
    const policy = directives(attribute(elements.find(isCsp) as Element, 'content') ?? '');
    const scripts = policy.get('script-src');
    expect(scripts).toContain("'self'");
    for (const forbidden of ["'unsafe-inline'", "'unsafe-eval'", "'unsafe-hashes'", '*', 'data:']) {
      expect(scripts).not.toContain(forbidden);
    }
    expect(scripts?.some((source) => /^'(nonce|sha\d+)-/.test(source))).toBe(false);
    expect(policy.get('object-src')).toEqual(["'none'"]);
    expect(policy.get('base-uri')).toEqual(["'none'"]);
  });

  it.each(pages)('$file has no inline <script> (Astro inlined none)', ({ elements }) => {
    const inline = elements.filter(
      (element) =>
        element.tagName === 'script' &&
        (attribute(element, 'src') === undefined || element.childNodes.length > 0),
    );
    expect(inline.map((element) => element.attrs)).toEqual([]);
  });
});
