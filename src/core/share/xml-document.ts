/**
 * Small helpers for writing XML (preview SVGs, the sitemap, the Atom feed) through xmldom's DOM,
 * so names and titles from contributed content are escaped by the serializer and can never
 * break out of an attribute or element. Browser-safe.
 */
import { DOMImplementation, type Document, type Element, XMLSerializer } from '@xmldom/xmldom';
import { FORBIDDEN_XML_CHARACTER } from '../bake/xml-character-check.ts';

const FORBIDDEN_GLOBAL = new RegExp(FORBIDDEN_XML_CHARACTER.source, 'gu');

/** A new document whose root element is `name` in `namespace`. */
export function createXmlDocument(namespace: string, name: string): Document {
  return new DOMImplementation().createDocument(namespace, name, null);
}

/**
 * Appends an element in its parent's namespace, with attributes (undefined ones skipped) and
 * optional text content, and returns it.
 */
export function appendElement(
  parent: Element,
  name: string,
  attributes: Record<string, string | number | undefined> = {},
  text?: string,
): Element {
  const document = parent.ownerDocument;
  if (!document) throw new Error('appendElement needs an element that belongs to a document');
  const element = document.createElementNS(parent.namespaceURI, name);
  for (const [key, value] of Object.entries(attributes)) {
    if (value !== undefined) element.setAttribute(key, xmlText(String(value)));
  }
  if (text !== undefined) element.appendChild(document.createTextNode(xmlText(text)));
  parent.appendChild(element);
  return element;
}

/** Serialises a document with an XML declaration and a final newline. */
export function serializeXml(document: Document): string {
  const body = new XMLSerializer().serializeToString(document);
  return `<?xml version="1.0" encoding="UTF-8"?>\n${body}\n`;
}

/** Drops the characters XML 1.0 cannot hold at all (control characters, lone surrogates). */
export function xmlText(text: string): string {
  return text.replace(FORBIDDEN_GLOBAL, '');
}
