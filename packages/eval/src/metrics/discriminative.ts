import { AccelganError } from '@accelgan/data';
import type { BackendChoice } from '@accelgan/model';
import { cnnTrainPredict, CNN_DEFAULTS, type CnnOptions } from '../critics/cnn.js';
import { countGroups, groupKFold } from '../critics/folds.js';
import { fitLogistic } from '../critics/logistic.js';
import { scoreFromAccuracies, type ScoreWithCI } from '../critics/score.js';
import { classCode, sideLabels, stackRows } from '../critics/critic-rows.js';
import type { TreeFoldPart, TreeFoldResult } from '../critics/tree-fold.js';
import { fitTreeFold } from '../critics/tree-threads.js';
import { TREE_DEFAULTS, type TreeOptions } from '../critics/trees.js';
import { windowFeatures, type FeatureMatrix } from './features.js';
import { richFeatures } from './rich-features.js';
import { ensureBackend, gradientsAvailable } from '../util/backend.js';
import { makeRng, sampleIndices, subSeed } from '../util/rng.js';
import { assertComparable, classIndices, recordingKeys } from '../windows.js';
import type { ClassName, PerClass, ProgressFn, WindowSet } from '../types.js';

/** The critics: a 1-D CNN, a quadratic logistic regression on 41 features, gradient-boosted trees on the rich features. */
export type CriticName = 'cnn' | 'features' | 'trees';

export const CRITIC_NAMES: readonly CriticName[] = ['cnn', 'features', 'trees'];

/** Default folds: each critic trains on 80% of the windows, as the usual 5-fold check a researcher runs. */
export const DISCRIMINATIVE_FOLDS = 5;

/** One stratum of one fold, as the critics saw it (indices into A and B): for exporting the protocol to other tools. */
export interface CriticSplit {
  readonly seed: number;
  readonly fold: number;
  readonly cls: ClassName;
  readonly trainA: readonly number[];
  readonly trainB: readonly number[];
  readonly testA: readonly number[];
  readonly testB: readonly number[];
}

export interface DiscriminativeOptions {
  /** Folds of the cross-validation by recording (reduced to the number of groups where fewer). Default DISCRIMINATIVE_FOLDS. */
  readonly folds?: number;
  /** Repetitions with different seeds (fold assignment, balancing subsample, CNN initialisation). Default 2. */
  readonly seeds?: number;
  readonly seed?: number;
  /** Critics to run; default all three. */
  readonly critics?: readonly CriticName[];
  readonly cnn?: Partial<Omit<CnnOptions, 'seed'>>;
  /** The tree critic's settings (critics/trees.ts). */
  readonly trees?: Partial<TreeOptions>;
  /** A class is scored on its own only where each side has at least this many windows of it. Default 20. */
  readonly minPerClass?: number;
  /** At most this many windows per side and class enter the comparison (subsampled). Default 1500. */
  readonly maxPerClass?: number;
  /** At most this many windows per side (over all classes, in proportion) train and test the CNN. Default 500. */
  readonly cnnMaxPerSide?: number;
  /** Precomputed windowFeatures of the two sets (saves recomputing them). */
  readonly features?: { readonly a: FeatureMatrix; readonly b: FeatureMatrix };
  /** Precomputed richFeatures of either set, for the tree critic. */
  readonly richFeatures?: { readonly a?: FeatureMatrix | undefined; readonly b?: FeatureMatrix | undefined };
  /** Called with every stratum of every fold the feature critics train and test on. */
  readonly onSplit?: (split: CriticSplit) => void;
  /** TensorFlow.js backend for the CNN critic (default auto). */
  readonly backend?: BackendChoice;
  readonly onProgress?: ProgressFn;
}

export interface CriticResult extends ScoreWithCI {
  readonly perClass: PerClass<ScoreWithCI>;
}

