import { describe, expect, it } from 'vitest';
import { didWebFromUrl, didWebToDocumentUrl, issuerDid } from '../../../src/core/did-web.ts';

describe('did:web', () => {
  const cases: Array<[string, string, string]> = [
    ['https://example.org/', 'did:web:example.org', 'https://example.org/.well-known/did.json'],
    ['https://example.org', 'did:web:example.org', 'https://example.org/.well-known/did.json'],
    [
      'https://w3c-ccg.github.io/user/alice',
      'did:web:w3c-ccg.github.io:user:alice',
      'https://w3c-ccg.github.io/user/alice/did.json',
    ],
    [
      'https://example.org:3000/a/b/',
      'did:web:example.org%3A3000:a:b',
      'https://example.org:3000/a/b/did.json',
    ],
    [
      'https://example.org:3000/',
      'did:web:example.org%3A3000',
      'https://example.org:3000/.well-known/did.json',
    ],
  ];
  for (const [url, did, documentUrl] of cases) {
    it(`maps ${url} to ${did} and back to ${documentUrl}`, () => {
      expect(didWebFromUrl(url)).toBe(did);
      expect(didWebToDocumentUrl(did)).toBe(documentUrl);
      expect(didWebFromUrl(documentUrl)).toBe(did);
    });
  }

  it('drops the default port and lower-cases the host, as URLs do', () => {
    expect(didWebFromUrl('https://EXAMPLE.org:443/x')).toBe('did:web:example.org:x');
  });

  it('resolves a DID URL (with a fragment) to its DID document', () => {
    expect(didWebToDocumentUrl('did:web:example.org:issuers:a#ed25519-2026-12-03')).toBe(
      'https://example.org/issuers/a/did.json',
    );
  });

  it('makes the issuer DID from the site URL, with or without a site path', () => {
    expect(issuerDid('https://badges.example.org', 'acme')).toBe(
      'did:web:badges.example.org:issuers:acme',
    );
    expect(issuerDid('https://org.github.io/badges', 'acme')).toBe(
      'did:web:org.github.io:badges:issuers:acme',
    );
    expect(issuerDid('https://org.github.io/badges/', 'acme')).toBe(
      'did:web:org.github.io:badges:issuers:acme',
    );
    expect(issuerDid('http://localhost:4321/', 'acme')).toBe(
      'did:web:localhost%3A4321:issuers:acme',
    );
    expect(didWebToDocumentUrl(issuerDid('https://org.github.io/badges/', 'acme'))).toBe(
      'https://org.github.io/badges/issuers/acme/did.json',
    );
  });

  it('refuses what cannot be a did:web', () => {
    expect(() => didWebFromUrl('ftp://example.org/')).toThrow(/not an http\(s\) URL/);
    expect(() => didWebFromUrl('https://example.org/?q=1')).toThrow(/cannot be turned/);
    expect(() => didWebFromUrl('not a url')).toThrow(/is not a URL/);
    expect(() => didWebToDocumentUrl('did:key:z6Mk')).toThrow(/not a did:web DID/);
    expect(() => didWebToDocumentUrl('did:web:')).toThrow(/not a valid did:web DID/);
    expect(() => didWebToDocumentUrl('did:web:example.org::a')).toThrow(/not a valid/);
  });
});
