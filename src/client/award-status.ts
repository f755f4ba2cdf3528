/**
 * Whether a badge has expired depends on when it is looked at, not on when the site was built,
 * so award pages decide it here, in the viewer's browser. The page is written for the case that
 * holds without JavaScript ("valid until <date>"); this only adds "expired" or "not yet valid".
 */
function updateStatus(element: HTMLElement, now: number): void {
  const { validFrom, validUntil } = element.dataset;
  if (validUntil && Date.parse(validUntil) < now) {
    element.textContent = `Expired on ${validUntil.slice(0, 10)}`;
    element.className = 'status status-expired';
  } else if (validFrom && Date.parse(validFrom) > now) {
    element.textContent = `Not valid before ${validFrom.slice(0, 10)}`;
    element.className = 'status status-expired';
  }
}

for (const element of document.querySelectorAll<HTMLElement>('[data-laurel-status]')) {
  updateStatus(element, Date.now());
}
