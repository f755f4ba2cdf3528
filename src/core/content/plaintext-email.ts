/** Something shaped like an e-mail address: local part, @, a domain with a dot. */
export const EMAIL_PATTERN = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g;

/**
 * Finds e-mail addresses written in plain text. Award files are public, so an earner's address
 * may only appear hashed; this is how the loader and the output scan tell.
 */
export function findEmailAddresses(text: string): { address: string; index: number }[] {
  return [...text.matchAll(EMAIL_PATTERN)].map((match) => ({
    address: match[0],
    index: match.index,
  }));
}

export const HASH_EMAIL_HINT =
  'Award files are public: never write an address in one. Run ' +
  '`npm run laurel -- hash-email <address>` and paste the `hashedEmail` and `salt` it prints ' +
  'under `recipient:` instead.';
