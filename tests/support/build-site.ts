/**
 * Builds a Laurel site with Astro's JavaScript API: `node tests/support/build-site.ts <root>
 * <outDir> <site>`. The fixture sites have no astro.config.mjs of their own; this is it.
 */
import { build } from 'astro';
import laurel from '../../src/integration/index.ts';

const [root, outDir, site] = process.argv.slice(2);
if (!root || !outDir || !site) {
  process.stderr.write('usage: node tests/support/build-site.ts <root> <outDir> <site>\n');
  process.exit(2);
}
await build({
  root,
  outDir,
  site,
  trailingSlash: 'always',
  logLevel: 'warn',
  integrations: [laurel()],
});
