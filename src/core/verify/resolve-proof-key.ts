/**
 * Finds the key a Data Integrity proof names in `verificationMethod` and decides whether it is
 * the issuer's (REQUIREMENTS 2.2): a did:web key must be in the issuer's DID document under
 * `assertionMethod`; an https key document must name the issuer as its controller; a did:key is
 * the issuer's only when the issuer is that DID. The `<issuer id>#<multibase key>` form, which
 * Open Badges allows and which needs no fetch, is accepted with a warning unless the issuer's own
 * document lists the key too: by itself it proves only that the key signed.
 */
import { didWebToDocumentUrl } from '../did-web.ts';
import {
  ed25519Key,
  fetchDocument,
  findKeyNode,
  isAssertionMethod,
  isObject,
  type Json,
  keyNodes,
  type VerificationMethod,
} from './key-documents.ts';
import type { FetchJson, StepStatus } from './types.ts';

const MULTIKEY_CONTEXT = 'https://w3id.org/security/multikey/v1';

export interface KeyResolution {
  /** The issuer-key step's verdict on who owns the key. */
  status: StepStatus;
  message: string;
  /** The key to check the signature with; absent when it could not be found. */
  method?: VerificationMethod;
}

/** Resolves `verificationMethod` and checks that the key belongs to `issuerId`. */
export async function resolveProofKey(
  verificationMethod: unknown,
  issuerId: string | undefined,
  fetchJson: FetchJson | undefined,
): Promise<KeyResolution> {
  if (typeof verificationMethod !== 'string' || verificationMethod === '') {
    return failed('The proof has no "verificationMethod" naming its key.');
  }
  const id = verificationMethod;
  if (id.startsWith('did:web:')) return resolveDidWebKey(id, issuerId, fetchJson);
  if (id.startsWith('did:key:')) return resolveDidKey(id, issuerId);
  if (id.startsWith('did:')) {
    const method = id.split(':', 2).join(':');
    return {
      status: 'unknown',
      message: `Keys of the DID method ${method} cannot be resolved here.`,
    };
  }
  if (/^https?:\/\//.test(id) && URL.canParse(id)) return resolveHttpsKey(id, issuerId, fetchJson);
  return failed(
    `The verificationMethod "${id.slice(0, 200)}" is neither a DID nor an https URL, ` +
      'so no one can look its key up.',
  );
}

/** Resolves a did:web DID URL to its key node, checking the document lists it for assertions. */
export async function resolveDidWebKey(
  id: string,
  issuerId: string | undefined,
  fetchJson: FetchJson | undefined,
): Promise<KeyResolution> {
  const did = id.split('#')[0] ?? id;
  let url: string;
  try {
    url = didWebToDocumentUrl(did);
  } catch {
    return failed(`"${id.slice(0, 200)}" is not a valid did:web DID URL.`);
  }
  const fetched = await fetchDocument(url, fetchJson);
  if (!fetched.ok) {
    return {
      status: 'unknown',
      message: `The DID document of ${did} is unavailable: ${fetched.message}.`,
    };
  }
  const document = fetched.document;
  if (document.id !== did) {
    return failed(`The DID document at ${url} is for ${String(document.id)}, not ${did}.`);
  }
  const node = findKeyNode(document, id);
  if (node === undefined) return failed(`The DID document of ${did} has no key ${id}.`);
  if (!isAssertionMethod(document, id)) {
    return failed(`The DID document of ${did} lists ${id}, but not under assertionMethod.`);
  }
  const controller = typeof node.controller === 'string' ? node.controller : did;
  if (controller !== did)
    return failed(`The key ${id} is controlled by ${controller}, not ${did}.`);
  const method = toMethod(node, id, controller);
  if (issuerId !== did) {
    return {
      ...failed(`The key belongs to ${did}, but the issuer is ${issuerId ?? 'missing'}.`),
      method,
    };
  }
  return {
    status: 'passed',
    message: `The key ${id} is listed for assertions in the issuer's DID document.`,
    method,
  };
}

async function resolveDidKey(id: string, issuerId: string | undefined): Promise<KeyResolution> {
  const [did = id, fragment] = id.split('#');
  const multibase = did.slice('did:key:'.length);
  if ((fragment !== undefined && fragment !== multibase) || !(await ed25519Key(multibase))) {
    return failed(`"${id.slice(0, 200)}" is not an Ed25519 did:key.`);
  }
  const method = toMethod({ publicKeyMultibase: multibase }, id, did);
  if (issuerId === did) {
    return { status: 'passed', message: `The issuer is ${did}, the key itself.`, method };
  }
  if (issuerId === undefined || /^urn:/i.test(issuerId)) {
    return {
      status: 'warning',
      message:
        `It is signed with ${did}. The issuer's id (${issuerId ?? 'missing'}) cannot be looked ` +
        'up, so nothing outside the credential ties this key to the issuer.',
      method,
    };
  }
  return { ...failed(`It is signed with ${did}, which is not the issuer (${issuerId}).`), method };
}

async function resolveHttpsKey(
  id: string,
  issuerId: string | undefined,
  fetchJson: FetchJson | undefined,
): Promise<KeyResolution> {
  const hash = id.indexOf('#');
  const base = hash < 0 ? id : id.slice(0, hash);
  const fragment = hash < 0 ? undefined : id.slice(hash + 1);
  if (base === issuerId && fragment?.startsWith('z')) {
    return resolveInlineKey(id, base, fragment, fetchJson);
  }
  const fetched = await fetchDocument(base, fetchJson);
  if (!fetched.ok) {
    return { status: 'unknown', message: `The key document is unavailable: ${fetched.message}.` };
  }
  const document = fetched.document;
  const node = hash < 0 || document.id === id ? keyNodeOf(document) : findKeyNode(document, id);
  if (node === undefined) return failed(`The document at ${base} has no key ${id}.`);
  if (
    node !== document &&
    document.assertionMethod !== undefined &&
    !isAssertionMethod(document, id)
  ) {
    return failed(`The document at ${base} lists ${id}, but not under assertionMethod.`);
  }
  const controller =
    typeof node.controller === 'string'
      ? node.controller
      : node !== document && typeof document.id === 'string'
        ? document.id
        : undefined;
  if (controller === undefined) return failed(`The key document at ${base} names no controller.`);
  const method = toMethod(node, id, controller);
  if (controller !== issuerId) {
    return {
      ...failed(
        `The key's controller is ${controller}, not the issuer (${issuerId ?? 'missing'}).`,
      ),
      method,
    };
  }
  return {
    status: 'passed',
    message: `The key is published at ${base}, controlled by the issuer.`,
    method,
  };
}

/** `<issuer id>#<multibase key>`: the key is in the URL; the issuer's document may confirm it. */
async function resolveInlineKey(
  id: string,
  issuerId: string,
  multibase: string,
  fetchJson: FetchJson | undefined,
): Promise<KeyResolution> {
  if (!(await ed25519Key(multibase))) {
    return failed(
      `The verificationMethod names "${multibase.slice(0, 80)}" as its key, but that is not an Ed25519 public key.`,
    );
  }
  const method = toMethod({ publicKeyMultibase: multibase }, id, issuerId);
  const fetched = await fetchDocument(issuerId, fetchJson);
  if (
    fetched.ok &&
    keyNodes(fetched.document).some((node) => node.publicKeyMultibase === multibase)
  ) {
    return {
      status: 'passed',
      message: `The key is listed in the issuer's profile at ${issuerId}.`,
      method,
    };
  }
  const why = fetched.ok ? `the issuer's profile at ${issuerId} does not list it` : fetched.message;
  return {
    status: 'warning',
    message:
      'The key is written into the verificationMethod itself (`<issuer id>#<key>`, which Open ' +
      `Badges allows), and ${why}; so nothing outside the credential ties the key to the issuer.`,
    method,
  };
}

function keyNodeOf(document: Json): Json | undefined {
  return typeof document.publicKeyMultibase === 'string' || isObject(document.publicKeyJwk)
    ? document
    : undefined;
}

function toMethod(node: Json, id: string, controller: string): VerificationMethod {
  const method: VerificationMethod = {
    '@context': MULTIKEY_CONTEXT,
    id,
    type: 'Multikey',
    controller,
  };
  if (typeof node.publicKeyMultibase === 'string')
    method.publicKeyMultibase = node.publicKeyMultibase;
  else if (isObject(node.publicKeyJwk)) {
    method.type = 'JsonWebKey';
    method.publicKeyJwk = node.publicKeyJwk;
  }
  return method;
}

function failed(message: string): KeyResolution {
  return { status: 'failed', message };
}
