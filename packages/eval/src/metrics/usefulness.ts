import { fitLogistic } from '../critics/logistic.js';
import { auroc } from './distance.js';
import { stackFeatures, type FeatureMatrix } from './features.js';

/** AUROC on held-out real windows of seizure detectors trained three ways; null where a set lacks a class. */
export interface UsefulnessResult {
  /** Train on synthetic, test on real. */
  readonly tstr: number | null;
  /** Train on real (training set), test on real: the reference. */
  readonly trtr: number | null;
  /** Train on real + synthetic, test on real. */
  readonly augmented: number | null;
  readonly testWindows: number;
  readonly notes: readonly string[];
}

export interface LabelledFeatures {
  readonly features: FeatureMatrix;
  readonly labels: ArrayLike<number>;
}

/**
 * Usefulness of synthetic windows for seizure detection: the feature classifier (the
 * feature critic's quadratic logistic regression) learns ictal (1) against non-ictal (0)
 * with the classes weighted to equal total weight, from (i) synthetic, (ii) real
 * training, (iii) both pooled; each is scored by AUROC on the held-out real windows.
 */
export function usefulness(synthetic: LabelledFeatures | null, realTrain: LabelledFeatures | null, realTest: LabelledFeatures | null): UsefulnessResult {
  const notes: string[] = [];
  const both = (s: LabelledFeatures | null): boolean => {
    if (!s) return false;
    let pos = 0;
    for (let i = 0; i < s.labels.length; i++) pos += s.labels[i] ? 1 : 0;
    return pos > 0 && pos < s.labels.length;
  };
  if (!realTest || !both(realTest)) {
    return { tstr: null, trtr: null, augmented: null, testWindows: realTest?.features.rows ?? 0, notes: ['the held-out real windows do not have both ictal and non-ictal windows'] };
  }
  const score = (train: LabelledFeatures): number => {
    const model = fitLogistic(train.features, train.labels, balancedWeights(train.labels));
    return auroc(model.predictLogit(realTest.features), realTest.labels);
  };
  const tstr = both(synthetic) ? score(synthetic as LabelledFeatures) : null;
  if (tstr === null) notes.push('the synthetic windows do not have both classes');
  const trtr = both(realTrain) ? score(realTrain as LabelledFeatures) : null;
  if (trtr === null) notes.push('the real training windows do not have both classes');
  let augmented: number | null = null;
  if (synthetic && realTrain && (both(synthetic) || both(realTrain))) {
    const labels = new Uint8Array(synthetic.labels.length + realTrain.labels.length);
    labels.set(Uint8Array.from(realTrain.labels as ArrayLike<number>));
    labels.set(Uint8Array.from(synthetic.labels as ArrayLike<number>), realTrain.labels.length);
    augmented = score({ features: stackFeatures([realTrain.features, synthetic.features]), labels });
  }
  return { tstr, trtr, augmented, testWindows: realTest.features.rows, notes };
}

/** Weights giving each label equal total weight. */
export function balancedWeights(labels: ArrayLike<number>): Float64Array {
  let pos = 0;
  for (let i = 0; i < labels.length; i++) pos += labels[i] ? 1 : 0;
  const neg = labels.length - pos;
  return Float64Array.from({ length: labels.length }, (_, i) => (labels[i] ? labels.length / (2 * Math.max(1, pos)) : labels.length / (2 * Math.max(1, neg))));
}
