/**
 * Something shaped like an e-mail address: local part, @, a domain with a dot. This is the
 * definition `findEmailAddresses` implements; it is kept as the reference its tests compare with.
 */
export const EMAIL_PATTERN = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g;

/** EMAIL_PATTERN after the `@`, tried only at one position. */
const DOMAIN = /[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/y;

/** Whether the UTF-16 code unit can be part of EMAIL_PATTERN's local part. */
function isLocalCharacter(code: number): boolean {
  return (
    (code >= 0x61 && code <= 0x7a) || // a-z
    (code >= 0x41 && code <= 0x5a) || // A-Z
    (code >= 0x30 && code <= 0x39) || // 0-9
    code === 0x2e || // .
    code === 0x5f || // _
    code === 0x25 || // %
    code === 0x2b || // +
    code === 0x2d // -
  );
}

/**
 * Finds e-mail addresses written in plain text. Award files are public, so an earner's address
 * may only appear hashed; this is how the loader and the output scan tell.
 *
 * The matches are exactly those of `text.matchAll(EMAIL_PATTERN)`, found in time linear in the
 * text: the regular expression alone retries every start position of a long run of letters and
 * digits (base64 in a baked image, a JWT), which is quadratic in the run's length. Here only the
 * `@`s are visited: the local part is the run of allowed characters before one (not reaching back
 * into the previous match), and the domain is matched from just after it.
 */
export function findEmailAddresses(text: string): { address: string; index: number }[] {
  const found: { address: string; index: number }[] = [];
  let previousEnd = 0;
  for (let at = text.indexOf('@'); at !== -1; at = text.indexOf('@', at + 1)) {
    let start = at;
    while (start > previousEnd && isLocalCharacter(text.charCodeAt(start - 1))) start--;
    if (start === at) continue;
    DOMAIN.lastIndex = at + 1;
    const domain = DOMAIN.exec(text);
    if (!domain) continue;
    const end = at + 1 + domain[0].length;
    found.push({ address: text.slice(start, end), index: start });
    previousEnd = end;
    at = end - 1;
  }
  return found;
}

export const HASH_EMAIL_HINT =
  'Award files are public: never write an address in one. Run ' +
  '`npm run laurel -- hash-email <address>` and paste the `hashedEmail` and `salt` it prints ' +
  'under `recipient:` instead.';
