import { AccelganError, OSD_DEFAULTS, type OsdSettings } from '@accelgan/data';
import {
  CRITIC_NAMES,
  DISCRIMINATIVE_FOLDS,
  discriminativeScore,
  type DiscriminativeOptions,
} from './metrics/discriminative.js';
import { calibrationLadder, type CalibrationLadder } from './ladder/ladder.js';
import { compareProfiles, summarise, type DistanceMetrics, type SideSummary } from './metrics/compare.js';
import { whatGivesItAway, type GiveawayResult } from './metrics/giveaway.js';
import { ensureBackend } from './util/backend.js';
import { richFeatures } from './metrics/rich-features.js';
import { floorSpread, type DistanceSpread } from './metrics/floor-spread.js';
import { memorisation } from './metrics/memorisation.js';
import { medianHeuristicSigma } from './metrics/mmd.js';
import { profileSet, type SetProfile } from './metrics/profile.js';
import { usefulness } from './metrics/usefulness.js';
import { buildRows } from './report/rows.js';
import { overallVerdict } from './report/verdict.js';
import { makeRng, sampleIndices, subSeed } from './util/rng.js';
import {
  assertComparable,
  classIndices,
  concatWindows,
  countWindows,
  recordingKeys,
  subsetWindows,
  splitByEvent,
} from './windows.js';
import type { BackendChoice } from '@accelgan/model';
import type { Evaluation, EvaluationMetrics, SetDescription } from './result-types.js';
import type { ClassName, PerClass, ProgressFn, WindowSet } from './types.js';

/** The critics' options (folds, seeds, which critics, the CNN's settings) are the discriminative score's. */
export interface EvaluateWindowsOptions
  extends Pick<DiscriminativeOptions, 'folds' | 'seeds' | 'critics' | 'cnn' | 'trees'> {
  /** Score the calibration ladder (ladder/ladder.ts) where the tree critic runs (default true). */
  readonly ladder?: boolean;
  readonly seed?: number;
  /** Held-out fraction of real events when no training set is known (default 0.2). */
  readonly valFraction?: number;
  readonly osd?: Partial<OsdSettings>;
  /** TensorFlow.js backend for the CNN critic (default auto: wasm here). */
  readonly backend?: BackendChoice;
  /** Random re-splits of the real recordings for the real-vs-real spread of the distances (default 20; 0 = none). */
  readonly floorSplits?: number;
  readonly onProgress?: ProgressFn;
}

export interface EvaluationInputs {
  /** Real windows (milli-g): the held-out reference, or a whole dataset whose `split` says which are held out. */
  readonly real: WindowSet;
  /** Synthetic windows (milli-g). */
  readonly synthetic: WindowSet;
  /** The real windows the generator was trained on, when known. */
  readonly train?: WindowSet | undefined;
  /** Split of each real window ('train' | 'val'), when `real` is a dataset that has one. */
  readonly realSplit?: readonly string[] | undefined;
}

/**
 * Computes every metric of synthetic windows against real ones, and of real training
 * windows against real held-out windows (the floor). No files are read or written.
 */
