import { describe, expect, test } from 'vitest';
import {
  chooseDetector,
  DETECTOR_FALLBACK_L2_PER_ROW,
  DETECTOR_L2_PER_ROW,
  fitDetector,
  outOfFoldLogits,
} from './detector.js';
import { makeRng } from '../util/rng.js';

/**
 * 20 windows from each of `recordings` recordings. The first feature follows the label
 * (ictal 1 + noise); the `userFeatures` others are the recording's own offset plus a
 * little noise, and each recording is mostly one class (15% or 85% ictal).
 */
function recordingsOfUsers(recordings: number, userFeatures: number, seed: number) {
  const rand = makeRng(seed);
  const gauss = () => Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
  const cols = 1 + userFeatures;
  const rows = recordings * 20;
  const data = new Float64Array(rows * cols);
  const labels = new Uint8Array(rows);
  const keys: string[] = [];
  for (let r = 0; r < recordings; r++) {
    const offsets = Array.from({ length: userFeatures }, () => 2 * gauss());
    const ictalShare = r % 2 ? 0.85 : 0.15;
    for (let k = 0; k < 20; k++) {
      const i = r * 20 + k;
      labels[i] = rand() < ictalShare ? 1 : 0;
      data[i * cols] = labels[i]! + 1.5 * gauss();
      for (let j = 0; j < userFeatures; j++) data[i * cols + 1 + j] = offsets[j]! + 0.3 * gauss();
      keys.push(`rec${r}`);
    }
  }
  return { set: { features: { rows, cols, data }, labels }, keys };
}

/**
 * Recordings of 10 identical ictal and 10 identical non-ictal windows, each class's one
 * feature vector drawn at random per recording (40 dimensions): no rule carries from one
 * recording to the next, but a window's exact copies are in its own recording.
 */
function recordingsOfCopies(recordings: number, seed: number) {
  const rand = makeRng(seed);
  const cols = 40;
  const data = new Float64Array(recordings * 20 * cols);
  const labels = new Uint8Array(recordings * 20);
  const keys: string[] = [];
  for (let r = 0; r < recordings; r++) {
    const vectors = [0, 1].map(() => Array.from({ length: cols }, () => rand() - 0.5));
    for (let k = 0; k < 20; k++) {
      const i = r * 20 + k;
      labels[i] = k % 2;
      data.set(vectors[k % 2]!, i * cols);
      keys.push(`rec${r}`);
    }
  }
  return { set: { features: { rows: labels.length, cols, data }, labels }, keys };
}

