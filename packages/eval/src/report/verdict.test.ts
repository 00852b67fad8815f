import { describe, expect, test } from 'vitest';
import {
  gradeAuroc,
  gradeDataCopying,
  gradeDiscriminative,
  gradeDistance,
  gradeExactCopies,
  gradeNearCopies,
  overallVerdict,
} from './verdict.js';

describe('verdicts', () => {
  test('distances are graded against 1.5× and 3× the floor plus a tolerance', () => {
    expect(gradeDistance(1.4, 1, 0)).toBe('good');
    expect(gradeDistance(2.9, 1, 0)).toBe('fair');
    expect(gradeDistance(3.1, 1, 0)).toBe('poor');
    expect(gradeDistance(0.4, 0, 0.5)).toBe('good');
    expect(gradeDistance(1, null, 0)).toBe('n/a');
  });
  test('discriminative scores are graded against floor + 0.05 and the IAAFT rung (floor + 0.15 without a ladder)', () => {
    expect(gradeDiscriminative(0.07, 0.03)).toBe('good');
    expect(gradeDiscriminative(0.17, 0.03)).toBe('fair');
    expect(gradeDiscriminative(0.2, 0.03)).toBe('poor');
    // With a ladder, fair ends at the IAAFT rung, wherever it stands.
    expect(gradeDiscriminative(0.07, 0.03, 0.25)).toBe('good');
    expect(gradeDiscriminative(0.2, 0.03, 0.25)).toBe('fair');
    expect(gradeDiscriminative(0.25, 0.03, 0.25)).toBe('poor');
    expect(gradeDiscriminative(0.17, 0.03, 0.1)).toBe('poor');
    // A score within the floor's noise but not below a weak IAAFT rung is not good.
    expect(gradeDiscriminative(0.07, 0.03, 0.06)).toBe('poor');
    expect(gradeDiscriminative(0.05, 0.03, Number.NaN)).toBe('good');
    expect(gradeDiscriminative(Number.NaN, 0.03, 0.2)).toBe('n/a');
  });
  test('AUROC, near and exact copies', () => {
    expect(gradeAuroc(0.9, 0.93, 0.05, 0.15)).toBe('good');
    expect(gradeAuroc(0.8, 0.93, 0.05, 0.15)).toBe('fair');
    expect(gradeAuroc(0.6, 0.93, 0.05, 0.15)).toBe('poor');
    expect(gradeAuroc(null, 0.9, 0.05, 0.15)).toBe('n/a');
    expect(gradeNearCopies(0.01)).toBe('good');
    expect(gradeNearCopies(0.04)).toBe('fair');
    expect(gradeNearCopies(0.2)).toBe('poor');
    expect(gradeExactCopies(0)).toBe('good');
    expect(gradeExactCopies(1)).toBe('poor');
    expect(gradeDataCopying(0.4)).toBe('good');
    expect(gradeDataCopying(-2.9)).toBe('fair');
    expect(gradeDataCopying(-3.1)).toBe('poor');
    expect(gradeDataCopying(Number.NaN)).toBe('n/a');
  });
  test('overall: the headline and memorisation can sink it; good needs a good headline and no poor row', () => {
    const row = (id: string, verdict: 'good' | 'fair' | 'poor', graded = true) => ({ id, verdict, graded });
    expect(overallVerdict([row('discriminative', 'good'), row('psdDb', 'fair'), row('stdW1', 'good')])).toBe('good');
    expect(
      overallVerdict([row('discriminative', 'good'), row('psdDb', 'poor'), row('stdW1', 'good'), row('x', 'good')]),
    ).toBe('fair');
    expect(overallVerdict([row('discriminative', 'poor'), row('psdDb', 'good')])).toBe('poor');
    expect(overallVerdict([row('discriminative', 'good'), row('exactCopies', 'poor')])).toBe('poor');
    expect(overallVerdict([row('discriminative', 'fair'), row('a', 'poor'), row('b', 'poor'), row('c', 'good')])).toBe(
      'poor',
    );
    expect(overallVerdict([row('critic_cnn', 'poor', false), row('discriminative', 'good')])).toBe('good');
  });
});
