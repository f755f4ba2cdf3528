import rehypeSanitize, { defaultSchema } from 'rehype-sanitize';
import rehypeStringify from 'rehype-stringify';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';

/**
 * Criteria, descriptions and narratives come from contributors' pull requests, so their Markdown
 * is rendered as untrusted input: raw HTML is dropped (remark-rehype without `allowDangerousHtml`),
 * and rehype-sanitize keeps only plain formatting, with links limited to http(s) and mailto and no
 * element ids that could clobber globals. The credential itself keeps the Markdown text.
 */
const schema = {
  ...defaultSchema,
  clobberPrefix: 'md-',
  protocols: { ...defaultSchema.protocols, href: ['http', 'https', 'mailto'], src: ['https'] },
  tagNames: (defaultSchema.tagNames ?? []).filter((tag) => !['input', 'img'].includes(tag)),
};

const processor = unified()
  .use(remarkParse)
  .use(remarkRehype)
  .use(rehypeSanitize, schema)
  .use(rehypeStringify);

/** Renders untrusted Markdown to safe HTML. */
export function renderMarkdown(markdown: string): string {
  return String(processor.processSync(markdown));
}
