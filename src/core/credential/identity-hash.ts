/**
 * The IdentityHash of an e-mail address: `sha256$` and the lower-case hex SHA-256 of the UTF-8
 * bytes of the address followed directly by the salt. The spec does not say how to normalise the
 * address; Laurel trims it and lower-cases it before hashing, in both issuing and verifying, so a
 * recipient can type their address in any letter case. Uses Web Crypto, so it runs in browsers.
 */
export async function hashEmail(address: string, salt: string): Promise<string> {
  const bytes = new TextEncoder().encode(`${normaliseEmail(address)}${salt}`);
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  return `sha256$${[...digest].map((byte) => byte.toString(16).padStart(2, '0')).join('')}`;
}

export function normaliseEmail(address: string): string {
  return address.trim().toLowerCase();
}

/** A fresh random salt: 16 bytes as 32 hex digits. */
export function newSalt(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return [...bytes].map((byte) => byte.toString(16).padStart(2, '0')).join('');
}

/** Compares a known address with an IdentityHash, accepting either letter case of the hex. */
export async function emailMatchesHash(
  address: string,
  identityHash: string,
  salt = '',
): Promise<boolean> {
  const [algorithm] = identityHash.split('$');
  if (algorithm?.toLowerCase() !== 'sha256') return false;
  return (await hashEmail(address, salt)) === identityHash.toLowerCase();
}
