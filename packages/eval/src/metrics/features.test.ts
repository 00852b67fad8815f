import { describe, expect, test } from 'vitest';
import { FEATURE_NAMES, windowFeatures } from './features.js';
import { sineWindows } from '../test-helpers.js';

describe('hand-made window features', () => {
  test('of a 5 Hz sinusoid: its mean, std A/√2, no skew, all power in 3–8 Hz, ACF period 5 samples', () => {
    const f = windowFeatures(sineWindows(1, 5, { amplitude: 200, offset: 1000 }));
    const get = (name: string): number => f.data[FEATURE_NAMES.indexOf(name)] as number;
    expect(f.cols).toBe(FEATURE_NAMES.length);
    expect(get('mean')).toBeCloseTo(1000, 0);
    expect(get('std')).toBeCloseTo(200 / Math.SQRT2, 0);
    expect(Math.abs(get('skewness'))).toBeLessThan(0.05);
    expect(get('kurtosis')).toBeCloseTo(-1.5, 1); // a sinusoid's excess kurtosis
    expect(get('ratio_3_8Hz')).toBeGreaterThan(0.98);
    expect(get('acf5')).toBeGreaterThan(0.9);
    expect(get('p95') - get('p5')).toBeGreaterThan(300);
  });
});
