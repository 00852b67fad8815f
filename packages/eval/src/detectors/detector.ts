import type { WindowSet } from '../types.js';

/**
 * Seizure detectors on 5 s windows, as the augmentation study trains and scores them
 * (docs/metrics.md, "Augmentation study"). Each gives every window a score (higher = more
 * likely ictal, for the window AUROC) and a decision (1 = the window is in alarm), which
 * OpenSeizureDetector's consecutive-window rule turns into alarms over an event.
 */

/** Windows a detector learns from, in milli-g, with their labels (1 = ictal). */
export interface DetectorTrainingSet {
  readonly samplesPerWindow: number;
  readonly values: Float32Array;
  readonly ictal: Uint8Array;
}

/** What a detector is told besides its windows. */
export interface DetectorContext {
  /** Seed of every random draw of its training. */
  readonly seed: number;
  /**
   * Input scaling fitted on the fold's real training windows only (milli-g − offset) / scale:
   * the same for every arm of a fold, so that arms differ only in the windows added.
   */
  readonly inputScale: { readonly offset: number; readonly scale: number };
}

/** Each window's score and in-alarm decision. */
export interface WindowDecisions {
  readonly scores: Float64Array;
  readonly decisions: Uint8Array;
}

export interface FittedDetector {
  decide(windows: WindowSet): WindowDecisions;
  /** Frees what the detector holds (TensorFlow.js variables); safe to call twice. */
  dispose(): void;
}

export interface WindowDetector {
  /** Its name in study.json: `osd`, `cnn`, `trees`. */
  readonly name: string;
  /** What it is, in a few words, for the study page. */
  readonly description: string;
  /** False for a fixed algorithm (OpenSeizureDetector's): it learns nothing, so every arm gives it the same result. */
  readonly trained: boolean;
  fit(train: DetectorTrainingSet, context: DetectorContext): Promise<FittedDetector>;
}

/** Windows a detector cannot learn from: it needs both classes. */
export function classCounts(train: DetectorTrainingSet): { ictal: number; nonIctal: number } {
  let ictal = 0;
  for (const label of train.ictal) ictal += label ? 1 : 0;
  return { ictal, nonIctal: train.ictal.length - ictal };
}