export interface DiscriminativeResult {
  /** Headline: the larger (worse) of the critics' scores. */
  readonly score: number;
  readonly lo: number;
  readonly hi: number;
  readonly critic: CriticName;
  readonly perClass: PerClass<{
    readonly score: number;
    readonly lo: number;
    readonly hi: number;
    readonly critic: CriticName;
  }>;
  readonly critics: Partial<Record<CriticName, CriticResult>>;
  readonly folds: number;
  readonly seeds: number;
  /** Windows per side entering the comparison, per class (the feature critic's). */
  readonly windowsPerSide: PerClass<number>;
  /** Windows per side the CNN critic saw (all classes). */
  readonly cnnWindowsPerSide: number;
  /** How each side was grouped into folds: by event, or window by window where it has too few events. */
  readonly grouping: { readonly a: 'event' | 'window'; readonly b: 'event' | 'window' };
  /**
   * The tree critic's own importance: each rich feature's share of the total split gain
   * (the class column's left out), summed over its folds and seeds.
   */
  readonly treeGain?: readonly number[];
  /** Anything the reader should know, e.g. a critic that could not run. */
  readonly notes: readonly string[];
}

/**
 * Discriminative score of set B (e.g. synthetic) against set A (e.g. real): post-hoc
 * critics trained to tell A from B, |balanced accuracy - 0.5| on held-out folds.
 * Design (docs/metrics.md has the full definition):
 * - strata: where both sets are labelled, each class with >= minPerClass windows on both
 *   sides is a stratum; otherwise one unlabelled stratum. Other windows are left out.
 * - per seed: each side is subsampled per stratum to n_c = min(|A_c|, |B_c|, maxPerClass);
 *   each side's groups (events; single windows for a side without event ids or with fewer
 *   events than folds) are dealt into k folds separately, so no event is in both a
 *   training and a test fold.
 * - per fold: the feature critic (quadratic logistic regression) is fitted per stratum;
 *   the CNN critic is one network over all strata, told each window's class by an input
 *   channel, on a random subset of at most cnnMaxPerSide windows per side. Training sides
 *   are weighted to equal total weight within each stratum. Balanced accuracy =
 *   (acc_A + acc_B)/2 of the fold's predictions (pooled over strata for 'all').
 * - a critic's score is |mean - 0.5| over the k × seeds balanced accuracies, with the
 *   t-interval mapped as in scoreFromAccuracies; the headline is the worse critic.
 */
