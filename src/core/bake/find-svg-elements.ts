/**
 * Finds elements by namespace and local name, the way Open Badges readers match
 * `{https://purl.imsglobal.org/ob/v3p0}credential` whatever its prefix.
 * Browser-safe.
 */
import type { Element, Node } from '@xmldom/xmldom';

const ELEMENT_NODE = 1;

/**
 * All elements under `root` (itself included) with the given namespace and local
 * name, in document order. Iterative rather than recursive, so that deeply nested
 * (or hostile) SVG cannot overflow the stack.
 */
export function findElements(root: Element, namespace: string, localName: string): Element[] {
  const found: Element[] = [];
  const stack: Node[] = [root];
  for (let node = stack.pop(); node; node = stack.pop()) {
    if (node.nodeType !== ELEMENT_NODE) continue;
    const element = node as Element;
    if (element.namespaceURI === namespace && element.localName === localName) found.push(element);
    for (let child = element.lastChild; child; child = child.previousSibling) stack.push(child);
  }
  return found;
}