describe('chooseDetector', () => {
  test("holds out whole recordings: copies of a held-out window are never in its fold's fit", () => {
    const { set, keys } = recordingsOfCopies(16, 1);
    const byRecording = chooseDetector(set, keys);
    // Every window its own "recording": a window-level split, whose fits hold the held-out windows' copies.
    const byWindow = chooseDetector(
      set,
      keys.map((_, i) => `w${i}`),
    );
    expect(Math.max(...byWindow.tried.map((t) => t.auroc!))).toBeGreaterThan(0.95);
    expect(Math.max(...byRecording.tried.map((t) => t.auroc!))).toBeLessThan(0.85);
  });
  test('chooses the strength with the best cross-validated AUROC', () => {
    for (const seed of [1, 2, 3]) {
      const { set, keys } = recordingsOfUsers(16, 20, seed);
      const choice = chooseDetector(set, keys);
      expect(choice.chosenBy).toBe('cross-validation');
      expect(choice.tried.map((t) => t.l2PerRow)).toEqual(DETECTOR_L2_PER_ROW);
      const best = Math.max(...choice.tried.map((t) => t.auroc!));
      expect(choice.tried.find((t) => t.l2PerRow === choice.l2PerRow)!.auroc).toBe(best);
      // Ties go to the stronger: nothing stronger scores as well.
      expect(choice.tried.filter((t) => t.l2PerRow > choice.l2PerRow && t.auroc === best)).toEqual([]);
    }
  });
  test('depends on the training windows alone: the same choice on every call, another with another fold seed', () => {
    const train = recordingsOfUsers(12, 10, 4);
    const choice = chooseDetector(train.set, train.keys);
    expect(chooseDetector(train.set, train.keys)).toEqual(choice);
    const tried = [1, 2, 3, 4, 5].map((seed) => JSON.stringify(chooseDetector(train.set, train.keys, seed).tried));
    expect(new Set(tried).size).toBeGreaterThan(1);
  });
  test('says why it fell back to the fixed strength', () => {
    const train = recordingsOfUsers(2, 3, 5);
    expect(chooseDetector(train.set, train.keys)).toMatchObject({
      chosenBy: 'fixed',
      l2PerRow: DETECTOR_FALLBACK_L2_PER_ROW,
      tried: [],
    });
    expect(chooseDetector(train.set, train.keys).fixedBecause).toMatch(/2 recordings, fewer than the 3/);
    expect(chooseDetector(train.set, undefined).fixedBecause).toMatch(/no known recordings/);
    // Three recordings, each of one class: no fold has both classes on both sides.
    const labels = Uint8Array.from({ length: 40 }, (_, i) => (Math.floor(i / 14) === 1 ? 0 : 1));
    const split = chooseDetector(
      { features: train.set.features, labels },
      Array.from({ length: 40 }, (_, i) => `rec${Math.floor(i / 14)}`),
    );
    expect(split.chosenBy).toBe('fixed');
    expect(split.fixedBecause).toMatch(/no fold/);
    expect(split.tried.map((t) => t.l2PerRow)).toEqual(DETECTOR_L2_PER_ROW);
    const oneClass = { features: train.set.features, labels: new Uint8Array(40) };
    expect(chooseDetector(oneClass, train.keys).fixedBecause).toMatch(/both classes/);
  });
  test('recording keys must match the training windows one to one', () => {
    const train = recordingsOfUsers(4, 2, 8);
    expect(() => chooseDetector(train.set, train.keys.slice(1))).toThrow(/recording keys/);
    expect(() => chooseDetector(train.set, ['a', 'b'])).toThrow(/recording keys/);
  });
});

describe('outOfFoldLogits', () => {
  const agreeing = (logits: ArrayLike<number>, labels: ArrayLike<number>) =>
    Array.from(labels).filter((label, i) => (logits[i]! > 0 ? 1 : 0) === label).length / labels.length;

  test('scores each window with a detector that never saw its recording, so copies within a recording do not help', () => {
    const { set, keys } = recordingsOfCopies(16, 2);
    // Fitted on everything, the detector has seen every window's copies and calls nearly all of them right.
    expect(agreeing(fitDetector(set, 0.001).predictLogit(set.features), set.labels)).toBeGreaterThan(0.95);
    // Out of fold no rule carries from one recording to the next: about chance.
    const logits = outOfFoldLogits(set, keys, 0.001);
    expect(logits.every(Number.isFinite)).toBe(true);
    expect(agreeing(logits, set.labels)).toBeLessThan(0.75);
  });
  test("a window's logit does not depend on its own recording's labels", () => {
    const { set, keys } = recordingsOfUsers(10, 4, 9);
    const flipped = { ...set, labels: set.labels.map((label, i) => (keys[i] === 'rec3' ? 1 - label : label)) };
    const before = outOfFoldLogits(set, keys, 1);
    const after = outOfFoldLogits(flipped, keys, 1);
    const own = keys.flatMap((key, i) => (key === 'rec3' ? [i] : []));
    const others = keys.flatMap((key, i) => (key === 'rec3' ? [] : [i]));
    expect(own.map((i) => after[i])).toEqual(own.map((i) => before[i]));
    // The other folds were fitted on rec3's flipped labels, so some of their logits moved.
    expect(others.some((i) => after[i] !== before[i])).toBe(true);
  });
  test('scores nothing with fewer than three recordings, or none known', () => {
    const { set, keys } = recordingsOfUsers(2, 3, 5);
    expect(outOfFoldLogits(set, keys, 1).every(Number.isNaN)).toBe(true);
    expect(outOfFoldLogits(set, undefined, 1).every(Number.isNaN)).toBe(true);
    expect(() => outOfFoldLogits(set, keys.slice(1), 1)).toThrow(/recording keys/);
  });
});