export async function evaluateWindows(
  inputs: EvaluationInputs,
  options: EvaluateWindowsOptions = {},
): Promise<Evaluation> {
  const seed = options.seed ?? 1;
  const folds = options.folds ?? DISCRIMINATIVE_FOLDS;
  const seeds = options.seeds ?? 2;
  const valFraction = options.valFraction ?? 0.2;
  const critics = options.critics ?? CRITIC_NAMES;
  const osdSettings = { ...OSD_DEFAULTS, ...options.osd };
  const progress = options.onProgress ?? (() => undefined);
  const timings: Record<string, number> = {};
  const notes: string[] = [];
  let stageStart = performance.now();
  let stageName = '';
  const stage = (name: string): void => {
    if (stageName) timings[stageName] = (performance.now() - stageStart) / 1000;
    stageName = name;
    stageStart = performance.now();
    if (name) progress(name);
  };

  stage('splitting real windows');
  assertComparable(inputs.real, inputs.synthetic);
  if (inputs.train) assertComparable(inputs.train, inputs.real, 'training and real windows');
  const { realTrain, realHeldOut, how } = resolveRoles(inputs, valFraction, seed);
  if (!inputs.train && !(inputs.realSplit && how.startsWith('the real')))
    notes.push(
      'No training set was given, so the memorisation check compares with real windows the generator may never have seen.',
    );
  const synthetic = inputs.synthetic;

  stage('profiling windows');
  const profiles = {
    realTrain: profileSet(realTrain, osdSettings),
    realHeldOut: profileSet(realHeldOut, osdSettings),
    synthetic: profileSet(synthetic, osdSettings),
  };

  const rich = critics.includes('trees')
    ? {
        realTrain: richFeatures(realTrain),
        realHeldOut: richFeatures(realHeldOut),
        synthetic: richFeatures(synthetic),
      }
    : undefined;

  const discOptions = {
    folds,
    seeds,
    seed,
    critics,
    ...(options.cnn ? { cnn: options.cnn } : {}),
    ...(options.trees ? { trees: options.trees } : {}),
    ...(options.backend ? { backend: options.backend } : {}),
  };
  // The critics first: where the tree critic runs on worker threads (critics/tree-threads.ts),
  // its folds (the calibration ladder's and the two scores') run there while this thread
  // trains the CNN critic and computes the other metrics. Every number is the same as
  // when they are computed one after another: nothing they share changes.
  if (critics.includes('cnn')) await ensureBackend(options.backend ?? 'auto'); // once, before the two scores start together
  const runningSynthetic = discriminativeScore(realHeldOut, synthetic, {
    ...discOptions,
    features: { a: profiles.realHeldOut.features, b: profiles.synthetic.features },
    richFeatures: { a: rich?.realHeldOut, b: rich?.synthetic },
    onProgress: (_step, f) => progress(`discriminative score: synthetic vs real`, f),
  });
  const runningFloor = discriminativeScore(realHeldOut, realTrain, {
    ...discOptions,
    features: { a: profiles.realHeldOut.features, b: profiles.realTrain.features },
    richFeatures: { a: rich?.realHeldOut, b: rich?.realTrain },
    onProgress: (_step, f) => progress(`discriminative score: real vs real (floor)`, f),
  });
  let runningLadder: Promise<CalibrationLadder> | undefined;
  if (rich && (options.ladder ?? true)) {
    stage('calibration ladder: making the known fakes');
    runningLadder = calibrationLadder(realHeldOut, realTrain, runningSynthetic, {
      folds,
      seeds,
      seed,
      richHeldOut: rich.realHeldOut,
      floor: runningFloor,
      ...(options.trees ? { trees: options.trees } : {}),
      onProgress: (_step, f) => {
        if (stageName === 'calibration ladder') progress('calibration ladder', f);
      },
    });
  }
  // Awaited below; these only keep an early failure from going unhandled meanwhile.
  for (const running of [runningSynthetic, runningFloor, runningLadder]) running?.catch(() => undefined);

  stage('spectra, OSD and distribution distances');
  const sigma = medianHeuristicSigma(realHeldOut, undefined, { seed: subSeed(seed, 'sigma') });
  const distSynthetic: Partial<Record<ClassName, DistanceMetrics>> = {};
  const distFloor: Partial<Record<ClassName, DistanceMetrics>> = {};
  const sumHeld: Partial<Record<ClassName, SideSummary>> = {};
  const sumTrain: Partial<Record<ClassName, SideSummary>> = {};
  const sumSyn: Partial<Record<ClassName, SideSummary>> = {};
  for (const cls of ['all', 'ictal', 'nonIctal'] as const) {
    const ib = classIndices(realHeldOut, cls);
    const ia = classIndices(realTrain, cls);
    const isAll = classIndices(synthetic, cls);
    if (ib.length) sumHeld[cls] = summarise(profiles.realHeldOut, ib);
    if (ia.length) sumTrain[cls] = summarise(profiles.realTrain, ia);
    if (isAll.length) sumSyn[cls] = summarise(profiles.synthetic, isAll);
    if (!ib.length || !isAll.length) continue;
    const is = matchedSynthetic(synthetic, realTrain, cls, makeRng(subSeed(seed, `match/${cls}`)));
    const mmdSeed = subSeed(seed, `mmd/${cls}`);
    distSynthetic[cls] = compareProfiles(profiles.realHeldOut, ib, profiles.synthetic, is, { sigma, seed: mmdSeed });
    if (ia.length)
      distFloor[cls] = compareProfiles(profiles.realHeldOut, ib, profiles.realTrain, ia, { sigma, seed: mmdSeed });
  }

  const floorSplits = options.floorSplits ?? 20;
  const spreadNotes: string[] = [];
  let spreads: PerClass<DistanceSpread> | undefined;
  if (floorSplits > 0) {
    stage('real-vs-real spread of the distances');
    const pool = concatWindows([realTrain, realHeldOut]);
    const heldOutRecordings = new Set(recordingKeys(realHeldOut)).size;
    const recordings = new Set(recordingKeys(pool)).size;
    if (recordings >= 2)
      spreads = floorSpread(profileSet(pool, osdSettings), {
        splits: floorSplits,
        fraction: heldOutRecordings / recordings,
        sigma,
        seed: subSeed(seed, 'floor-spread'),
      });
    else
      spreadNotes.push(
        'The real windows come from one recording, so there is no real-vs-real spread to re-split: each distance has only its floor.',
      );
  }

  stage('usefulness for seizure detection');
  const labelled = (p: SetProfile): { features: typeof p.features; labels: Uint8Array } | null =>
    p.set.ictal ? { features: p.features, labels: p.set.ictal } : null;
  const useful = usefulness(
    labelled(profiles.synthetic),
    labelled(profiles.realTrain),
    labelled(profiles.realHeldOut),
    { trainRecordings: recordingKeys(realTrain) },
  );

  stage('memorisation');
  const memo = memorisation(synthetic, realTrain, realHeldOut, subSeed(seed, 'data-copying'));

  stage('discriminative score: synthetic vs real');
  const discSynthetic = await runningSynthetic;
  stage('discriminative score: real vs real (floor)');
  const discFloor = await runningFloor;
  notes.push(...new Set([...discSynthetic.notes, ...discFloor.notes]), ...spreadNotes);

  let ladder: CalibrationLadder | undefined;
  let giveaway: GiveawayResult | undefined;
  if (rich) {
    if (runningLadder) {
      stage('calibration ladder');
      ladder = await runningLadder;
    }
    stage('what gives it away');
    giveaway = whatGivesItAway(
      {
        realHeldOut: { set: realHeldOut, features: rich.realHeldOut },
        synthetic: { set: synthetic, features: rich.synthetic },
        realTrain: { set: realTrain, features: rich.realTrain },
      },
      { treeGain: discSynthetic.treeGain },
    );
  }
  stage('');

  const describe = (s: WindowSet): SetDescription => ({
    windows: countWindows(s),
    ictal: s.ictal ? classIndices(s, 'ictal').length : null,
    nonIctal: s.ictal ? classIndices(s, 'nonIctal').length : null,
    events: s.eventId?.some((e) => e) ? new Set(s.eventId).size : null,
  });
  const partial = {
    discriminative: { synthetic: discSynthetic, floor: discFloor },
    ...(ladder ? { ladder } : {}),
    distances: {
      synthetic: distSynthetic as PerClass<DistanceMetrics>,
      floor: distFloor as PerClass<DistanceMetrics>,
      ...(spreads ? { floorSpread: spreads } : {}),
      mmdSigma: sigma,
    },
    usefulness: useful,
    memorisation: { nearThreshold: memo.nearThreshold, perClass: memo.perClass, dataCopying: memo.dataCopying },
  };
  const rows = buildRows(partial);
  const metrics: EvaluationMetrics = {
    format: 'accelgan-evaluation',
    version: 1,
    createdAt: new Date().toISOString(),
    seed,
    samplesPerWindow: synthetic.samplesPerWindow,
    options: { folds, seeds, critics: [...critics], valFraction, floorSplits },
    roles: { how, realTrain: describe(realTrain), realHeldOut: describe(realHeldOut), synthetic: describe(synthetic) },
    ...partial,
    ...(giveaway ? { giveaway } : {}),
    summaries: {
      realHeldOut: sumHeld as PerClass<SideSummary>,
      realTrain: sumTrain as PerClass<SideSummary>,
      synthetic: sumSyn as PerClass<SideSummary>,
    },
    osdSettings,
    rows,
    verdict: overallVerdict(
      rows.map((r) => ({ id: r.id, graded: r.graded, verdict: r.perClass.all?.verdict ?? 'n/a' })),
    ),
    timings,
    notes: [...notes, ...useful.notes],
  };
  return { metrics, sets: { realTrain, realHeldOut, synthetic }, profiles, memorisation: memo };
}

