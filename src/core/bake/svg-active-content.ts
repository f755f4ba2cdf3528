/**
 * Badge artwork comes from contributors' pull requests and is published on the site's own origin,
 * where an SVG opened directly runs its scripts. Artwork must therefore be a self-contained
 * picture: no scripts, event handlers, embedded HTML or media, and no references to other files
 * or sites (which could also track everyone who looks at a badge). Browser-safe.
 */
import type { Element, Node } from '@xmldom/xmldom';

const ACTIVE_ELEMENTS = new Set([
  'script',
  'iframe',
  'object',
  'embed',
  'audio',
  'video',
  'handler',
  'listener',
]);

/** Fragment references and embedded raster images are all a self-contained picture needs. */
const SAFE_REFERENCE = /^\s*(?:#|data:image\/(?:png|jpeg|gif|webp)[;,])/i;
const CSS_URL = /url\(\s*(['"]?)([^'")]*)\1\s*\)|@import/gi;

/** The first thing in the artwork that makes it more than a picture, described; or undefined. */
export function findActiveContent(root: Element): string | undefined {
  const pending: Node[] = [root];
  while (pending.length > 0) {
    const node = pending.pop() as Node;
    if (node.nodeType !== 1) continue;
    const element = node as Element;
    const name = (element.localName ?? element.tagName).toLowerCase();
    if (ACTIVE_ELEMENTS.has(name)) return `a <${element.tagName}> element`;
    // Design tools keep private data in <foreignObject> (Illustrator does); HTML is the danger.
    if (name === 'foreignobject' && holdsHtml(element)) {
      return `HTML inside <${element.tagName}>`;
    }
    for (const attribute of Array.from(element.attributes)) {
      const attributeName = (attribute.localName ?? attribute.name).toLowerCase();
      if (attributeName.startsWith('on')) {
        return `an event handler (${attribute.name}) on <${element.tagName}>`;
      }
      if (
        (attributeName === 'href' || attributeName === 'src') &&
        !SAFE_REFERENCE.test(attribute.value)
      ) {
        return `a link to "${attribute.value.slice(0, 60)}" on <${element.tagName}>`;
      }
      if (attributeName === 'style' && unsafeCss(attribute.value)) {
        return `a style that loads "${unsafeCss(attribute.value)}" on <${element.tagName}>`;
      }
    }
    if (name === 'style' && unsafeCss(element.textContent ?? '')) {
      return `a <style> that loads "${unsafeCss(element.textContent ?? '')}"`;
    }
    for (const child of Array.from(element.childNodes)) pending.push(child);
  }
  return undefined;
}

const XHTML = 'http://www.w3.org/1999/xhtml';

function holdsHtml(element: Element): boolean {
  return Array.from(element.getElementsByTagName('*')).some(
    (child) => child.namespaceURI === XHTML,
  );
}

function unsafeCss(css: string): string | undefined {
  for (const match of css.matchAll(CSS_URL)) {
    const target = match[2];
    if (target === undefined) return '@import';
    if (!SAFE_REFERENCE.test(target)) return target.slice(0, 60);
  }
  return undefined;
}
