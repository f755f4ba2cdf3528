/**
 * Reads a compact JWS without checking it, so the other steps (structure, schema, dates, status)
 * can look at the credential inside while the proof step checks the signature.
 */

/** The registered JWT claims; they wrap the credential and are not part of it. */
const JWT_CLAIMS = ['iss', 'sub', 'aud', 'jti', 'nbf', 'exp', 'iat'];

export type DecodedJwt =
  | {
      ok: true;
      header: Record<string, unknown>;
      payload: Record<string, unknown>;
      /** The credential: the `vc` claim (VC 1.1 style) or the payload less the JWT claims. */
      credential: Record<string, unknown>;
    }
  | { ok: false; message: string };

/** Splits and decodes a compact JWS; any malformed part is a sentence, never an exception. */
export function decodeJwt(jws: string): DecodedJwt {
  const parts = jws.trim().split('.');
  if (parts.length !== 3) {
    return {
      ok: false,
      message: `A compact JWS has three parts separated by dots; this one has ${parts.length}.`,
    };
  }
  const [headerPart = '', payloadPart = ''] = parts;
  const header = decodePart(headerPart);
  if (header === undefined) return { ok: false, message: 'The JWS header is not base64url JSON.' };
  const payload = decodePart(payloadPart);
  if (payload === undefined) {
    return { ok: false, message: 'The JWS payload is not a base64url JSON object.' };
  }
  const vc = payload.vc;
  if (vc !== null && typeof vc === 'object' && !Array.isArray(vc)) {
    return { ok: true, header, payload, credential: vc as Record<string, unknown> };
  }
  const credential = Object.fromEntries(
    Object.entries(payload).filter(([key]) => !JWT_CLAIMS.includes(key)),
  );
  return { ok: true, header, payload, credential };
}

function decodePart(part: string): Record<string, unknown> | undefined {
  if (!/^[A-Za-z0-9_-]+$/.test(part)) return undefined;
  try {
    const binary = atob(part.replaceAll('-', '+').replaceAll('_', '/'));
    const bytes = Uint8Array.from(binary, (character) => character.charCodeAt(0));
    const value: unknown = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
    return value !== null && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}
