import { AccelganError } from '@accelgan/data';
import {
  CLASSIC_AUGMENTATION_DEFAULTS,
  CNN_DETECTOR_DEFAULTS,
  TREE_DETECTOR_DEFAULTS,
  type ClassicAugmentationOptions,
  type CnnDetectorOptions,
  type TreeDetectorOptions,
} from '@accelgan/eval';
import type { BackendChoice } from '@accelgan/model';

/** How a study is made: everything the plan fixes, so that every unit is a function of it. */
export interface StudyOptions {
  /** Folds per repeat (k-fold by recording). */
  readonly folds: number;
  /** Repeats, each with its own fold assignment and training seeds: seeds `seed`, `seed` + 1, …. */
  readonly seeds: number;
  readonly seed: number;
  readonly gan: GanOptions;
  /** Synthetic ictal windows added, as multiples of the fold's real ictal training windows: one arm (and one with classic too) per ratio. */
  readonly ratios: readonly number[];
  /** Classic-augmentation windows added, as a multiple of the fold's real ictal training windows. */
  readonly classicMultiple: number;
  readonly classic: ClassicAugmentationOptions;
  /** Detectors to train and score, by name (`osd`, `cnn`, `trees`). */
  readonly detectors: readonly string[];
  readonly cnn: CnnDetectorOptions;
  readonly trees: TreeDetectorOptions;
  readonly backend: BackendChoice;
}

export interface GanOptions {
  /** Training steps per fold (deterministic); or null with `minutes`. */
  readonly steps: number | null;
  /** Minutes per fold (the steps reached depend on the machine); or null with `steps`. */
  readonly minutes: number | null;
  /** The architecture; default the default recipe's. */
  readonly arch: string | null;
  /** `ictal` (the default recipe) or `phase` (whole events are generated for the synthetic-only arm). */
  readonly condition: 'ictal' | 'phase';
  /**
   * Threads each GAN trains on. Fixed by the plan, not by the machine, because threads change
   * float summation order: a unit run anywhere gives the same weights.
   */
  readonly threads: number;
  /** Training settings over the architecture's defaults (`accelgan train --set`). */
  readonly set: Readonly<Record<string, string | number>>;
}

/**
 * Defaults that fit the shared sample's 5 folds × 3 seeds in an hour on two cores
 * (docs/usefulness.md gives the measurement).
 */
export const STUDY_DEFAULTS: StudyOptions = {
  folds: 5,
  seeds: 3,
  seed: 1,
  gan: { steps: 600, minutes: null, arch: null, condition: 'ictal', threads: 1, set: {} },
  ratios: [1],
  classicMultiple: 10,
  classic: CLASSIC_AUGMENTATION_DEFAULTS,
  detectors: ['osd', 'cnn', 'trees'],
  cnn: CNN_DETECTOR_DEFAULTS,
  trees: TREE_DETECTOR_DEFAULTS,
  backend: 'auto',
};

export const STUDY_DETECTORS = ['osd', 'cnn', 'trees'] as const;

