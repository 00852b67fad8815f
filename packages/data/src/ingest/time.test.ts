import { describe, expect, it } from 'vitest';
import { formatOsdbTime, parseOsdbTime } from './time.js';

describe('parseOsdbTime', () => {
  it('reads dd-mm-yyyy hh:mm:ss as UTC', () => {
    expect(parseOsdbTime('28-05-2022 07:05:28')).toBe(Date.UTC(2022, 4, 28, 7, 5, 28));
    expect(parseOsdbTime('01/02/2023 00:00:01')).toBe(Date.UTC(2023, 1, 1, 0, 0, 1));
  });

  it('reads ISO 8601 with Z, with an offset, with a fraction, and without a zone as UTC', () => {
    expect(parseOsdbTime('2023-05-05T06:28:47Z')).toBe(Date.UTC(2023, 4, 5, 6, 28, 47));
    expect(parseOsdbTime('2023-05-05T08:28:47+02:00')).toBe(Date.UTC(2023, 4, 5, 6, 28, 47));
    expect(parseOsdbTime('2023-05-05T06:28:47.250Z')).toBe(Date.UTC(2023, 4, 5, 6, 28, 47, 250));
    expect(parseOsdbTime('2023-05-05T06:28:47')).toBe(Date.UTC(2023, 4, 5, 6, 28, 47));
    expect(parseOsdbTime('2023-05-05 06:28:47')).toBe(Date.UTC(2023, 4, 5, 6, 28, 47));
  });

  it('takes finite numbers as epoch ms', () => {
    expect(parseOsdbTime(1_700_000_000_000)).toBe(1_700_000_000_000);
    expect(parseOsdbTime(Number.NaN)).toBeUndefined();
  });

  it('rejects what is not a time, and dates that do not exist', () => {
    for (const bad of [
      '',
      'yesterday',
      '2023-13-01T00:00:00Z',
      '31-02-2022 10:00:00',
      '28-05-2022',
      null,
      undefined,
      {},
    ]) {
      expect(parseOsdbTime(bad), String(bad)).toBeUndefined();
    }
  });

  it('formats back to ISO without needless milliseconds', () => {
    expect(formatOsdbTime(Date.UTC(2023, 4, 5, 6, 28, 47))).toBe('2023-05-05T06:28:47Z');
    expect(formatOsdbTime(Date.UTC(2023, 4, 5, 6, 28, 47, 5))).toBe('2023-05-05T06:28:47.005Z');
    expect(parseOsdbTime(formatOsdbTime(1_683_268_127_005))).toBe(1_683_268_127_005);
  });
});
