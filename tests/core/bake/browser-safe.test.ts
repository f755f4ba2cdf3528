import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from './artwork.ts';

const bakeDir = path.join(projectRoot, 'src', 'core', 'bake');

/** Every module `entry` pulls in, relative ones followed, as paths or package names. */
function importsOf(entry: string): Set<string> {
  const seen = new Set<string>();
  const queue = [path.join(bakeDir, entry)];
  for (let file = queue.pop(); file; file = queue.pop()) {
    if (seen.has(file)) continue;
    seen.add(file);
    const source = readFileSync(file, 'utf8');
    for (const [, specifier = ''] of source.matchAll(/^(?:import|export)[^;]*?from '([^']+)'/gms)) {
      if (specifier.startsWith('.')) queue.push(path.resolve(path.dirname(file), specifier));
      else seen.add(specifier);
    }
  }
  return seen;
}

describe('browser-safe modules', () => {
  for (const entry of ['unbake.ts', 'bake-svg.ts', 'check-svg-artwork.ts']) {
    it(`${entry} imports no Node built-in and no -node.ts file`, () => {
      const imports = [...importsOf(entry)];
      expect(
        imports.filter((name) => name.startsWith('node:') || name.endsWith('-node.ts')),
      ).toEqual([]);
      const packages = imports.filter((name) => !name.startsWith('/'));
      expect(packages).toEqual(['@xmldom/xmldom']);
    });
  }

  it('the walk does find Node imports where they are', () => {
    expect(importsOf('bake-png-node.ts')).toContain('node:zlib');
  });
});
