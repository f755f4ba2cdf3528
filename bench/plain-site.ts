/**
 * Writes the baseline of the build benchmark: a plain Astro project with `count` static pages
 * made by getStaticPaths, with the markup, stylesheet and page script of a Laurel award page but
 * no badge work at all. Its build time is what Astro itself costs for that many pages.
 */
import { cpSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const PROJECT = path.resolve(import.meta.dirname, '..');

export function writePlainSite(root: string, count: number): void {
  rmSync(root, { recursive: true, force: true });
  const src = path.join(root, 'src');
  mkdirSync(path.join(src, 'pages'), { recursive: true });
  cpSync(path.join(PROJECT, 'src/styles/laurel.css'), path.join(src, 'laurel.css'));
  writeFileSync(path.join(src, 'status.ts'), STATUS_SCRIPT);
  const pages = Array.from({ length: count }, (_, n) => ({
    id: `${2024 + (n % 3)}/earner-${n}-achievement-${(n % 20) + 1}`,
    name: `Tisserand·e n° ${(n % 20) + 1}`,
    earner: n % 3 === 2 ? 'An earner' : `Amélie Rousseau ${n}`,
    awarded: `${2024 + (n % 3)}-${String((n % 12) + 1).padStart(2, '0')}-01T00:00:00Z`,
    evidence: n % 2 === 0 ? [{ url: `https://git.example.net/guild/loom/pulls/${n}` }] : [],
    narrativeHtml: `<p>Earner ${n} wove a <strong>careful</strong> fix with a test.</p>`,
    criteriaHtml:
      '<ol><li>pick an issue;</li><li>open a pull request that follows the ' +
      '<a href="https://guild.example.org/guide">guide</a>;</li><li>get it merged.</li></ol>',
  }));
  writeFileSync(path.join(src, 'data.json'), JSON.stringify(pages));
  writeFileSync(path.join(src, 'Layout.astro'), LAYOUT);
  writeFileSync(path.join(src, 'pages', '[...id].astro'), PAGE);
}

const STATUS_SCRIPT = `for (const element of document.querySelectorAll('[data-status]')) {
  const until = element.getAttribute('data-valid-until');
  if (until && new Date(until) < new Date()) element.textContent = 'Expired';
}
`;

const LAYOUT = `---
import './laurel.css';
const { title, description } = Astro.props;
---
<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta http-equiv="Content-Security-Policy" content="default-src 'self'; object-src 'none'" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>{title}</title>
    <meta name="description" content={description} />
    <link rel="alternate" href="/x.json" type="application/vc+ld+json" title="credential" />
    <link rel="alternate" href="/x.jwt" type="application/jwt" title="VC-JWT" />
  </head>
  <body>
    <header class="site-header"><a class="brand" href="/">Bench Guild</a>
      <nav><a href="/">Badges</a><a href="/issuers/bench/">About</a></nav></header>
    <main><slot /></main>
    <footer class="site-footer"><p>Open Badges 3.0 credentials, signed and published from git.</p></footer>
  </body>
</html>
`;

const PAGE = `---
import pages from '../data.json';
import Layout from '../Layout.astro';
export function getStaticPaths() {
  return pages.map((page) => ({ params: { id: page.id }, props: { page } }));
}
const { page } = Astro.props;
const date = new Intl.DateTimeFormat('en', { dateStyle: 'long', timeZone: 'UTC' });
---
<Layout title={\`\${page.name}: \${page.earner}\`} description={\`\${page.earner} earned \${page.name}.\`}>
  <div class="badge-hero">
    <img src={\`/credentials/\${page.id}.png\`} alt={page.name} width="192" height="192" />
    <div>
      <h1>{page.name}</h1>
      <p>Awarded to <strong>{page.earner}</strong> by <a href="/issuers/bench/">Bench Guild</a>.</p>
      <p class="status status-valid" data-status data-valid-from={page.awarded}>Valid</p>
      <dl class="meta">
        <dt>Awarded</dt><dd>{date.format(new Date(page.awarded))}</dd>
        <dt>Credential id</dt><dd><code>https://example.org/credentials/{page.id}.json</code></dd>
      </dl>
    </div>
  </div>
  <h2>Why</h2><div class="prose" set:html={page.narrativeHtml} />
  {page.evidence.length > 0 && <><h2>Evidence</h2><ul>{page.evidence.map((e) => <li><a href={e.url}>{e.url}</a></li>)}</ul></>}
  <h2>Criteria</h2><div class="prose" set:html={page.criteriaHtml} />
  <h2>Download and verify</h2>
  <ul class="downloads">
    <li><a href={\`/credentials/\${page.id}.png\`} download>Badge image (PNG)</a></li>
    <li><a href={\`/credentials/\${page.id}.json\`}>Credential (JSON)</a></li>
  </ul>
</Layout>
<script>
  import '../status.ts';
</script>
`;
