import { AccelganError } from '@accelgan/data';
import { fitTrees, TREE_DEFAULTS, type TreeOptions } from '../critics/trees.js';
import { richFeatures } from '../metrics/rich-features.js';
import { classCounts, type WindowDetector } from './detector.js';

export type TreeDetectorOptions = TreeOptions;

/** The tree critic's settings (critics/trees.ts). */
export const TREE_DETECTOR_DEFAULTS: TreeDetectorOptions = TREE_DEFAULTS;

/**
 * The evaluation's tree critic as a seizure detector, in the place of the toolkit's random
 * forest on window features (rfModel.py): gradient-boosted trees (critics/trees.ts) on the
 * rich window features (metrics/rich-features.ts), each class weighted to half the total
 * weight (the toolkit undersamples the majority class to the same end). Decision: logit > 0;
 * score: the logit. Deterministic: the same windows in the same order give the same trees.
 */
export function treeDetector(options: Partial<TreeDetectorOptions> = {}): WindowDetector {
  const o = { ...TREE_DETECTOR_DEFAULTS, ...options };
  return {
    name: 'trees',
    description: `gradient-boosted trees on window features (${o.iterations} trees of up to ${o.maxLeaves} leaves, learning rate ${o.learningRate}), classes weighted equally`,
    trained: true,
    fit: async (train) => {
      const counts = classCounts(train);
      if (counts.ictal === 0 || counts.nonIctal === 0)
        throw new AccelganError(
          `the tree detector needs windows of both classes to learn from; got ${counts.ictal} ictal and ${counts.nonIctal} non-ictal`,
        );
      const n = train.ictal.length;
      const weights = Float64Array.from(train.ictal, (label) => n / (2 * (label ? counts.ictal : counts.nonIctal)));
      const model = fitTrees(richFeatures(train), train.ictal, weights, o);
      return {
        decide: (windows) => {
          const scores = model.predictLogit(richFeatures(windows));
          return { scores, decisions: Uint8Array.from(scores, (z) => (z > 0 ? 1 : 0)) };
        },
        dispose: () => undefined,
      };
    },
  };
}
