// @ts-check
import { defineConfig } from 'astro/config';
import laurel from './src/integration/index.ts';

// `site` is the public URL the badges are served from. Every credential, issuer and key id is
// made from it, so set it before issuing the first badge and never change it afterwards.
export default defineConfig({
  site: 'https://badges.example.org',
  output: 'static',
  trailingSlash: 'always',
  integrations: [laurel()],
});
