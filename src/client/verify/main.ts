/**
 * The verify page: a badge file (dropped or chosen), pasted text, or `?url=` goes to the badge
 * core's `verifyBadge`, entirely in the browser, and the result is shown check by check.
 */

import { hasPngSignature } from '../../core/bake/png-chunks.ts';
import { createInterpretedSchemaValidator } from '../../core/verify/schema-cfworker.ts';
import type { VerificationResult } from '../../core/verify/types.ts';
import { verifyBadge } from '../../core/verify/verify-badge.ts';
import { type PageFetchers, pageFetchers } from './page-fetch.ts';
import { type ResultElements, renderResult } from './render-result.ts';

function element<T extends HTMLElement>(id: string): T {
  const found = document.getElementById(id);
  if (!found) throw new Error(`The verify page has no #${id}.`);
  return found as T;
}

const root = element('verify');
const form = element<HTMLFormElement>('verify-form');
const fileInput = element<HTMLInputElement>('verify-file');
const textInput = element<HTMLTextAreaElement>('verify-text');
const urlInput = element<HTMLInputElement>('verify-url');
const emailInput = element<HTMLInputElement>('verify-email');
const button = element<HTMLButtonElement>('verify-submit');
const progress = element('verify-progress');
const drop = element('verify-drop');
const elements: ResultElements = {
  section: element('verify-result'),
  image: element<HTMLImageElement>('verify-image'),
  verdict: element('verify-verdict'),
  title: element('verify-title'),
  reason: element('verify-reason'),
  summary: element('verify-summary'),
  checks: element('verify-checks'),
};
const fetchers: PageFetchers = pageFetchers(
  root.dataset.site ?? '',
  root.dataset.base ?? '/',
  window.location,
);
let objectUrl: string | undefined;
const validateSchema = createInterpretedSchemaValidator();

type Source = { file: File } | { text: string } | { url: string };

async function run(source: Source): Promise<void> {
  button.disabled = true;
  progress.textContent = 'Checking…';
  try {
    const { input, image } = await prepare(source);
    const email = emailInput.value.trim();
    const result = await verifyBadge(input, {
      fetchJson: fetchers.fetchJson,
      fetchBytes: fetchers.fetchBytes,
      validateSchema,
      ...(email ? { email } : {}),
    });
    renderResult(result, image ?? summaryImage(result), elements);
    progress.textContent = '';
  } catch (error) {
    progress.textContent = `The check stopped: ${error instanceof Error ? error.message : String(error)}`;
  } finally {
    button.disabled = false;
  }
}

/** The input for the core, and a blob URL when the badge came as image bytes. */
async function prepare(
  source: Source,
): Promise<{ input: Uint8Array | string; image?: string | undefined }> {
  if ('text' in source) return { input: source.text };
  let bytes: Uint8Array;
  if ('file' in source) {
    bytes = new Uint8Array(await source.file.arrayBuffer());
  } else {
    try {
      bytes = await fetchers.fetchBytes(source.url);
    } catch {
      // The core fetches it again and says why it failed, like any other step.
      return { input: source.url };
    }
  }
  return { input: bytes, image: imageUrl(bytes) };
}

/**
 * A blob URL for PNG or SVG bytes. An SVG is shown only through `<img>`, where its scripts and
 * links do nothing; its markup never enters the page.
 */
function imageUrl(bytes: Uint8Array): string | undefined {
  if (objectUrl) URL.revokeObjectURL(objectUrl);
  objectUrl = undefined;
  const head = new TextDecoder().decode(bytes.subarray(0, 512)).trimStart();
  const type = hasPngSignature(bytes)
    ? 'image/png'
    : head.startsWith('<')
      ? 'image/svg+xml'
      : undefined;
  if (type === undefined) return undefined;
  objectUrl = URL.createObjectURL(new Blob([bytes.slice()], { type }));
  return objectUrl;
}

/** The credential's own image, when this page may load it (same site or a data: URL). */
function summaryImage(result: VerificationResult): string | undefined {
  const url = result.summary.image?.url;
  if (url === undefined) return undefined;
  if (/^data:image\//i.test(url)) return url;
  return fetchers.reachable(url);
}

fileInput.addEventListener('change', () => {
  const file = fileInput.files?.[0];
  if (file) void run({ file });
});

form.addEventListener('submit', (event) => {
  event.preventDefault();
  const file = fileInput.files?.[0];
  const text = textInput.value.trim();
  const url = urlInput.value.trim();
  if (file) void run({ file });
  else if (text) void run({ text });
  else if (url) void run({ url });
  else progress.textContent = 'Choose a badge file, paste a credential or give its URL first.';
});

for (const input of [textInput, urlInput]) {
  input.addEventListener('input', () => {
    fileInput.value = '';
  });
}

drop.addEventListener('dragover', (event) => {
  event.preventDefault();
  drop.classList.add('verify-drop-active');
});
drop.addEventListener('dragleave', () => drop.classList.remove('verify-drop-active'));
drop.addEventListener('drop', (event) => {
  event.preventDefault();
  drop.classList.remove('verify-drop-active');
  const file = event.dataTransfer?.files[0];
  if (file) void run({ file });
});

form.hidden = false;
const linked = new URLSearchParams(window.location.search).get('url');
if (linked) {
  urlInput.value = linked;
  void run({ url: linked });
}
