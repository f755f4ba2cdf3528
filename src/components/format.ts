/** `2026-03-14` from a DateTimeZ; pages show dates in UTC, as they are signed. */
export function formatDate(dateTime: string): string {
  return dateTime.slice(0, 10);
}
