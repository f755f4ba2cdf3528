import { describe, expect, it } from 'vitest';
import { setBitIndices } from '../../../src/core/status/bitstring.ts';
import { decodeStatusList } from '../../../src/core/status/encoded-list.ts';
import {
  buildStatusListCredential,
  statusEntry,
} from '../../../src/core/status/status-list-credential.ts';
import { siteUrls } from '../../../src/core/urls.ts';

const urls = siteUrls('https://badges.example.org/');
const listUrl = urls.statusList('otterloom');
// The list names its issuer by id only: a Profile needs the OB context, which the list lacks.
const issuer = urls.issuerId('otterloom');

describe('buildStatusListCredential', () => {
  it('builds an unsigned BitstringStatusListCredential', async () => {
    const credential = await buildStatusListCredential({
      url: listUrl,
      issuer,
      validFrom: '2026-01-02T03:04:05Z',
      setIndices: [24_434],
    });
    const { encodedList, ...subject } = credential.credentialSubject;
    expect({ ...credential, credentialSubject: subject }).toEqual({
      '@context': ['https://www.w3.org/ns/credentials/v2'],
      id: 'https://badges.example.org/status/otterloom/revocation-1.json',
      type: ['VerifiableCredential', 'BitstringStatusListCredential'],
      issuer,
      validFrom: '2026-01-02T03:04:05Z',
      credentialSubject: {
        id: 'https://badges.example.org/status/otterloom/revocation-1.json#list',
        type: 'BitstringStatusList',
        statusPurpose: 'revocation',
      },
    });
    expect(setBitIndices(await decodeStatusList(encodedList))).toEqual([24_434]);
  });

  it('refuses a list URL that is not absolute', async () => {
    const inputs = { url: 'status/x.json', issuer, validFrom: '2026-01-01T00:00:00Z' };
    await expect(buildStatusListCredential({ ...inputs, setIndices: [] })).rejects.toMatchObject({
      code: 'ERR_STATUS',
    });
  });
});

describe('statusEntry', () => {
  it('points at the list with the index as a string', () => {
    expect(statusEntry(listUrl, 106_226)).toEqual({
      id: 'https://badges.example.org/status/otterloom/revocation-1.json#106226',
      type: 'BitstringStatusListEntry',
      statusPurpose: 'revocation',
      statusListIndex: '106226',
      statusListCredential: 'https://badges.example.org/status/otterloom/revocation-1.json',
    });
  });

  it.each([-1, 2.5])('refuses index %d', (index) => {
    expect(() => statusEntry(listUrl, index)).toThrow(/not a non-negative integer/);
  });
});