/** Checks options a user gave, with one line naming the flag. */
export function checkStudyOptions(o: StudyOptions): void {
  const whole = (value: number, flag: string, min: number) => {
    if (!Number.isInteger(value) || value < min)
      throw new AccelganError(`--${flag} must be a whole number of at least ${min}; got ${value}`, 2);
  };
  whole(o.folds, 'folds', 2);
  whole(o.seeds, 'seeds', 1);
  if (!Number.isInteger(o.seed)) throw new AccelganError(`--seed must be a whole number; got ${o.seed}`, 2);
  if ((o.gan.steps === null) === (o.gan.minutes === null))
    throw new AccelganError('give the GAN budget as --gan-steps or as --gan-minutes, not both', 2);
  if (o.gan.steps !== null) whole(o.gan.steps, 'gan-steps', 1);
  if (o.gan.minutes !== null && !(o.gan.minutes > 0 && Number.isFinite(o.gan.minutes)))
    throw new AccelganError(`--gan-minutes must be above 0; got ${o.gan.minutes}`, 2);
  whole(o.gan.threads, 'gan-threads', 1);
  if (!o.ratios.length || o.ratios.some((r) => !(r > 0 && Number.isFinite(r))))
    throw new AccelganError(`--ratios must be numbers above 0; got ${o.ratios.join(',')}`, 2);
  if (new Set(o.ratios).size !== o.ratios.length)
    throw new AccelganError(`--ratios lists a ratio twice: ${o.ratios.join(',')}`, 2);
  if (!(o.classicMultiple >= 0 && Number.isFinite(o.classicMultiple)))
    throw new AccelganError(`--classic-multiple must be at least 0; got ${o.classicMultiple}`, 2);
  whole(o.classic.noiseCopies, 'noise-copies', 0);
  if (!(o.classic.noiseMg >= 0)) throw new AccelganError(`--noise-mg must be at least 0; got ${o.classic.noiseMg}`, 2);
  whole(o.classic.phaseStep, 'phase-step', 0);
  if (o.classic.phaseStep >= 125)
    throw new AccelganError(`--phase-step must be below 125 samples; got ${o.classic.phaseStep}`, 2);
  if (!o.detectors.length) throw new AccelganError('name at least one detector', 2);
  for (const d of o.detectors)
    if (!(STUDY_DETECTORS as readonly string[]).includes(d))
      throw new AccelganError(`unknown detector "${d}"; use ${STUDY_DETECTORS.join(', ')}`, 2);
  whole(o.cnn.steps, 'cnn-steps', 1);
  whole(o.cnn.filters, 'cnn-filters', 1);
  whole(o.cnn.layers, 'cnn-layers', 1);
  whole(o.cnn.batchSize, 'cnn-batch', 2);
  whole(o.trees.iterations, 'tree-iterations', 1);
  whole(o.trees.maxLeaves, 'tree-leaves', 2);
}

/** The arms every trained detector is trained under, in order. */
export interface Arm {
  readonly id: string;
  readonly label: string;
  readonly description: string;
  readonly classic: boolean;
  /** Ratio of synthetic ictal windows added; null for none. */
  readonly ratio: number | null;
  /** Real windows replaced by generated ones of both classes. */
  readonly syntheticOnly: boolean;
}

export function studyArms(o: Pick<StudyOptions, 'ratios' | 'classicMultiple' | 'classic'>): Arm[] {
  const classicText = `${o.classicMultiple} × the real ictal windows, drawn from the toolkit's phase (step ${o.classic.phaseStep} samples) and noise (${o.classic.noiseCopies} copies, ${o.classic.noiseMg} mg) augmentation of them`;
  const synthText = (r: number) => `${r} × the real ictal windows of generated ictal windows`;
  const arms: Arm[] = [
    {
      id: 'real',
      label: 'real only',
      description: "the fold's real training windows",
      classic: false,
      ratio: null,
      syntheticOnly: false,
    },
    {
      id: 'classic',
      label: 'real + classic',
      description: `real, plus ${classicText}`,
      classic: true,
      ratio: null,
      syntheticOnly: false,
    },
  ];
  for (const r of o.ratios)
    arms.push({
      id: `synthetic-x${r}`,
      label: `real + synthetic ×${r}`,
      description: `real, plus ${synthText(r)}`,
      classic: false,
      ratio: r,
      syntheticOnly: false,
    });
  for (const r of o.ratios)
    arms.push({
      id: `classic+synthetic-x${r}`,
      label: `real + classic + synthetic ×${r}`,
      description: `real, plus the classic windows, plus ${synthText(r)}`,
      classic: true,
      ratio: r,
      syntheticOnly: false,
    });
  arms.push({
    id: 'synthetic-only',
    label: 'synthetic only',
    description: 'as many generated windows as the fold has real ones, both classes in the training proportions',
    classic: false,
    ratio: null,
    syntheticOnly: true,
  });
  return arms;
}
