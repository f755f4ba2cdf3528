/**
 * Artwork and credentials for the baking tests, made in memory, plus where the
 * shared fixtures live and which command-line checkers are installed.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PNG } from 'pngjs';
import { it } from 'vitest';

export const projectRoot = path.resolve(import.meta.dirname, '..', '..', '..');
export const sharedDir = path.resolve(projectRoot, '..', 'shared');
export const hasShared = existsSync(path.join(sharedDir, 'ob3'));
export const artworkFixtures = path.join(projectRoot, 'tests', 'fixtures', 'artwork');

/**
 * A small PNG with a deterministic pattern, so that its pixels can be compared
 * after baking.
 */
export function makePng(width = 24, height = 16, colorType: 2 | 6 = 6): Uint8Array {
  const png = new PNG({ width, height });
  for (let index = 0; index < width * height; index++) {
    png.data[index * 4] = (index * 7) % 256;
    png.data[index * 4 + 1] = (index * 13) % 256;
    png.data[index * 4 + 2] = (index * 29) % 256;
    png.data[index * 4 + 3] = colorType === 6 ? 128 + (index % 128) : 255;
  }
  return new Uint8Array(PNG.sync.write(png, { colorType }));
}

export function decodePixels(bytes: Uint8Array): Uint8Array {
  return new Uint8Array(PNG.sync.read(Buffer.from(bytes)).data);
}

/** A credential for a made-up person, as JSON.stringify would write it. */
export function credentialJson(name = 'Ada Example', indent?: number): string {
  const credential = {
    '@context': [
      'https://www.w3.org/ns/credentials/v2',
      'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json',
    ],
    id: 'https://badges.example.org/credentials/0001',
    type: ['VerifiableCredential', 'OpenBadgeCredential'],
    issuer: { id: 'https://badges.example.org/', type: ['Profile'], name: 'Example Guild' },
    validFrom: '2026-01-01T00:00:00Z',
    name: `${name}'s badge`,
    credentialSubject: {
      type: ['AchievementSubject'],
      name,
      achievement: { id: 'https://badges.example.org/a/1', type: ['Achievement'], name: 'Maker' },
    },
  };
  return JSON.stringify(credential, null, indent);
}

const base64url = (text: string) => Buffer.from(text).toString('base64url');

/**
 * A compact JWS of the right shape; its signature is filler, since baking never
 * checks it.
 */
export function credentialJws(name = 'Ada Example'): string {
  const header = base64url(JSON.stringify({ alg: 'EdDSA', typ: 'JWT' }));
  return `${header}.${base64url(credentialJson(name))}.${base64url('not a real signature')}`;
}

export function hasTool(name: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${name}`]).status === 0;
}

/**
 * Writes `bytes` to a temporary file and runs `command` on it; returns exit status
 * and output.
 */
export function runOn(
  command: string,
  args: string[],
  bytes: Uint8Array | string,
  extension: string,
): { status: number | null; output: string } {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'laurel-bake-')), `image.${extension}`);
  writeFileSync(file, bytes);
  const result = spawnSync(command, [...args, file], { encoding: 'utf8' });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

/**
 * `it`, skipped when `available` is false, with the one-line reason in the title so
 * the skip shows up in the report (vitest's `skipIf` takes no reason of its own).
 */
export function itWhen(available: boolean, reason: string) {
  return (title: string, test: () => void | Promise<void>, timeout?: number) =>
    it.skipIf(!available)(available ? title : `${title} (skipped: ${reason})`, test, timeout);
}

export const itWithShared = itWhen(hasShared, `no shared fixtures at ${sharedDir}`);
export const itWithTool = (tool: string) => itWhen(hasTool(tool), `${tool} is not installed`);

export function concatBytes(...parts: Uint8Array[]): Uint8Array {
  const joined = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    joined.set(part, offset);
    offset += part.length;
  }
  return joined;
}
