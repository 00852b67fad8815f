import { describe, expect, test } from 'vitest';
import { resampleLike, TSTR_RESAMPLE_DRAWS, usefulness } from './usefulness.js';
import { featureRows, windowFeatures } from './features.js';
import { toyRecordings } from '../test-helpers.js';
import { recordingKeys } from '../windows.js';
import type { WindowSet } from '../types.js';

const labelled = (s: WindowSet) => ({ features: windowFeatures(s), labels: s.ictal as Uint8Array });

describe('usefulness (TSTR / TRTR / augmented AUROC)', () => {
  test('rhythmic ictal windows are easy: every detector ranks held-out windows perfectly', () => {
    const synthetic = toyRecordings({ events: 10, windowsPerEvent: 9, seed: 1, prefix: 's' });
    const train = toyRecordings({ events: 10, windowsPerEvent: 9, seed: 2 });
    const test_ = toyRecordings({ events: 6, windowsPerEvent: 9, seed: 3 });
    const r = usefulness(labelled(synthetic), labelled(train), labelled(test_));
    expect(r.tstr).toBe(1);
    expect(r.trtr).toBe(1);
    expect(r.augmented).toBe(1);
    expect(r.testWindows).toBe(54);
  });
  test('synthetic windows with the labels swapped rank held-out windows backwards', () => {
    const synthetic = toyRecordings({ events: 10, windowsPerEvent: 9, seed: 1, prefix: 's' });
    const swapped = { ...synthetic, ictal: (synthetic.ictal as Uint8Array).map((v) => 1 - v) };
    const r = usefulness(labelled(swapped), labelled(toyRecordings({ seed: 2 })), labelled(toyRecordings({ seed: 3 })));
    expect(r.tstr).toBeLessThan(0.1);
    // A real-trained detector calls the swapped windows by the other class: conditional generation failed.
    expect(r.agreement!.synthetic.ictal).toBeLessThan(0.1);
    expect(r.agreement!.synthetic.nonIctal).toBeLessThan(0.1);
    expect(r.agreement!.heldOut.ictal).toBe(1);
    expect(r.agreement!.heldOut.nonIctal).toBe(1);
    // The training windows' own TSTR learns from the real training windows, taking only the
    // synthetic set's class counts: the swap that ruins TSTR leaves it at TRTR's level.
    expect(r.tstrResampled!.draws).toHaveLength(TSTR_RESAMPLE_DRAWS);
    expect(r.tstrResampled!.mean).toBeCloseTo(
      r.tstrResampled!.draws.reduce((a, b) => a + b, 0) / TSTR_RESAMPLE_DRAWS,
      12,
    );
    expect(r.tstrResampled!.mean).toBeGreaterThan(0.95);
    // Synthetic windows of one class give no TSTR, and so no reference beside it.
    const ictalOnly = labelled(synthetic);
    const rows = [...ictalOnly.labels].flatMap((v, i) => (v ? [i] : []));
    const oneClass = { features: featureRows(ictalOnly.features, rows), labels: new Uint8Array(rows.length).fill(1) };
    const none = usefulness(oneClass, labelled(toyRecordings({ seed: 2 })), labelled(toyRecordings({ seed: 3 })));
    expect(none.tstr).toBeNull();
    expect(none.tstrResampled).toBeNull();
    // Nor real training windows of one class: TSTR stands, but neither TRTR nor the reference.
    const noTrtr = usefulness(labelled(synthetic), oneClass, labelled(toyRecordings({ seed: 3 })));
    expect(noTrtr.tstr).not.toBeNull();
    expect(noTrtr.trtr).toBeNull();
    expect(noTrtr.tstrResampled).toBeNull();
  });
  test('resampleLike draws real rows of each class, with replacement, as many as the other set has', () => {
    const train = labelled(toyRecordings({ seed: 6 }));
    const ictalRows = [...train.labels].filter((v) => v === 1).length;
    // More ictal rows than the set holds: only drawing with replacement can give them.
    const like = Uint8Array.from({ length: ictalRows + 30 }, (_, i) => (i < ictalRows + 15 ? 1 : 0));
    const a = resampleLike(train, like, 11);
    expect(a.features.rows).toBe(ictalRows + 30);
    expect([...a.labels].filter((v) => v === 1)).toHaveLength(ictalRows + 15);
    const cols = train.features.cols;
    const rowKey = (data: ArrayLike<number>, i: number) =>
      Array.from({ length: cols }, (_, c) => data[i * cols + c]).join(',');
    const byKey = new Map(
      Array.from({ length: train.features.rows }, (_, i) => [rowKey(train.features.data, i), train.labels[i]]),
    );
    for (let i = 0; i < a.features.rows; i++) expect(byKey.get(rowKey(a.features.data, i))).toBe(a.labels[i]);
    expect(resampleLike(train, like, 11)).toEqual(a);
    expect(resampleLike(train, like, 12).features.data).not.toEqual(a.features.data);
    // A class the set lacks cannot be resampled.
    const nonIctalOnly = { features: train.features, labels: new Uint8Array(train.labels.length) };
    expect(() => resampleLike(nonIctalOnly, like, 11)).toThrow(
      /cannot resample .* ictal windows from a set that has none/,
    );
  });
  test('a real-trained detector agrees with the labels of faithful synthetic windows as with held-out real ones', () => {
    const r = usefulness(
      labelled(toyRecordings({ seed: 5, prefix: 's' })),
      labelled(toyRecordings({ seed: 6 })),
      labelled(toyRecordings({ seed: 7 })),
    );
    // Without the training windows' recordings they cannot be scored out of fold.
    expect(r.agreement).toEqual({
      synthetic: { ictal: 1, nonIctal: 1 },
      heldOut: { ictal: 1, nonIctal: 1 },
      training: { ictal: null, nonIctal: null },
    });
  });
  test("the training windows' own agreement is scored out of fold by recording", () => {
    const train = toyRecordings({ seed: 6 });
    const r = usefulness(
      labelled(toyRecordings({ seed: 5, prefix: 's' })),
      labelled(train),
      labelled(toyRecordings({ seed: 7 })),
      { trainRecordings: recordingKeys(train) },
    );
    expect(r.agreement!.training).toEqual({ ictal: 1, nonIctal: 1 });
    // Labels that no rule predicts (each window's by its index): out of fold, about chance.
    const noise = { ...train, ictal: Uint8Array.from(train.ictal!, (_, i) => ((i * 7919) % 13) % 2) };
    const random = usefulness(
      labelled(toyRecordings({ seed: 5, prefix: 's' })),
      labelled(noise),
      labelled(toyRecordings({ seed: 7 })),
      { trainRecordings: recordingKeys(noise) },
    );
    const training = random.agreement!.training;
    expect((training.ictal! + training.nonIctal!) / 2).toBeLessThan(0.65);
  });
  test('without both classes in the test set nothing is scored', () => {
    const s = toyRecordings({ seed: 4 });
    const one = { features: windowFeatures(s), labels: new Uint8Array(s.ictal?.length ?? 0) };
    // Twelve training recordings, each with both classes: cross-validation would run if anything could be scored.
    const r = usefulness(labelled(s), labelled(s), one, { trainRecordings: recordingKeys(s) });
    expect(r).toMatchObject({ tstr: null, trtr: null, augmented: null, agreement: null });
    // The detector's strength is not cross-validated for nothing: it says why it is the fixed one.
    expect(r.detector).toMatchObject({ chosenBy: 'fixed', tried: [] });
    expect(r.detector.fixedBecause).toMatch(/held-out real windows do not have both classes/);
  });
});