export async function discriminativeScore(
  a: WindowSet,
  b: WindowSet,
  options: DiscriminativeOptions = {},
): Promise<DiscriminativeResult> {
  assertComparable(a, b);
  const k = options.folds ?? DISCRIMINATIVE_FOLDS;
  const seeds = options.seeds ?? 2;
  const seed = options.seed ?? 1;
  const notes: string[] = [];
  let critics: readonly CriticName[] = options.critics ?? CRITIC_NAMES;
  if (critics.includes('cnn')) {
    await ensureBackend(options.backend ?? 'auto');
    if (!(await gradientsAvailable())) {
      critics = critics.filter((c) => c !== 'cnn');
      notes.push('CNN critic skipped: TensorFlow.js has no gradients registered in this runtime');
      if (!critics.length)
        throw new AccelganError('the CNN critic needs TensorFlow.js gradients, which this runtime lacks');
    }
  }
  const minPerClass = options.minPerClass ?? 20;
  const maxPerClass = options.maxPerClass ?? 1500;
  const cnnMaxPerSide = options.cnnMaxPerSide ?? 500;
  const cnnOptions = { ...CNN_DEFAULTS, ...options.cnn };
  if (k < 2) throw new AccelganError('the discriminative score needs at least 2 folds');
  if (seeds < 1) throw new AccelganError('the discriminative score needs at least 1 seed');
  const featA = critics.includes('features') ? (options.features?.a ?? windowFeatures(a)) : undefined;
  const featB = critics.includes('features') ? (options.features?.b ?? windowFeatures(b)) : undefined;
  const richA = critics.includes('trees') ? (options.richFeatures?.a ?? richFeatures(a)) : undefined;
  const richB = critics.includes('trees') ? (options.richFeatures?.b ?? richFeatures(b)) : undefined;
  const treeOptions = { ...TREE_DEFAULTS, ...options.trees };
  const gainSums = new Map<ClassName, Float64Array>();

  const strata = strataOf(a, b, minPerClass);
  const groupsA = recordingKeys(a);
  const groupsB = recordingKeys(b);
  const byEventA = countGroups(groupsA) >= k;
  const byEventB = countGroups(groupsB) >= k;
  const keysA = byEventA ? groupsA : groupsA.map((_, i) => `w:${i}`);
  const keysB = byEventB ? groupsB : groupsB.map((_, i) => `w:${i}`);
  const reported: ClassName[] = strata[0] === 'all' ? ['all'] : ['all', ...strata];

  // accuracies[critic][class] = one balanced accuracy per (seed, fold) with both sides present.
  const accuracies = new Map<CriticName, Map<ClassName, number[]>>();
  for (const c of critics) accuracies.set(c, new Map(reported.map((cls) => [cls, [] as number[]])));
  const windowsPerSide: Partial<Record<ClassName, number>> = {};
  let cnnWindowsPerSide = 0;
  const totalSteps = seeds * k;
  let step = 0;
  // Progress: the folds' other critics first, then (where they run apart) the tree critic's folds.
  const treeShare = critics.includes('trees') ? 0.5 : 0;
  const treeFolds: { parts: readonly TreeFoldPart[]; result: Promise<TreeFoldResult> }[] = [];
  const emptyTallies = () => new Map(reported.map((cls) => [cls, [0, 0, 0, 0] as Tally]));
  /** A fold's balanced accuracy per class, where it tested windows of both sets. */
  const addAccuracies = (critic: CriticName, byClass: Map<ClassName, Tally>): void => {
    for (const [cls, t] of byClass) {
      if (t[1] > 0 && t[3] > 0)
        accuracies
          .get(critic)
          ?.get(cls)
          ?.push((t[0] / t[1] + t[2] / t[3]) / 2);
    }
  };

  for (let s = 0; s < seeds; s++) {
    const rand = makeRng(subSeed(seed, `discriminative/${s}`));
    const foldA = groupKFold(keysA, k, rand);
    const foldB = groupKFold(keysB, k, rand);
    const chosen = strata.map((cls) => {
      const ia = classIndices(a, cls);
      const ib = classIndices(b, cls);
      const n = Math.min(ia.length, ib.length, maxPerClass);
      if (s === 0) windowsPerSide[cls] = n;
      return {
        cls,
        a: sampleIndices(ia.length, n, rand).map((j) => ia[j] as number),
        b: sampleIndices(ib.length, n, rand).map((j) => ib[j] as number),
      };
    });
    if (strata[0] !== 'all') windowsPerSide.all = chosen.reduce((t, c) => t + c.a.length, 0);
    // The CNN sees a random subset (a prefix of the shuffled choice) of at most cnnMaxPerSide per side.
    const chosenTotal = chosen.reduce((t, c) => t + c.a.length, 0);
    const cnnChosen =
      chosenTotal <= cnnMaxPerSide
        ? chosen
        : chosen.map((c) => {
            const m = Math.max(1, Math.round((c.a.length * cnnMaxPerSide) / chosenTotal));
            return { cls: c.cls, a: c.a.slice(0, m), b: c.b.slice(0, m) };
          });
    if (s === 0) cnnWindowsPerSide = cnnChosen.reduce((t, c) => t + c.a.length, 0);
    for (let f = 0; f < k; f++) {
      options.onProgress?.('discriminative', ((1 - treeShare) * step++) / totalSteps);
      // tallies[critic][cls] = [correct A, total A, correct B, total B] for this fold.
      const tallies = new Map<CriticName, Map<ClassName, Tally>>();
      for (const c of critics) tallies.set(c, emptyTallies());
      const partsOf = (list: typeof chosen) =>
        list
          .map(({ cls, a: ia, b: ib }) => ({
            cls,
            trainA: ia.filter((i) => foldA[i] !== f),
            trainB: ib.filter((i) => foldB[i] !== f),
            testA: ia.filter((i) => foldA[i] === f),
            testB: ib.filter((i) => foldB[i] === f),
          }))
          .filter((p) => p.trainA.length && p.trainB.length && (p.testA.length || p.testB.length));
      const record = (critic: CriticName, cls: ClassName, logitsA: ArrayLike<number>, logitsB: ArrayLike<number>) =>
        tally(tallies.get(critic) as Map<ClassName, Tally>, cls, logitsA, logitsB);
      const featureParts = partsOf(chosen);
      if (options.onSplit) for (const p of featureParts) options.onSplit({ seed: s, fold: f, ...p });
      if (critics.includes('trees') && featureParts.length) {
        // Fitted on a worker thread where there is one (critics/tree-threads.ts) while this
        // thread goes on with the other critics; recorded below, fold by fold in order.
        const result = fitTreeFold({
          a: richA as FeatureMatrix,
          b: richB as FeatureMatrix,
          parts: featureParts,
          options: treeOptions,
        });
        result.catch(() => undefined); // awaited below; this only keeps a failure from going unhandled meanwhile
        treeFolds.push({ parts: featureParts, result });
      }
      if (critics.includes('features')) {
        // One logistic regression per stratum (class-conditional by construction).
        for (const p of featureParts) {
          const { labels, weights } = sideLabels([p]);
          const model = fitLogistic(
            stackRows(featA as FeatureMatrix, p.trainA, featB as FeatureMatrix, p.trainB),
            labels,
            weights,
          );
          const logits = model.predictLogit(
            stackRows(featA as FeatureMatrix, p.testA, featB as FeatureMatrix, p.testB),
          );
          record('features', p.cls, logits.subarray(0, p.testA.length), logits.subarray(p.testA.length));
        }
      }
      const usable = critics.includes('cnn') ? partsOf(cnnChosen) : [];
      if (usable.length) {
        // One CNN over all strata, told each window's class by an input channel.
        const { labels, weights } = sideLabels(usable);
        const trainCondition = usable.flatMap((p) => [
          ...p.trainA.map(() => classCode(p.cls)),
          ...p.trainB.map(() => classCode(p.cls)),
        ]);
        const testCondition = usable.flatMap((p) => [
          ...p.testA.map(() => classCode(p.cls)),
          ...p.testB.map(() => classCode(p.cls)),
        ]);
        const logits = cnnTrainPredict(
          {
            values: stackValues(
              a,
              b,
              usable.map((p) => [p.trainA, p.trainB]),
            ),
            labels,
            weights,
            condition: trainCondition,
          },
          {
            values: stackValues(
              a,
              b,
              usable.map((p) => [p.testA, p.testB]),
            ),
            condition: testCondition,
          },
          a.samplesPerWindow,
          { ...cnnOptions, seed: subSeed(seed, `cnn/${s}/${f}`) },
        );
        let offset = 0;
        for (const p of usable) {
          record(
            'cnn',
            p.cls,
            logits.subarray(offset, offset + p.testA.length),
            logits.subarray(offset + p.testA.length, offset + p.testA.length + p.testB.length),
          );
          offset += p.testA.length + p.testB.length;
        }
      }
      for (const critic of critics)
        if (critic !== 'trees') addAccuracies(critic, tallies.get(critic) as Map<ClassName, Tally>);
    }
  }
  // The tree critic's folds, in the order they were asked for (where they ran in worker threads, they end in any order).
  for (let q = 0; q < treeFolds.length; q++) {
    const { parts, result } = treeFolds[q] as (typeof treeFolds)[number];
    const { logits, gain } = await result;
    const byClass = emptyTallies();
    let offset = 0;
    for (const p of parts) {
      tally(
        byClass,
        p.cls,
        logits.subarray(offset, offset + p.testA.length),
        logits.subarray(offset + p.testA.length, offset + p.testA.length + p.testB.length),
      );
      offset += p.testA.length + p.testB.length;
    }
    addAccuracies('trees', byClass);
    const sums = gainSums.get('all') ?? new Float64Array(gain.length - 1);
    for (let j = 0; j < sums.length; j++) sums[j] = (sums[j] as number) + (gain[j] as number);
    gainSums.set('all', sums);
    options.onProgress?.('discriminative', treeShare * ((q + 1) / treeFolds.length) + (1 - treeShare));
  }
  options.onProgress?.('discriminative', 1);

  const results: Partial<Record<CriticName, CriticResult>> = {};
  for (const critic of critics) {
    const byClass = accuracies.get(critic) as Map<ClassName, number[]>;
    const perClass: Partial<Record<ClassName, ScoreWithCI>> = {};
    for (const [cls, accs] of byClass) if (accs.length) perClass[cls] = scoreFromAccuracies(accs);
    const all = perClass.all;
    if (!all) throw new AccelganError('the discriminative score found no fold with windows of both sets to test on');
    results[critic] = { ...all, perClass: perClass as PerClass<ScoreWithCI> };
  }
  const worse = (cls: ClassName): { score: number; lo: number; hi: number; critic: CriticName } | undefined => {
    let best: { score: number; lo: number; hi: number; critic: CriticName } | undefined;
    for (const critic of critics) {
      const r = results[critic]?.perClass[cls];
      if (r && (!best || r.score > best.score)) best = { score: r.score, lo: r.lo, hi: r.hi, critic };
    }
    return best;
  };
  const perClass: Partial<Record<ClassName, { score: number; lo: number; hi: number; critic: CriticName }>> = {};
  for (const cls of reported) {
    const w = worse(cls);
    if (w) perClass[cls] = w;
  }
  const headline = perClass.all as { score: number; lo: number; hi: number; critic: CriticName };
  const gainAll = gainSums.get('all');
  const gainTotal = gainAll?.reduce((t, v) => t + v, 0) ?? 0;
  const treeGain = gainAll && Array.from(gainAll, (v) => (gainTotal > 0 ? v / gainTotal : 0));
  return {
    ...headline,
    perClass: perClass as DiscriminativeResult['perClass'],
    critics: results,
    folds: k,
    seeds,
    windowsPerSide: windowsPerSide as PerClass<number>,
    cnnWindowsPerSide,
    grouping: { a: byEventA && hasEvents(a) ? 'event' : 'window', b: byEventB && hasEvents(b) ? 'event' : 'window' },
    ...(treeGain ? { treeGain } : {}),
    notes,
  };
}

