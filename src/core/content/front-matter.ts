import matter from 'gray-matter';
import { isMap, isScalar, isSeq, LineCounter, parseDocument } from 'yaml';
import { LaurelError } from '../errors.ts';

/** A Markdown file split into its front matter and body, with a way back to source lines. */
export interface FrontMatterFile {
  data: Record<string, unknown>;
  body: string;
  /** 1-based line of the front-matter key at `path` (e.g. `['evidence', 0, 'url']`). */
  lineOf(path: readonly (string | number)[]): number;
}

/**
 * Splits a Markdown file with gray-matter and parses its front matter as YAML 1.2 with the
 * `yaml` package. YAML 1.2 keeps dates as strings (js-yaml would turn them into Date objects in
 * the local zone) and `yes`/`no` as strings, so what the author wrote is what we validate. The
 * parsed document keeps source ranges, which is how every error names its line.
 */
export function parseFrontMatter(source: string, file: string): FrontMatterFile {
  const split = matter(source, { engines: { yaml: () => ({}) } });
  const raw = split.matter;
  const lineCounter = new LineCounter();
  const doc = parseDocument(raw, { lineCounter, prettyErrors: false, uniqueKeys: true });
  // `matter` is the text between the fences; count the lines before it to map back to the file.
  const start = raw === '' ? 0 : Math.max(0, source.indexOf(raw));
  const linesBefore = source.slice(0, start).split('\n').length - 1;
  const firstLine = linesBefore + 1;
  const lineAt = (offset: number) => lineCounter.linePos(offset).line + linesBefore;
  const [yamlError] = doc.errors;
  if (yamlError) {
    throw new LaurelError(
      'ERR_CONTENT',
      `the front matter is not valid YAML: ${yamlError.message}`,
      {
        file,
        line: lineAt(yamlError.pos[0]),
        hint: 'Front matter sits between two `---` lines as `key: value` pairs.',
      },
    );
  }
  const data: unknown = raw.trim() === '' ? {} : doc.toJS();
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    throw new LaurelError('ERR_CONTENT', 'the front matter must be a set of `key: value` pairs', {
      file,
      line: firstLine,
      hint: 'Start the file with `---`, the fields, then another `---`.',
    });
  }
  return {
    data: data as Record<string, unknown>,
    body: split.content,
    lineOf(path) {
      let node: unknown = doc.contents;
      let line = firstLine;
      for (const key of path) {
        if (isMap(node)) {
          const pair = node.items.find((item) => isScalar(item.key) && item.key.value === key);
          if (!pair) break;
          const keyRange = isScalar(pair.key) ? pair.key.range : undefined;
          if (keyRange) line = lineAt(keyRange[0]);
          node = pair.value;
        } else if (isSeq(node) && typeof key === 'number') {
          const item = node.items[key];
          const range = item && typeof item === 'object' && 'range' in item ? item.range : null;
          if (Array.isArray(range)) line = lineAt(range[0] as number);
          node = item;
        } else {
          break;
        }
      }
      return line;
    },
  };
}
