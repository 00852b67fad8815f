import * as tf from '@tensorflow/tfjs-core';
import { VariableStore } from '../../nn/variable-store.js';
import { matMul } from '../../ops/matmul.js';
import { seizureBandPlan } from '../../ops/seizure-band.js';
import { ensureTfjsGradients } from '../../ops/tfjs-gradients.js';
import type { DrawnRows, GanShape, Generator } from '../../types.js';
import { checkGanShape, oneHotLabels } from '../inputs.js';
import { generatorNetwork } from '../networks.js';
import { LATENT_DIM, SAMPLE_RATE_HZ } from './constants.js';
import { orthonormalColumns } from './latent-directions.js';
import { LevelTable } from './level-table.js';
import { noiseHead } from './noise-head.js';
import { seizureBandConsistency, shareFeature } from './seizure-band-consistency.js';
import { shapeTrunk } from './shape-trunk.js';
import { levelScaleShape } from './window-assembly.js';

/**
 * The `styled` generator: each window drawn as level + scale × shape, its level and log std
 * drawn from the training windows' own joint distribution (a per-class kernel density
 * estimate, level-table.ts) and its shape generated conditioned on them and on the drawn
 * window's seizure-band share:
 *   level, logStd, seizureShare [N, 1] each ← LevelTable(z, label)
 *   condition = [one-hot class, level, logStd, 4 · (seizureShare − ½)] [N, C + 3]
 *   noise head: [z, condition] [N, 128 + C + 3] → logNoise [N, 1] (noise-head.ts)
 *   shape: shape trunk(z, condition) [N, L, 1] (shape-trunk.ts: every layer's style is
 *     linear in [condition, z]) → standardised, + exp(logNoise) · z · W, standardised
 *     (window-assembly.ts; W a fixed [128, L] matrix with orthonormal columns)
 *   x = level + exp(logStd) · shape → [N, L, 1] (normalised units, like the data).
 * Its `drawnFromData` fits the table before training, carries the consistency loss that
 * makes each window keep the share it was drawn with (seizure-band-consistency.ts), and
 * lets whole-event generation walk the table's rows.
 * Why the table: two numbers per window are estimated far better from about a thousand
 * windows by a smoothed bootstrap than by an adversarial game, which a learned level head
 * lost (a blob wider than the data, and too few of the vigorous windows that raise OSD's
 * alarm); the game is left with the shape, which is what a detector reads.
 */
export function buildStyledGenerator(shape: GanShape, seed: number, latentDim = LATENT_DIM): Generator {
  checkGanShape(shape);
  ensureTfjsGradients();
  const { numClasses, samplesPerWindow } = shape;
  const store = new VariableStore('g', seed);
  const conditionUnits = numClasses + 3;
  const trunk = shapeTrunk(store, samplesPerWindow, conditionUnits, latentDim);
  const logNoiseOf = noiseHead(store, latentDim + conditionUnits);
  // The table's three directions first: Gram–Schmidt keeps them exactly orthonormal to each
  // other and to the noise's, however long the window.
  const projections = orthonormalColumns(latentDim, 3 + samplesPerWindow, seed); // [latent, 3 + L]
  const levelDirections = tf.slice(projections, [0, 0], [latentDim, 3]) as tf.Tensor2D; // [latent, 3]
  const persistentDirections = [0, 1, 2].map((k) =>
    tf.tidy(() => tf.reshape(tf.slice(levelDirections, [0, k], [latentDim, 1]), [-1]).dataSync() as Float32Array),
  );
  const bandPlan = seizureBandPlan(samplesPerWindow, SAMPLE_RATE_HZ);
  store.constant(bandPlan.dft);
  store.constant(bandPlan.seizureBins);
  const levels = new LevelTable(store, 'levels', numClasses, levelDirections, seed, bandPlan);
  const noiseProjection = store.constant(tf.slice(projections, [0, 3], [latentDim, samplesPerWindow]) as tf.Tensor2D); // [latent, L]
  projections.dispose();

  const network = generatorNetwork(store, latentDim, (z, labels, training) => {
    const { level, logStd, seizureShare } = levels.draw(z, labels); // [N, 1] each
    const condition = tf.concat(
      [oneHotLabels(labels, numClasses), level, logStd, shareFeature(seizureShare)],
      1,
    ) as tf.Tensor2D; // [N, C + 3]
    const logNoise = logNoiseOf(tf.concat([z, condition], 1) as tf.Tensor2D, training); // [N, 1]
    return levelScaleShape(trunk(z, condition, training), matMul(z, noiseProjection), logNoise, level, logStd);
  });
  const rows = (): DrawnRows => {
    const classes = levels.rowValues();
    // Each row's latent is a bisection of Φ⁻¹; event generation asks for it per datapoint, so each is found once.
    const found = classes.map(() => new Map<number, number>());
    const indexLatent = (classIndex: number, row: number): number => {
      const memo = found[classIndex]!;
      let u = memo.get(row);
      if (u === undefined) memo.set(row, (u = LevelTable.indexLatent(row, classes[classIndex]!.level.length)));
      return u;
    };
    return { classes, indexLatent };
  };
  return {
    ...network,
    drawnFromData: {
      fit: (windows, labels, groups, onGrid) => levels.fit(windows, labels, groups, onGrid),
      onGrid: (z, labels) => levels.drawnOnGrid(z, labels),
      consistencyLoss: seizureBandConsistency(levels, bandPlan),
      persistentDirections,
      rows,
    },
  };
}
