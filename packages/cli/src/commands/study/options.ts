import type { Argv } from 'yargs';

/** The flags that make a study's plan (`accelgan study plan` and `accelgan study INPUT…`). */
export interface StudyPlanArgs {
  inputs: string[];
  out: string;
  folds: number;
  seeds: number;
  seed: number;
  'gan-steps'?: number;
  'gan-minutes'?: number;
  arch?: string;
  condition: 'ictal' | 'phase';
  'gan-threads': number;
  set?: string[];
  ratios: string;
  'classic-multiple': number;
  'noise-copies': number;
  'noise-mg': number;
  'phase-step': number;
  detectors: string;
  'cnn-steps': number;
  'cnn-filters': number;
  'cnn-layers': number;
  'cnn-batch': number;
  'tree-iterations': number;
  'tree-leaves': number;
  backend: 'auto' | 'node' | 'wasm' | 'cpu';
}

export interface StudyPlanOnlyArgs extends StudyPlanArgs {
  force: boolean;
}

/** `accelgan study INPUT… --out STUDY`: plan, run, collect. */
export interface StudyAllArgs extends StudyPlanArgs {
  workers?: number;
}

export interface StudyRunArgs {
  study: string;
  index?: number;
  workers?: number;
  wait: boolean;
  quiet: boolean;
}

export interface StudyCollectArgs {
  study: string;
}

/** Defaults as the CLI shows them; STUDY_DEFAULTS in @accelgan/workflows holds the same (study.test.ts checks). */
export const CLI_DEFAULTS = {
  folds: 5,
  seeds: 3,
  seed: 1,
  ganSteps: 600,
  ganThreads: 1,
  ratios: '1',
  classicMultiple: 10,
  noiseCopies: 10,
  noiseMg: 30,
  phaseStep: 5,
  detectors: 'osd,cnn,trees',
  cnnSteps: 300,
  cnnFilters: 32,
  cnnLayers: 3,
  cnnBatch: 64,
  treeIterations: 100,
  treeLeaves: 15,
} as const;

/** Adds the plan's flags to a yargs builder. */
export function planFlags<T>(y: Argv<T>) {
  return y
    .positional('inputs', {
      type: 'string',
      array: true,
      demandOption: true,
      describe: 'OSDB JSON or CSV files, or an ingested dataset (.arrow)',
    })
    .option('out', { type: 'string', demandOption: true, describe: 'Study directory' })
    .option('folds', {
      type: 'number',
      default: CLI_DEFAULTS.folds,
      describe: 'Folds per repeat (k-fold by recording, per user)',
    })
    .option('seeds', {
      type: 'number',
      default: CLI_DEFAULTS.seeds,
      describe: 'Repeats, each with its own folds and seeds',
    })
    .option('seed', {
      type: 'number',
      default: CLI_DEFAULTS.seed,
      describe: 'Seed of the first repeat (then seed + 1, …)',
    })
    .option('gan-steps', {
      type: 'number',
      describe: `GAN training steps per fold (default ${CLI_DEFAULTS.ganSteps}; deterministic)`,
    })
    .option('gan-minutes', {
      type: 'number',
      describe:
        'GAN training minutes per fold instead of steps (the steps reached, and so the results, depend on the machine)',
    })
    .conflicts('gan-steps', 'gan-minutes')
    .option('arch', { type: 'string', describe: 'GAN architecture (default: the default recipe; see accelgan models)' })
    .option('condition', {
      choices: ['ictal', 'phase'] as const,
      default: 'ictal' as const,
      describe: 'GAN conditioning; phase also generates whole events for the synthetic-only arm',
    })
    .option('gan-threads', {
      type: 'number',
      default: CLI_DEFAULTS.ganThreads,
      describe: 'Threads each GAN trains on, fixed by the plan so that a unit gives the same result anywhere',
    })
    .option('set', { type: 'string', array: true, describe: 'GAN training setting KEY=VALUE, as accelgan train --set' })
    .option('ratios', {
      type: 'string',
      default: CLI_DEFAULTS.ratios,
      describe: 'Synthetic ictal windows added, as multiples of the real ictal ones; comma-separated, one arm each',
    })
    .option('classic-multiple', {
      type: 'number',
      default: CLI_DEFAULTS.classicMultiple,
      describe:
        "Classic-augmentation windows added, as a multiple of the real ictal ones (drawn from the toolkit's phase and noise augmentation)",
    })
    .option('noise-copies', {
      type: 'number',
      default: CLI_DEFAULTS.noiseCopies,
      describe: 'Classic: noise copies per ictal window',
    })
    .option('noise-mg', {
      type: 'number',
      default: CLI_DEFAULTS.noiseMg,
      describe: 'Classic: noise standard deviation, milli-g',
    })
    .option('phase-step', {
      type: 'number',
      default: CLI_DEFAULTS.phaseStep,
      describe: 'Classic: samples between phase offsets (0 = no phase augmentation)',
    })
    .option('detectors', {
      type: 'string',
      default: CLI_DEFAULTS.detectors,
      describe: 'Detectors, comma-separated: osd, cnn',
    })
    .option('cnn-steps', {
      type: 'number',
      default: CLI_DEFAULTS.cnnSteps,
      describe: 'CNN detector: minibatch updates per arm',
    })
    .option('cnn-filters', {
      type: 'number',
      default: CLI_DEFAULTS.cnnFilters,
      describe: 'CNN detector: filters per convolution',
    })
    .option('cnn-layers', {
      type: 'number',
      default: CLI_DEFAULTS.cnnLayers,
      describe: 'CNN detector: convolution blocks',
    })
    .option('cnn-batch', {
      type: 'number',
      default: CLI_DEFAULTS.cnnBatch,
      describe: 'CNN detector: windows per minibatch',
    })
    .option('tree-iterations', {
      type: 'number',
      default: CLI_DEFAULTS.treeIterations,
      describe: 'Tree detector: boosting iterations (trees) per arm',
    })
    .option('tree-leaves', {
      type: 'number',
      default: CLI_DEFAULTS.treeLeaves,
      describe: 'Tree detector: leaves per tree at most',
    })
    .option('backend', {
      choices: ['auto', 'node', 'wasm', 'cpu'] as const,
      default: 'auto' as const,
      describe: 'TensorFlow.js backend of every unit',
    });
}
