import { describe, expect, test } from 'vitest';
import { osdForSet } from './osd.js';
import { sineWindows } from '../test-helpers.js';

describe('OpenSeizureDetector algorithm over a set of windows', () => {
  test('long windows are analysed per 125-sample datapoint', () => {
    const set = sineWindows(2, 5, { length: 375, amplitude: 100 });
    const r = osdForSet(set);
    expect(r.ratio.length).toBe(6);
    expect([...r.window]).toEqual([0, 0, 0, 1, 1, 1]);
    expect([...r.alarm]).toEqual([1, 1, 1, 1, 1, 1]);
  });
});
