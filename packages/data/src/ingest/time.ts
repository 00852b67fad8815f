/**
 * OSDB time stamps. Older exports write `dd-mm-yyyy hh:mm:ss` with no zone; the
 * OpenSeizureDetector servers record UTC, so those are read as UTC, and so is an
 * ISO 8601 time without a zone designator (JavaScript would otherwise take it as
 * local time and make results depend on the machine's time zone).
 */

const DAY_FIRST = /^(\d{1,2})[-/](\d{1,2})[-/](\d{4})[ T](\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?$/;
const ISO_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:?\d{2})?$/i;

/**
 * Epoch milliseconds of an OSDB time, or undefined when it cannot be read.
 * Accepts `dd-mm-yyyy hh:mm:ss` (also with `/`, optional fraction), ISO 8601 with or
 * without `T`, fraction and zone (no zone = UTC), and finite numbers as epoch ms.
 */
export function parseOsdbTime(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value !== 'string') return undefined;
  const text = value.trim();
  const dayFirst = DAY_FIRST.exec(text);
  if (dayFirst) {
    const [, day, month, year, hour, minute, second, fraction] = dayFirst;
    return utc(year!, month!, day!, hour!, minute!, second, fraction);
  }
  const iso = ISO_DATE_TIME.exec(text);
  if (iso) {
    const [, year, month, day, hour, minute, second, fraction, zone] = iso;
    const local = utc(year!, month!, day!, hour!, minute!, second, fraction);
    if (local === undefined) return undefined;
    return local - zoneOffsetMs(zone);
  }
  return undefined;
}

/** ISO 8601 in UTC with millisecond precision only where needed: `2023-05-05T06:28:47Z`. */
export function formatOsdbTime(epochMs: number): string {
  const iso = new Date(epochMs).toISOString();
  return iso.endsWith('.000Z') ? `${iso.slice(0, -5)}Z` : iso;
}

function utc(
  year: string,
  month: string,
  day: string,
  hour: string,
  minute: string,
  second: string | undefined,
  fraction: string | undefined,
): number | undefined {
  const [y, mo, d, h, mi, s] = [year, month, day, hour, minute, second ?? '0'].map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 60) return undefined;
  const ms = fraction ? Math.round(Number(`0.${fraction}`) * 1000) : 0;
  const time = Date.UTC(y, mo - 1, d, h, mi, s, ms);
  // Date.UTC rolls 31-02 over into March; a date that does not exist is not a date.
  if (new Date(time).getUTCDate() !== d) return undefined;
  return time;
}

function zoneOffsetMs(zone: string | undefined): number {
  if (!zone || zone.toUpperCase() === 'Z') return 0;
  const sign = zone.startsWith('-') ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  return sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2))) * 60_000;
}