/**
 * The synthetic windows a distance is computed on, chosen so the distance stands on the
 * same footing as its floor (real training vs held-out windows): at most as many as the
 * real training windows of the class; for 'all', where both sets are labelled, in the
 * real training windows' class mix (each class scaled by the same factor, at most 1).
 * Seeded; ascending indices.
 */
function matchedSynthetic(synthetic: WindowSet, realTrain: WindowSet, cls: ClassName, rand: () => number): number[] {
  const pick = (idx: number[], n: number): number[] =>
    n >= idx.length ? idx : sampleIndices(idx.length, n, rand).map((k) => idx[k] as number);
  const all = classIndices(synthetic, cls);
  const target = classIndices(realTrain, cls).length;
  if (!target) return all;
  if (cls !== 'all' || !synthetic.ictal || !realTrain.ictal) return pick(all, target).sort((x, y) => x - y);
  const parts = (['ictal', 'nonIctal'] as const).map((c) => ({
    syn: classIndices(synthetic, c),
    want: classIndices(realTrain, c).length,
  }));
  if (parts.some((p) => p.want > 0 && p.syn.length === 0)) return pick(all, target).sort((x, y) => x - y);
  const factor = Math.min(1, ...parts.filter((p) => p.want > 0).map((p) => p.syn.length / p.want));
  return parts.flatMap((p) => pick(p.syn, Math.round(p.want * factor))).sort((x, y) => x - y);
}

