import { describe, expect, test } from 'vitest';
import { chooseDetector, DETECTOR_FALLBACK_L2_PER_ROW, DETECTOR_L2_PER_ROW, usefulness } from './usefulness.js';
import { makeRng } from '../util/rng.js';
import { fitLogistic } from '../critics/logistic.js';
import { auroc } from './distance.js';
import { balancedWeights } from './usefulness.js';
import { windowFeatures } from './features.js';
import { toyRecordings } from '../test-helpers.js';
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
  });
  test('a real-trained detector agrees with the labels of faithful synthetic windows as with held-out real ones', () => {
    const r = usefulness(labelled(toyRecordings({ seed: 5, prefix: 's' })), labelled(toyRecordings({ seed: 6 })), labelled(toyRecordings({ seed: 7 })));
    expect(r.agreement).toEqual({ synthetic: { ictal: 1, nonIctal: 1 }, heldOut: { ictal: 1, nonIctal: 1 } });
  });
  test('without both classes in the test set nothing is scored', () => {
    const s = toyRecordings({ seed: 4 });
    const one = { features: windowFeatures(s), labels: new Uint8Array(s.ictal?.length ?? 0) };
    expect(usefulness(labelled(s), labelled(s), one)).toMatchObject({ tstr: null, trtr: null, augmented: null });
  });
});

/**
 * Windows of `recordings` recordings, 20 each, whose first feature follows the label and
 * whose other `noise` features are a per-recording offset plus noise: what a detector that
 * learns its training users (a weak L2) overfits to.
 */
function recordingsWithNoise(recordings: number, noise: number, seed: number) {
  const rand = makeRng(seed);
  const gauss = () => Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
  const cols = 1 + noise;
  const rows = recordings * 20;
  const data = new Float64Array(rows * cols);
  const labels = new Uint8Array(rows);
  const keys: string[] = [];
  for (let r = 0; r < recordings; r++) {
    const offsets = Array.from({ length: noise }, () => 2 * gauss());
    const ictalShare = 0.2 + 0.6 * rand();
    for (let k = 0; k < 20; k++) {
      const i = r * 20 + k;
      labels[i] = rand() < ictalShare ? 1 : 0;
      data[i * cols] = labels[i]! + 1.5 * gauss();
      for (let j = 0; j < noise; j++) data[i * cols + 1 + j] = offsets[j]! + gauss();
      keys.push(`rec${r}`);
    }
  }
  return { set: { features: { rows, cols, data }, labels }, keys };
}

describe('the detector (chooseDetector)', () => {
  test('with noisy features and few recordings, cross-validation by recording chooses a strong L2, and it detects held-out recordings better than the weakest', () => {
    const train = recordingsWithNoise(12, 30, 1);
    const test_ = recordingsWithNoise(8, 30, 2);
    const choice = chooseDetector(train.set, train.keys, 1);
    expect(choice.chosenBy).toBe('recordings');
    expect(choice.tried.map((t) => t.l2PerRow)).toEqual(DETECTOR_L2_PER_ROW);
    expect(choice.l2PerRow).toBeGreaterThanOrEqual(0.1);
    const best = Math.max(...choice.tried.map((t) => t.auroc ?? 0));
    expect(choice.tried.find((t) => t.l2PerRow === choice.l2PerRow)!.auroc).toBe(best);
    // The choice carries over to recordings it never saw: usefulness's TRTR beats the weakest strength's.
    const chosen = usefulness(null, train.set, test_.set, { trainRecordings: train.keys, seed: 1 });
    expect(chosen.detector).toEqual(choice);
    const weakest = fitLogistic(train.set.features, train.set.labels, balancedWeights(train.set.labels), { quadratic: false, l2: DETECTOR_L2_PER_ROW[0]! * train.set.features.rows });
    expect(chosen.trtr!).toBeGreaterThan(auroc(weakest.predictLogit(test_.set.features), test_.set.labels) + 0.02);
  });
  test('the choice is deterministic given the seed and ignores the held-out windows', () => {
    const train = recordingsWithNoise(10, 10, 3);
    expect(chooseDetector(train.set, train.keys, 7)).toEqual(chooseDetector(train.set, train.keys, 7));
    const a = usefulness(null, train.set, recordingsWithNoise(6, 10, 4).set, { trainRecordings: train.keys, seed: 7 });
    const b = usefulness(null, train.set, recordingsWithNoise(6, 10, 5).set, { trainRecordings: train.keys, seed: 7 });
    expect(a.detector).toEqual(b.detector);
  });
  test('without recordings to re-split, the fixed strength is used and the notes say so', () => {
    const train = recordingsWithNoise(2, 5, 6);
    expect(chooseDetector(train.set, train.keys, 1)).toMatchObject({ chosenBy: 'fallback', l2PerRow: DETECTOR_FALLBACK_L2_PER_ROW, tried: [] });
    const r = usefulness(null, train.set, recordingsWithNoise(4, 5, 7).set, { trainRecordings: train.keys });
    expect(r.notes.some((n) => n.includes('fixed'))).toBe(true);
  });
  test('recording keys must match the training windows one to one', () => {
    const train = recordingsWithNoise(4, 2, 8);
    expect(() => chooseDetector(train.set, train.keys.slice(1), 1)).toThrow(/recording keys/);
  });
});

