import type { ClassName, PerClass, WindowSet } from '../types.js';
import { quantileSorted } from '../util/stats.js';
import { classIndices } from '../windows.js';
import { auroc } from './distance.js';
import type { FeatureMatrix } from './features.js';
import { describeRichFeature, RICH_FEATURE_NAMES } from './rich-features.js';

/** One feature that tells the synthetic windows from held-out real ones. */
export interface Giveaway {
  readonly feature: string;
  /** What the feature measures, in words. */
  readonly description: string;
  /** AUROC of the feature alone for synthetic (1) against held-out real (0): 0.5 = no help; above, synthetic runs higher. */
  readonly auroc: number;
  /** The same for the real training windows against the held-out ones: how much real recordings differ by it. */
  readonly floorAuroc: number;
  /** Quartiles of the feature over the held-out real and over the synthetic windows. */
  readonly real: readonly [number, number, number];
  readonly synthetic: readonly [number, number, number];
  /** Its share of the tree critic's split gain, where the trees ran ('all' only). */
  readonly treeGain?: number;
}

/** The features that separate the sets most, per class, most separating first. */
export interface GiveawayResult {
  readonly perClass: PerClass<readonly Giveaway[]>;
  /** Features ranked, of RICH_FEATURE_NAMES.length. */
  readonly features: number;
}

/** Features listed per class. */
export const GIVEAWAY_TOP = 10;

/**
 * "What gives it away": each tree-critic feature alone, as a classifier of synthetic
 * against held-out real windows, per class; ranked by |AUROC − 0.5| and the top `top`
 * kept, with the feature's quartiles on each side, the same AUROC between the real
 * training and held-out windows (the floor: a feature real recordings already differ by
 * is no tell), and the tree critic's gain share.
 */
export function whatGivesItAway(
  sides: {
    readonly realHeldOut: { readonly set: WindowSet; readonly features: FeatureMatrix };
    readonly synthetic: { readonly set: WindowSet; readonly features: FeatureMatrix };
    readonly realTrain: { readonly set: WindowSet; readonly features: FeatureMatrix };
  },
  options: { readonly top?: number; readonly treeGain?: readonly number[] | undefined } = {},
): GiveawayResult {
  const top = options.top ?? GIVEAWAY_TOP;
  const perClass: Partial<Record<ClassName, Giveaway[]>> = {};
  for (const cls of ['all', 'ictal', 'nonIctal'] as const) {
    const ir = classIndices(sides.realHeldOut.set, cls);
    const is = classIndices(sides.synthetic.set, cls);
    const it = classIndices(sides.realTrain.set, cls);
    if (cls !== 'all' && (!sides.realHeldOut.set.ictal || !sides.synthetic.set.ictal)) continue;
    if (!ir.length || !is.length) continue;
    const rows: Giveaway[] = [];
    for (let j = 0; j < RICH_FEATURE_NAMES.length; j++) {
      const real = column(sides.realHeldOut.features, ir, j);
      const synthetic = column(sides.synthetic.features, is, j);
      const train = column(sides.realTrain.features, it, j);
      const gain = cls === 'all' ? options.treeGain?.[j] : undefined;
      rows.push({
        feature: RICH_FEATURE_NAMES[j] as string,
        description: describeRichFeature(RICH_FEATURE_NAMES[j] as string),
        auroc: twoSampleAuroc(real, synthetic),
        floorAuroc: train.length ? twoSampleAuroc(real, train) : Number.NaN,
        real: quartiles(real),
        synthetic: quartiles(synthetic),
        ...(gain !== undefined ? { treeGain: gain } : {}),
      });
    }
    rows.sort((a, b) => Math.abs(b.auroc - 0.5) - Math.abs(a.auroc - 0.5) || a.feature.localeCompare(b.feature));
    perClass[cls] = rows.slice(0, top);
  }
  return { perClass: perClass as PerClass<Giveaway[]>, features: RICH_FEATURE_NAMES.length };
}

function column(f: FeatureMatrix, rows: readonly number[], j: number): Float64Array {
  return Float64Array.from(rows, (i) => f.data[i * f.cols + j] as number);
}

/** AUROC of the values as scores for b (1) against a (0). */
function twoSampleAuroc(a: Float64Array, b: Float64Array): number {
  const scores = new Float64Array(a.length + b.length);
  scores.set(a);
  scores.set(b, a.length);
  const labels = new Uint8Array(scores.length).fill(1, a.length);
  return auroc(scores, labels);
}

function quartiles(x: Float64Array): [number, number, number] {
  const s = Float64Array.from(x).sort();
  return [quantileSorted(s, 0.25), quantileSorted(s, 0.5), quantileSorted(s, 0.75)];
}