function hasEvents(set: WindowSet): boolean {
  return Boolean(set.eventId?.some((e) => e));
}

/** The labelled classes both sides have enough of, or ['all'] when the sets are unlabelled or none qualifies. */
function strataOf(a: WindowSet, b: WindowSet, minPerClass: number): ClassName[] {
  if (!a.ictal || !b.ictal) return ['all'];
  const out = (['ictal', 'nonIctal'] as const).filter(
    (cls) => classIndices(a, cls).length >= minPerClass && classIndices(b, cls).length >= minPerClass,
  );
  return out.length ? out : ['all'];
}

/** Rows of A then B for each part, in order: [part0 A, part0 B, part1 A, part1 B, …]. */
function stackValues(
  a: WindowSet,
  b: WindowSet,
  parts: readonly (readonly [readonly number[], readonly number[]])[],
): Float32Array {
  const l = a.samplesPerWindow;
  const total = parts.reduce((n, [ia, ib]) => n + ia.length + ib.length, 0);
  const out = new Float32Array(total * l);
  let row = 0;
  for (const [ia, ib] of parts) {
    for (const i of ia) out.set(a.values.subarray(i * l, (i + 1) * l), row++ * l);
    for (const i of ib) out.set(b.values.subarray(i * l, (i + 1) * l), row++ * l);
  }
  return out;
}

type Tally = [number, number, number, number];

/** Adds one part's test logits to the tallies of its class and of 'all': A is right at logit <= 0, B above. */
function tally(
  byClass: Map<ClassName, Tally>,
  cls: ClassName,
  logitsA: ArrayLike<number>,
  logitsB: ArrayLike<number>,
): void {
  let correctA = 0;
  let correctB = 0;
  for (let i = 0; i < logitsA.length; i++) if ((logitsA[i] as number) <= 0) correctA++;
  for (let i = 0; i < logitsB.length; i++) if ((logitsB[i] as number) > 0) correctB++;
  for (const target of cls === 'all' ? (['all'] as ClassName[]) : (['all', cls] as ClassName[])) {
    const t = byClass.get(target) as Tally;
    t[0] += correctA;
    t[1] += logitsA.length;
    t[2] += correctB;
    t[3] += logitsB.length;
  }
}
