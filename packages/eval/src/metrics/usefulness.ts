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
  /**
   * Conditional generation: how often the real-trained detector (the TRTR model, at its
   * balanced decision threshold, logit 0) gives each window its own label, on synthetic
   * windows and on held-out real windows, per class (ictal: called ictal; nonIctal: called
   * non-ictal). Null where the sets lack the class or the detector could not be trained.
   */
  readonly agreement: {
    readonly synthetic: { readonly ictal: number | null; readonly nonIctal: number | null };
    readonly heldOut: { readonly ictal: number | null; readonly nonIctal: number | null };
  } | null;
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
    return { tstr: null, trtr: null, augmented: null, agreement: null, testWindows: realTest?.features.rows ?? 0, notes: ['the held-out real windows do not have both ictal and non-ictal windows'] };
  }
  const score = (train: LabelledFeatures): number => {
    const model = fitLogistic(train.features, train.labels, balancedWeights(train.labels));
    return auroc(model.predictLogit(realTest.features), realTest.labels);
  };
  let agreement: UsefulnessResult['agreement'] = null;
  if (both(realTrain)) {
    const detector = fitLogistic(realTrain!.features, realTrain!.labels, balancedWeights(realTrain!.labels));
    const agree = (set: LabelledFeatures | null) => {
      if (!set) return { ictal: null, nonIctal: null };
      const logits = detector.predictLogit(set.features);
      return { ictal: labelRate(logits, set.labels, 1), nonIctal: labelRate(logits, set.labels, 0) };
    };
    agreement = { synthetic: agree(synthetic), heldOut: agree(realTest) };
  }
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
  return { tstr, trtr, augmented, agreement, testWindows: realTest.features.rows, notes };
}

/** Weights giving each label equal total weight. */
export function balancedWeights(labels: ArrayLike<number>): Float64Array {
  let pos = 0;
  for (let i = 0; i < labels.length; i++) pos += labels[i] ? 1 : 0;
  const neg = labels.length - pos;
  return Float64Array.from({ length: labels.length }, (_, i) => (labels[i] ? labels.length / (2 * Math.max(1, pos)) : labels.length / (2 * Math.max(1, neg))));
}

/** Among windows labelled `label`, the fraction the logits (> 0: ictal) also call `label`; null if none. */
function labelRate(logits: ArrayLike<number>, labels: ArrayLike<number>, label: 0 | 1): number | null {
  let n = 0;
  let agree = 0;
  for (let i = 0; i < labels.length; i++) {
    if ((labels[i] ? 1 : 0) !== label) continue;
    n += 1;
    if (((logits[i] as number) > 0 ? 1 : 0) === label) agree += 1;
  }
  return n ? agree / n : null;
}
