/**
 * Snippets an earner pastes into a blog, a README or a personal site to show a badge: the badge
 * image, linking to the award's page. Every URL is absolute, since the snippet lives elsewhere.
 * Browser-safe.
 */

export interface EmbedTarget {
  /** Absolute URL of the award's page. */
  page: string;
  /** Absolute URL of the badge image. */
  image: string;
  /** Alt text of the image. */
  alt: string;
  /** Side of the square image in CSS pixels. */
  size?: number;
}

/** An `<a><img></a>` snippet; attribute values are escaped, so any alt text is safe. */
export function embedHtml({ page, image, alt, size = 160 }: EmbedTarget): string {
  return (
    `<a href="${escapeAttribute(page)}"><img src="${escapeAttribute(image)}" ` +
    `alt="${escapeAttribute(alt)}" width="${size}" height="${size}"></a>`
  );
}

/** A Markdown image inside a link; brackets and backslashes in the alt text are escaped. */
export function embedMarkdown({ page, image, alt }: EmbedTarget): string {
  const text = alt.replace(/[\\[\]]/g, (character) => `\\${character}`).replace(/\s+/g, ' ');
  return `[![${text}](${markdownUrl(image)})](${markdownUrl(page)})`;
}

function escapeAttribute(value: string): string {
  return value
    .replaceAll('&', '&amp;')
    .replaceAll('"', '&quot;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;');
}

/** A parenthesis would end a Markdown link destination early; URL already encodes spaces. */
function markdownUrl(url: string): string {
  return new URL(url).href.replaceAll('(', '%28').replaceAll(')', '%29');
}
