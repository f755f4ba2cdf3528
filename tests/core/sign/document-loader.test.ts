import jsonld from 'jsonld';
import { describe, expect, it } from 'vitest';
import { buildDidDocument } from '../../../src/core/keys/did-document.ts';
import {
  contexts,
  createDocumentLoader,
  documentLoader,
} from '../../../src/core/sign/document-loader.ts';
import { ISSUER_DID, KEYS_A } from '../../fixtures/keys/test-keys.ts';

describe('the bundled document loader', () => {
  const expected = [
    'https://www.w3.org/ns/credentials/v2',
    'https://www.w3.org/2018/credentials/v1',
    'https://purl.imsglobal.org/spec/ob/v3p0/context.json',
    'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.1.json',
    'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.2.json',
    'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json',
    'https://purl.imsglobal.org/spec/ob/v3p0/extensions.json',
    'https://w3id.org/security/data-integrity/v1',
    'https://w3id.org/security/data-integrity/v2',
    'https://w3id.org/security/multikey/v1',
    'https://www.w3.org/ns/did/v1',
  ];
  for (const url of expected) {
    it(`serves ${url} from the npm packages`, async () => {
      const remote = await documentLoader(url);
      expect(remote).toEqual({ contextUrl: null, documentUrl: url, document: contexts.get(url) });
      expect(remote.document).toHaveProperty('@context');
    });
  }

  it('rejects any other URL with ERR_CONTEXT instead of fetching it', async () => {
    await expect(documentLoader('https://example.org/context.json')).rejects.toMatchObject({
      code: 'ERR_CONTEXT',
      message: '"https://example.org/context.json" is not a bundled document.',
    });
  });

  it('adds documents from a map or a function', async () => {
    const fromMap = createDocumentLoader(new Map([['urn:a', { a: 1 }]]));
    const fromFunction = createDocumentLoader((url) => (url === 'urn:b' ? { b: 2 } : undefined));
    expect((await fromMap('urn:a')).document).toEqual({ a: 1 });
    expect((await fromFunction('urn:b')).document).toEqual({ b: 2 });
    await expect(fromFunction('urn:a')).rejects.toMatchObject({ code: 'ERR_CONTEXT' });
    expect((await fromMap('https://www.w3.org/ns/did/v1')).document).toBe(
      contexts.get('https://www.w3.org/ns/did/v1'),
    );
  });

  it('dereferences a DID URL fragment to the key, with the DID document context', async () => {
    const didDocument = buildDidDocument(ISSUER_DID, [KEYS_A.edPublic]);
    const loader = createDocumentLoader(new Map([[ISSUER_DID, didDocument]]));
    const url = `${ISSUER_DID}#${KEYS_A.edPublic.name}`;
    expect((await loader(url)).document).toEqual({
      '@context': didDocument['@context'],
      id: url,
      type: 'Multikey',
      controller: ISSUER_DID,
      publicKeyMultibase: KEYS_A.edPublic.publicKeyMultibase,
    });
    await expect(loader(`${ISSUER_DID}#nope`)).rejects.toMatchObject({ code: 'ERR_CONTEXT' });
  });

  it('resolves relative key ids (#key-1) to absolute ones', async () => {
    const doc = {
      '@context': 'https://www.w3.org/ns/did/v1',
      id: 'did:web:example.org',
      verificationMethod: [{ id: '#key-1', type: 'Multikey', controller: 'did:web:example.org' }],
    };
    const loader = createDocumentLoader(new Map([[doc.id, doc]]));
    expect((await loader('did:web:example.org#key-1')).document).toMatchObject({
      id: 'did:web:example.org#key-1',
    });
  });

  it('expands our DID document in JSON-LD safe mode with bundled contexts only', async () => {
    const didDocument = buildDidDocument(ISSUER_DID, [KEYS_A.edPublic, KEYS_A.rsaPublic]);
    const expanded = await jsonld.expand(didDocument, { documentLoader, safe: true });
    expect(expanded).toHaveLength(1);
  });
});
