/**
 * Helpers for finding a public key in the documents issuers publish: DID documents, controller
 * documents, bare key documents, JWKs and JWK sets. Browser-safe.
 */
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import { base64url, calculateJwkThumbprint, type JWK } from 'jose';
import { reasonOf } from './read-input.ts';
import type { FetchJson } from './types.ts';

export type Json = Record<string, unknown>;

/** A verification method as the Data Integrity suite loads it. */
export interface VerificationMethod {
  '@context'?: unknown;
  id: string;
  type: string;
  controller: string;
  publicKeyMultibase?: string;
  publicKeyJwk?: JWK;
}

export type Fetched = { ok: true; document: Json } | { ok: false; message: string };

/** Fetches a JSON object through the injected fetcher; a failure is a sentence. */
export async function fetchDocument(
  url: string,
  fetchJson: FetchJson | undefined,
): Promise<Fetched> {
  if (fetchJson === undefined) return { ok: false, message: `nothing here can fetch ${url}` };
  try {
    const document = await fetchJson(url);
    if (!isObject(document)) return { ok: false, message: `${url} is not a JSON object` };
    return { ok: true, document };
  } catch (error) {
    return {
      ok: false,
      message: `${url} could not be fetched (${reasonOf(error).replace(/\.$/, '')})`,
    };
  }
}

/** Every key node of a controller document: `verificationMethod` and embedded assertion keys. */
export function keyNodes(document: Json): Json[] {
  const nodes = [document.verificationMethod, document.assertionMethod]
    .flatMap((value) => (value === undefined ? [] : [value].flat()))
    .filter(isObject);
  if (typeof document.publicKeyMultibase === 'string' || isObject(document.publicKeyJwk)) {
    nodes.push(document);
  }
  return nodes;
}

/** The key node whose id, made absolute against the document's id, is `id`. */
export function findKeyNode(document: Json, id: string): Json | undefined {
  return keyNodes(document).find((node) => absoluteId(node.id, document) === id);
}

/** Whether the document lists `id` under `assertionMethod` (by reference or embedded). */
export function isAssertionMethod(document: Json, id: string): boolean {
  const listed = document.assertionMethod === undefined ? [] : [document.assertionMethod].flat();
  return listed.some((entry) => absoluteId(isObject(entry) ? entry.id : entry, document) === id);
}

/** The keys a controller document lists for assertions, as JWKs where they can be read. */
export async function assertionJwks(document: Json): Promise<JWK[]> {
  const found: JWK[] = [];
  for (const node of keyNodes(document)) {
    const id = absoluteId(node.id, document);
    if (
      id !== undefined &&
      document.assertionMethod !== undefined &&
      !isAssertionMethod(document, id)
    ) {
      continue;
    }
    const jwk = await nodeJwk(node);
    if (jwk) found.push(jwk);
  }
  return found;
}

/** A key node's public key as a JWK: its `publicKeyJwk`, or its Ed25519 multibase converted. */
export async function nodeJwk(node: Json): Promise<JWK | undefined> {
  if (isObject(node.publicKeyJwk)) return node.publicKeyJwk as JWK;
  if (typeof node.publicKeyMultibase === 'string') return multibaseToJwk(node.publicKeyMultibase);
  return undefined;
}

/** An Ed25519 multikey (`z6Mk…`) as an OKP JWK, or undefined when it is not one. */
export async function multibaseToJwk(publicKeyMultibase: string): Promise<JWK | undefined> {
  const key = await ed25519Key(publicKeyMultibase);
  return key && { kty: 'OKP', crv: 'Ed25519', x: base64url.encode(key.publicKey) };
}

/** Decodes an Ed25519 multikey; undefined when the text is not one. */
export async function ed25519Key(publicKeyMultibase: string) {
  try {
    const key = await Ed25519Multikey.from({ publicKeyMultibase });
    return key.publicKey.length === 32 ? key : undefined;
  } catch {
    return undefined;
  }
}

/** Whether two JWKs are the same public key (RFC 7638 thumbprints agree). */
export async function sameJwk(a: JWK, b: JWK): Promise<boolean> {
  try {
    return (await calculateJwkThumbprint(a)) === (await calculateJwkThumbprint(b));
  } catch {
    return false;
  }
}

/** Resolves a relative id (`#key-1`) against the document's id. */
export function absoluteId(id: unknown, document: Json): string | undefined {
  if (typeof id !== 'string') return undefined;
  if (id.startsWith('#') && typeof document.id === 'string') return `${document.id}${id}`;
  return id;
}

export function isObject(value: unknown): value is Json {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
