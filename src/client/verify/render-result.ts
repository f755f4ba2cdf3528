/**
 * Shows a verification result. Everything from the credential is set as text (textContent),
 * never as markup, and images are shown only from this site, `data:` URLs or blob URLs, so a
 * hostile credential can neither inject HTML nor make the page reach another site.
 */
import type { StepId, VerificationResult } from '../../core/verify/types.ts';

const TITLES: Record<StepId, string> = {
  parsed: 'Read',
  structure: 'Open Badges structure',
  'json-ld': 'JSON-LD terms',
  schema: 'JSON Schema',
  proof: 'Signature',
  'issuer-key': "Issuer's key",
  'valid-from': 'Valid from',
  expiry: 'Expiry',
  status: 'Revocation status',
  recipient: 'Recipient',
};

const MARKS = { passed: '✓', failed: '✗', warning: '!', unknown: '?', skipped: '–' } as const;

export interface ResultElements {
  section: HTMLElement;
  image: HTMLImageElement;
  verdict: HTMLElement;
  title: HTMLElement;
  reason: HTMLElement;
  summary: HTMLElement;
  checks: HTMLElement;
}

/** The verdict in words, as the page and its tests show it. */
export function verdictLabel(result: VerificationResult): string {
  switch (result.verdict) {
    case 'verified':
      return 'Verified';
    case 'revoked':
      return 'Revoked';
    case 'expired':
      return 'Expired';
    case 'not-yet-valid':
      return 'Not yet valid';
    case 'unverifiable':
      return 'Could not be verified';
    default:
      return result.steps.some((step) => step.id === 'proof' && step.status === 'failed')
        ? 'Not verified: forged or altered'
        : 'Not verified: invalid';
  }
}

/** Fills the result section; `imageUrl` is a blob, data or same-origin URL, or undefined. */
export function renderResult(
  result: VerificationResult,
  imageUrl: string | undefined,
  into: ResultElements,
): void {
  const { summary } = result;
  into.section.hidden = false;
  into.section.dataset.verdict = result.verdict;
  into.verdict.textContent = verdictLabel(result);
  into.verdict.className = `status ${statusClass(result.verdict)}`;
  into.title.textContent = summary.achievement?.name ?? 'Badge';
  into.reason.textContent = result.reason;
  if (imageUrl) {
    into.image.src = imageUrl;
    into.image.alt = summary.image?.caption ?? summary.achievement?.name ?? 'The badge image';
    into.image.hidden = false;
  } else {
    into.image.removeAttribute('src');
    into.image.hidden = true;
  }
  const rows: [string, string | undefined][] = [
    ['Issuer', [summary.issuer?.name, summary.issuer?.id].filter(Boolean).join(' · ') || undefined],
    ['Earner', summary.earner],
    ['Achievement', summary.achievement?.name],
    ['Description', summary.achievement?.description],
    ['Criteria', summary.criteria?.narrative ?? summary.criteria?.id],
  ];
  into.summary.replaceChildren(
    ...rows
      .filter((row): row is [string, string] => Boolean(row[1]))
      .flatMap(([term, value]) => {
        const dt = document.createElement('dt');
        dt.textContent = term;
        const dd = document.createElement('dd');
        dd.textContent = value;
        return [dt, dd];
      }),
  );
  into.checks.replaceChildren(
    ...result.steps.map((step) => {
      const item = document.createElement('li');
      item.className = `verify-check verify-check-${step.status}`;
      item.dataset.step = step.id;
      item.dataset.status = step.status;
      const mark = document.createElement('span');
      mark.className = 'verify-mark';
      mark.textContent = MARKS[step.status];
      mark.setAttribute('aria-label', step.status);
      const title = document.createElement('strong');
      title.textContent = TITLES[step.id];
      const message = document.createElement('span');
      message.textContent = step.message;
      item.append(mark, title, message);
      return item;
    }),
  );
}

function statusClass(verdict: VerificationResult['verdict']): string {
  if (verdict === 'verified') return 'status-valid';
  if (verdict === 'expired' || verdict === 'not-yet-valid' || verdict === 'unverifiable')
    return 'status-expired';
  return 'status-revoked';
}
