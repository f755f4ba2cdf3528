import { describe, expect, it } from 'vitest';
import { embedHtml, embedMarkdown } from '../../../src/core/share/embed-snippets.ts';

const TARGET = {
  page: 'https://badges.example.org/guild/credentials/2026/one/',
  image: 'https://badges.example.org/guild/credentials/2026/one.png',
  alt: 'R&D "first" <badge> [beta]',
};

describe('embed snippets', () => {
  it('writes an HTML image link with every attribute value escaped', () => {
    expect(embedHtml(TARGET)).toBe(
      '<a href="https://badges.example.org/guild/credentials/2026/one/">' +
        '<img src="https://badges.example.org/guild/credentials/2026/one.png" ' +
        'alt="R&amp;D &quot;first&quot; &lt;badge&gt; [beta]" width="160" height="160"></a>',
    );
  });

  it('writes a Markdown image link with brackets in the alt text escaped', () => {
    expect(embedMarkdown(TARGET)).toBe(
      '[![R&D "first" <badge> \\[beta\\]](https://badges.example.org/guild/credentials/2026/one.png)]' +
        '(https://badges.example.org/guild/credentials/2026/one/)',
    );
  });

  it('keeps a URL with parentheses inside the Markdown link', () => {
    const snippet = embedMarkdown({ ...TARGET, page: 'https://example.org/a(b)/' });
    expect(snippet.endsWith('(https://example.org/a%28b%29/)')).toBe(true);
  });
});
