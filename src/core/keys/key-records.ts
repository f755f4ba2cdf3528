/**
 * The shapes of an issuer's keys as Laurel stores them. Each issuer has one Ed25519
 * key (Multikey, for the Data Integrity proof) and one RSA key (JWK, for the
 * VC-JWT) in use at a time; after a rotation the old ones stay, marked `retired`,
 * so credentials they signed still verify.
 *
 * On disk, under `keys/<issuer-slug>/`:
 * - `<key name>.public.json`: a PublicKeyRecord, committed;
 * - `<key name>.private.json`: a PrivateKeyRecord, git-ignored;
 * - `development.private.json`: a DevelopmentKeyFile, git-ignored, made by
 *   development builds.
 */
import { z } from 'zod';

export type KeyStatus = 'active' | 'retired';

/** The public half of the Ed25519 key, published as a Multikey verification method. */
export interface Ed25519PublicKey {
  name: string;
  type: 'Multikey';
  algorithm: 'Ed25519';
  status: KeyStatus;
  /** Day the key was made, `YYYY-MM-DD`. */
  created: string;
  /** Day the key was retired, `YYYY-MM-DD`, once it is. */
  retired?: string | undefined;
  publicKeyMultibase: string;
}

export interface RsaPublicJwk {
  kty: 'RSA';
  n: string;
  e: string;
}

/** The public half of the RSA key, published as a bare JWK, in the JWKS and in the DID document. */
export interface RsaPublicKey {
  name: string;
  type: 'JsonWebKey';
  algorithm: 'RS256';
  status: KeyStatus;
  created: string;
  retired?: string | undefined;
  publicKeyJwk: RsaPublicJwk;
}

export type PublicKeyRecord = Ed25519PublicKey | RsaPublicKey;

export interface Ed25519PrivateKey {
  name: string;
  type: 'Multikey';
  algorithm: 'Ed25519';
  publicKeyMultibase: string;
  secretKeyMultibase: string;
}

/** An RSA private key as a JWK with all its members (`n`, `e`, `d`, `p`, `q`, `dp`, `dq`, `qi`). */
export interface RsaPrivateJwk extends RsaPublicJwk {
  d: string;
  p: string;
  q: string;
  dp: string;
  dq: string;
  qi: string;
}

export interface RsaPrivateKey {
  name: string;
  type: 'JsonWebKey';
  algorithm: 'RS256';
  privateKeyJwk: RsaPrivateJwk;
}

export type PrivateKeyRecord = Ed25519PrivateKey | RsaPrivateKey;

/** A freshly made pair of keys for one issuer: public and private halves, Ed25519 first. */
export interface KeySet {
  issuerSlug: string;
  publicKeys: [Ed25519PublicKey, RsaPublicKey];
  privateKeys: [Ed25519PrivateKey, RsaPrivateKey];
}

/** A development key set kept in one ignored file, so nothing of it can be committed by mistake. */
export interface DevelopmentKeyFile {
  development: true;
  publicKeys: PublicKeyRecord[];
  privateKeys: PrivateKeyRecord[];
}

const keyName = z.string().regex(/^[a-z0-9][a-z0-9._-]*$/, 'lowercase letters, digits, . _ -');
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date written YYYY-MM-DD');
const base64url = z.string().regex(/^[A-Za-z0-9_-]+$/, 'base64url');
const status = z.enum(['active', 'retired']);

const rsaPublicJwk = z.object({ kty: z.literal('RSA'), n: base64url, e: base64url });

export const publicKeyRecordSchema = z.discriminatedUnion('type', [
  z.strictObject({
    name: keyName,
    type: z.literal('Multikey'),
    algorithm: z.literal('Ed25519'),
    status,
    created: day,
    retired: day.optional(),
    publicKeyMultibase: z.string().startsWith('z6Mk'),
  }),
  z.strictObject({
    name: keyName,
    type: z.literal('JsonWebKey'),
    algorithm: z.literal('RS256'),
    status,
    created: day,
    retired: day.optional(),
    // Public members only: a `d` here would be a private key in a committed file.
    publicKeyJwk: rsaPublicJwk.strict(),
  }),
]);

export const privateKeyRecordSchema = z.discriminatedUnion('type', [
  z.strictObject({
    name: keyName,
    type: z.literal('Multikey'),
    algorithm: z.literal('Ed25519'),
    publicKeyMultibase: z.string().startsWith('z6Mk'),
    secretKeyMultibase: z.string().startsWith('z'),
  }),
  z.strictObject({
    name: keyName,
    type: z.literal('JsonWebKey'),
    algorithm: z.literal('RS256'),
    privateKeyJwk: rsaPublicJwk.extend({
      d: base64url,
      p: base64url,
      q: base64url,
      dp: base64url,
      dq: base64url,
      qi: base64url,
    }),
  }),
]);

export const developmentKeyFileSchema = z.object({
  development: z.literal(true),
  publicKeys: z.array(publicKeyRecordSchema),
  privateKeys: z.array(privateKeyRecordSchema),
});

/** One line per zod issue, `field: problem`, for a LaurelError message. */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => `${issue.path.length ? issue.path.join('.') : '(root)'}: ${issue.message}`)
    .join('; ');
}
