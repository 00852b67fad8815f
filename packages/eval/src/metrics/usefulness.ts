import { AccelganError } from '@accelgan/data';
import { auroc } from './distance.js';
import {
  chooseDetector,
  fitDetector,
  fixedDetector,
  hasBothClasses,
  outOfFoldLogits,
  type DetectorChoice,
  type LabelledFeatures,
} from './detector.js';
import { featureRows, stackFeatures } from './features.js';
import { makeRng, subSeed } from '../util/rng.js';
import { mean } from '../util/stats.js';

/** Resamples of the real training windows behind UsefulnessResult.tstrResampled. */
export const TSTR_RESAMPLE_DRAWS = 5;
/** Their seed: fixed, so the reference stays put when a run is re-reported with another generation seed. */
const TSTR_RESAMPLE_SEED = 1;

/** AUROC on held-out real windows of seizure detectors trained three ways; null where a set lacks a class. */
export interface UsefulnessResult {
  /** Train on synthetic, test on real. */
  readonly tstr: number | null;
  /** Train on real (training set), test on real: the reference. */
  readonly trtr: number | null;
  /** Train on real + synthetic, test on real. */
  readonly augmented: number | null;
  /**
   * TSTR of the training windows themselves: the same detector trained on resamples (with
   * replacement) of the real training windows, as many of each class as the synthetic set
   * has, scored like TSTR; `draws` holds each of TSTR_RESAMPLE_DRAWS, `mean` their mean.
   * Where a sampler of exactly the training windows lands against TRTR, by the resampling
   * alone; not graded. Null where TSTR or TRTR is.
   */
  readonly tstrResampled: { readonly mean: number; readonly draws: readonly number[] } | null;
  /**
   * Conditional generation: how often the real-trained detector (the TRTR model, at its
   * balanced decision threshold, logit 0) gives each window its own label, on synthetic
   * windows and on held-out real windows, per class (ictal: called ictal; nonIctal: called
   * non-ictal). Null where the sets lack the class or the detector could not be trained.
   * `training`: the same for the real training windows, each scored by a detector of the
   * same strength fitted without its recording (outOfFoldLogits): what windows of the
   * distribution the generator learnt score, where the held-out events may differ from it
   * (null where the training recordings are too few to fold).
   */
  readonly agreement: {
    readonly synthetic: ClassAgreement;
    readonly heldOut: ClassAgreement;
    readonly training: ClassAgreement;
  } | null;
  readonly testWindows: number;
  /** The detector every row here was trained with. */
  readonly detector: DetectorChoice;
  readonly notes: readonly string[];
}

/** Per class, the fraction of windows a detector calls by their own label; null where there are none. */
export interface ClassAgreement {
  readonly ictal: number | null;
  readonly nonIctal: number | null;
}

export interface UsefulnessOptions {
  /** Each real training window's recording (eval's recordingKeys), over which the detector's strength is cross-validated. */
  readonly trainRecordings?: readonly string[] | undefined;
}

/**
 * Usefulness of synthetic windows for seizure detection: one detector recipe (linear
 * logistic regression on the 41 standardised features, the classes weighted to equal total
 * weight, its L2 strength chosen on the real training windows by chooseDetector) learns
 * ictal (1) against non-ictal (0) from (i) synthetic, (ii) real training, (iii) both
 * pooled; each is scored by AUROC on the held-out real windows.
 */
