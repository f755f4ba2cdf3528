/**
 * Dates in front matter. Open Badges wants a DateTimeZ (an ISO 8601 date and time with a zone);
 * authors mostly write a bare date. A bare date means midnight UTC of that day. A date and time
 * with an offset is converted to UTC. Everything is kept to whole seconds: fractions are refused
 * rather than silently dropped, because a signed date must be exactly what the author wrote.
 */
const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2})(?::(\d{2}))?([Zz]|[+-]\d{2}:\d{2})$/;

/** Returns the normalised `YYYY-MM-DDTHH:MM:SSZ` form, or undefined when `value` is not one. */
export function toDateTimeZ(value: string): string | undefined {
  const text = value.trim();
  const dateOnly = DATE_ONLY.exec(text);
  const match = dateOnly ?? DATE_TIME.exec(text);
  if (!match) return undefined;
  const [, year, month, day, hour = '00', minute = '00', second = '00', zone = 'Z'] = match;
  const offset = /^[Zz]$/.test(zone) ? 'Z' : zone;
  const iso = `${year}-${month}-${day}T${hour}:${minute}:${second}${offset}`;
  const time = Date.parse(iso);
  if (Number.isNaN(time)) return undefined;
  // Date.parse rolls 2024-02-30 over to March; a real calendar date reads back the same.
  const local = new Date(`${year}-${month}-${day}T00:00:00Z`);
  if (local.toISOString().slice(0, 10) !== `${year}-${month}-${day}`) return undefined;
  if (Number(hour) > 23 || Number(minute) > 59 || Number(second) > 59) return undefined;
  return new Date(time).toISOString().replace('.000Z', 'Z');
}

export const DATE_HINT =
  'Write a date as 2026-05-01 (midnight UTC) or a date and time with a zone, 2026-05-01T14:30:00Z.';

const DURATION = /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?$/;

/** True for the ISO 8601 durations Laurel accepts for a validity period: P2Y, P6M, P4W, P90D. */
export function isValidityPeriod(value: string): boolean {
  return DURATION.test(value) && value !== 'P';
}

/**
 * `dateTime` plus an ISO 8601 duration of years, months, weeks and days, in UTC. A month added to
 * the 31st ends on the last day of the shorter month (2026-01-31 + P1M = 2026-02-28), so a
 * validity period never runs into the month after.
 */
export function addValidityPeriod(dateTime: string, period: string): string {
  const [, years = '0', months = '0', weeks = '0', days = '0'] = DURATION.exec(period) ?? [];
  const start = new Date(dateTime);
  const monthIndex = start.getUTCMonth() + Number(months) + 12 * Number(years);
  const year = start.getUTCFullYear() + Math.floor(monthIndex / 12);
  const month = ((monthIndex % 12) + 12) % 12;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const end = new Date(start);
  end.setUTCFullYear(year, month, Math.min(start.getUTCDate(), lastDay));
  end.setUTCDate(end.getUTCDate() + 7 * Number(weeks) + Number(days));
  return end.toISOString().replace('.000Z', 'Z');
}
