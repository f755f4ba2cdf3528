import { type DefaultTreeAdapterMap, parse } from 'parse5';

export type Element = DefaultTreeAdapterMap['element'];

/**
 * Every element of an HTML page in document order, parsed the way a browser parses it (parse5
 * implements the WHATWG algorithm), `<template>` contents included. Text that merely looks like
 * a tag, inside an attribute or escaped, is not an element.
 */
export function elementsOf(html: string): Element[] {
  const found: Element[] = [];
  const visit = (node: { childNodes?: DefaultTreeAdapterMap['childNode'][] }) => {
    for (const child of node.childNodes ?? []) {
      if (!('tagName' in child)) continue;
      found.push(child);
      visit(child);
      if (child.tagName === 'template') visit((child as DefaultTreeAdapterMap['template']).content);
    }
  };
  visit(parse(html));
  return found;
}

export function attribute(element: Element, name: string): string | undefined {
  return element.attrs.find((attr) => attr.name === name)?.value;
}

/** The text of an element, as `textContent` gives it. */
export function textOf(element: Element): string {
  return element.childNodes
    .map((child) => {
      if ('value' in child && child.nodeName === '#text') return child.value;
      return 'tagName' in child ? textOf(child) : '';
    })
    .join('');
}