export function usefulness(
  synthetic: LabelledFeatures | null,
  realTrain: LabelledFeatures | null,
  realTest: LabelledFeatures | null,
  options: UsefulnessOptions = {},
): UsefulnessResult {
  if (!realTest || !hasBothClasses(realTest)) {
    // Nothing can be scored, so the strength is not worth cross-validating.
    const detector = fixedDetector('the held-out real windows do not have both classes, so no detector is scored');
    return {
      tstr: null,
      trtr: null,
      augmented: null,
      tstrResampled: null,
      agreement: null,
      testWindows: realTest?.features.rows ?? 0,
      detector,
      notes: ['the held-out real windows do not have both ictal and non-ictal windows'],
    };
  }
  const notes: string[] = [];
  const detector = chooseDetector(realTrain, options.trainRecordings);
  const realTrainable = realTrain !== null && hasBothClasses(realTrain);
  if (detector.fixedBecause && realTrainable)
    notes.push(
      `The seizure detector's L2 strength is the fixed ${detector.l2PerRow} per window: ${detector.fixedBecause}.`,
    );
  const score = (train: LabelledFeatures): number =>
    auroc(fitDetector(train, detector.l2PerRow).predictLogit(realTest.features), realTest.labels);
  let agreement: UsefulnessResult['agreement'] = null;
  let trtr: number | null = null;
  if (realTrainable) {
    const trained = fitDetector(realTrain, detector.l2PerRow);
    trtr = auroc(trained.predictLogit(realTest.features), realTest.labels);
    const agree = (logits: ArrayLike<number>, labels: ArrayLike<number>): ClassAgreement => ({
      ictal: labelRate(logits, labels, 1),
      nonIctal: labelRate(logits, labels, 0),
    });
    agreement = {
      synthetic: synthetic
        ? agree(trained.predictLogit(synthetic.features), synthetic.labels)
        : { ictal: null, nonIctal: null },
      heldOut: agree(trained.predictLogit(realTest.features), realTest.labels),
      training: agree(outOfFoldLogits(realTrain, options.trainRecordings, detector.l2PerRow), realTrain.labels),
    };
  }
  const tstr = synthetic && hasBothClasses(synthetic) ? score(synthetic) : null;
  if (tstr === null) notes.push('the synthetic windows do not have both classes');
  if (trtr === null) notes.push('the real training windows do not have both classes');
  let augmented: number | null = null;
  if (synthetic && realTrain && (tstr !== null || realTrainable)) {
    const labels = new Uint8Array(synthetic.labels.length + realTrain.labels.length);
    labels.set(Uint8Array.from(realTrain.labels as ArrayLike<number>));
    labels.set(Uint8Array.from(synthetic.labels as ArrayLike<number>), realTrain.labels.length);
    augmented = score({ features: stackFeatures([realTrain.features, synthetic.features]), labels });
  }
  let tstrResampled: UsefulnessResult['tstrResampled'] = null;
  if (synthetic && realTrain && tstr !== null && trtr !== null) {
    const draws = Array.from({ length: TSTR_RESAMPLE_DRAWS }, (_, k) =>
      score(resampleLike(realTrain, synthetic.labels, subSeed(TSTR_RESAMPLE_SEED, `tstr-resample/${k}`))),
    );
    tstrResampled = { mean: mean(draws), draws };
  }
  return { tstr, trtr, augmented, tstrResampled, agreement, testWindows: realTest.features.rows, detector, notes };
}

/**
 * Rows of `set` drawn with replacement, class by class, as many ictal and non-ictal rows as
 * `like` has labels of each, ictal first. Seeded. Throws where `like` asks for a class
 * `set` lacks.
 */
export function resampleLike(set: LabelledFeatures, like: ArrayLike<number>, seed: number): LabelledFeatures {
  const rand = makeRng(seed);
  const rows: number[] = [];
  const labels: number[] = [];
  for (const label of [1, 0]) {
    const pool: number[] = [];
    for (let i = 0; i < set.labels.length; i++) if ((set.labels[i] ? 1 : 0) === label) pool.push(i);
    let want = 0;
    for (let i = 0; i < like.length; i++) if ((like[i] ? 1 : 0) === label) want += 1;
    if (want > 0 && !pool.length)
      throw new AccelganError(
        `cannot resample ${want} ${label ? 'ictal' : 'non-ictal'} windows from a set that has none`,
      );
    for (let k = 0; k < want; k++) {
      rows.push(pool[Math.floor(rand() * pool.length)] as number);
      labels.push(label);
    }
  }
  return { features: featureRows(set.features, rows), labels: Uint8Array.from(labels) };
}

/**
 * Among windows labelled `label` with a logit, the fraction the logits (> 0: ictal) also
 * call `label`; null if none. NaN marks a window not scored (outOfFoldLogits' folds that
 * could not be fitted), left out rather than counted as non-ictal; the fitted detector's
 * logits on finite features are never NaN.
 */
function labelRate(logits: ArrayLike<number>, labels: ArrayLike<number>, label: 0 | 1): number | null {
  let n = 0;
  let agree = 0;
  for (let i = 0; i < labels.length; i++) {
    if ((labels[i] ? 1 : 0) !== label || Number.isNaN(logits[i] as number)) continue;
    n += 1;
    if (((logits[i] as number) > 0 ? 1 : 0) === label) agree += 1;
  }
  return n ? agree / n : null;
}