/** Which real windows play the generator's training set and which the held-out reference. */
export function resolveRoles(
  inputs: EvaluationInputs,
  valFraction: number,
  seed: number,
): { realTrain: WindowSet; realHeldOut: WindowSet; how: string } {
  if (inputs.train)
    return {
      realTrain: inputs.train,
      realHeldOut: inputs.real,
      how: 'training windows given separately; all real windows are held out',
    };
  const split = inputs.realSplit;
  if (split) {
    const train: number[] = [];
    const val: number[] = [];
    split.forEach((s, i) => (s === 'val' ? val : train).push(i));
    if (train.length && val.length) {
      return {
        realTrain: subsetWindows(inputs.real, train),
        realHeldOut: subsetWindows(inputs.real, val),
        how: "the real dataset's own split: its train windows against its val windows",
      };
    }
  }
  if (countWindows(inputs.real) < 4)
    throw new AccelganError('too few real windows to evaluate against (need at least 4)');
  const { first, second } = splitByEvent(inputs.real, valFraction, makeRng(subSeed(seed, 'roles')));
  return {
    realTrain: subsetWindows(inputs.real, first),
    realHeldOut: subsetWindows(inputs.real, second),
    how: `no training set given: real windows split by event, ${Math.round(valFraction * 100)}% of events held out (seed ${seed})`,
  };
}
