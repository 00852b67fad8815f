import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { standardiseWindows } from '../../ops/normalise.js';
import { expectClose, useBackend } from '../../test-helpers.js';
import { styled } from './index.js';
import { MINIBATCH_GROUP_SIZE } from './minibatch-spread.js';

describe('styled window assembly and discriminator', () => {
  beforeAll(() => useBackend('wasm'));

  it('draws white noise from z, in an amount the noise head sets per window', () => {
    const shape = { samplesPerWindow: 125, numClasses: 1 };
    const G = styled.buildGenerator(shape, 3);
    const z = tf.randomNormal([64, G.latentDim], 0, 1, 'float32', 5) as tf.Tensor2D;
    const labels = tf.zeros([64], 'int32') as tf.Tensor1D;
    /** Mean lag-1 autocorrelation of the generated windows. */
    const lag1 = () =>
      tf.tidy(() => {
        const s = standardiseWindows(G.apply(z, labels, false), 1e-12).shape;
        return (
          tf.mean(tf.mul(tf.slice(s, [0, 0, 0], [64, 124, 1]), tf.slice(s, [0, 1, 0], [64, 124, 1]))).dataSync()[0]! *
          (125 / 124)
        );
      });
    const bias = G.trainable.get('g/noise3/dense/bias')!;
    bias.assign(tf.tensor1d([-100])); // no noise: the trunk's smooth curves
    expect(lag1()).toBeGreaterThan(0.5);
    bias.assign(tf.tensor1d([100])); // all noise: white
    expect(Math.abs(lag1())).toBeLessThan(0.05);
    tf.dispose([z, labels]);
    G.dispose();
  });

  it('gives its discriminator level and scale explicitly: windows of one shape at two scales score differently', () => {
    const shape = { samplesPerWindow: 125, numClasses: 1 };
    const D = styled.buildDiscriminator(shape, 5);
    const base = tf.randomNormal([2, 125, 1], 0, 1, 'float32', 6) as tf.Tensor3D;
    const labels = tf.tensor1d([0, 0], 'int32');
    const scores = [0.1, 1].map((scale) =>
      tf.tidy(() =>
        D.apply(tf.mul(base, scale) as tf.Tensor3D, labels, false)
          .dataSync()
          .slice(),
      ),
    );
    expect(scores[0]![0]).not.toBeCloseTo(scores[1]![0]!, 4);
    tf.dispose([base, labels]);
    D.dispose();
  });

  it(`couples rows only within groups of ${MINIBATCH_GROUP_SIZE}: a batch scores as its group-aligned halves do`, () => {
    const shape = { samplesPerWindow: 125, numClasses: 2 };
    const D = styled.buildDiscriminator(shape, 9);
    const n = 2 * MINIBATCH_GROUP_SIZE;
    const x = tf.randomNormal([n, 125, 1], 0, 1, 'float32', 10) as tf.Tensor3D;
    const labels = tf.tensor1d(
      Array.from({ length: n }, (_, i) => i % 2),
      'int32',
    );
    const half = (from: number) =>
      tf.tidy(() =>
        D.apply(tf.slice(x, from, MINIBATCH_GROUP_SIZE), tf.slice(labels, from, MINIBATCH_GROUP_SIZE), false)
          .dataSync()
          .slice(),
      );
    const whole = tf.tidy(() => D.apply(x, labels, false).dataSync().slice());
    expectClose(whole, [...half(0), ...half(MINIBATCH_GROUP_SIZE)], 1e-4, 1e-4);
    // …and the groups do see each other's rows: a batch scored as one group differs.
    const oneGroup = tf.tidy(() =>
      D.apply(tf.slice(x, 0, n - 1), tf.slice(labels, 0, n - 1), false)
        .dataSync()
        .slice(),
    );
    expect(Math.abs(oneGroup[0]! - whole[0]!)).toBeGreaterThan(1e-5);
    tf.dispose([x, labels]);
    D.dispose();
  });
});

describe('styled level table', () => {
  beforeAll(() => useBackend('wasm'));

  /**
   * Windows [N, 125, 1] whose levels sit in two tight clusters (class 0: −2 or +2, as two
   * watches' gravity readings) and whose log stds differ by class (class 0 about −3, class 1
   * about 0), each window a sine of random phase scaled to its std.
   */
  function clusteredWindows(n: number) {
    const values = new Float32Array(n * 125);
    const labels = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      labels[i] = i % 2;
      const level = labels[i] === 0 ? (i % 4 === 0 ? -2 : 2) + 0.01 * Math.sin(i) : 0.3 * Math.sin(i);
      const std = Math.exp((labels[i] === 0 ? -3 : 0) + 0.1 * Math.cos(i));
      for (let t = 0; t < 125; t++)
        values[i * 125 + t] = level + std * Math.SQRT2 * Math.sin((2 * Math.PI * 5 * t) / 25 + i);
    }
    return { windows: tf.tensor3d(values, [n, 125, 1]), labels: tf.tensor1d(labels, 'int32') };
  }

  function levelsOf(G: ReturnType<typeof styled.buildGenerator>, label: number, n: number, seed: number) {
    return tf.tidy(() => {
      const z = tf.randomNormal([n, G.latentDim], 0, 1, 'float32', seed) as tf.Tensor2D;
      const { mean, logStd } = standardiseWindows(
        G.apply(z, tf.fill([n], label, 'int32') as tf.Tensor1D, false),
        1e-12,
      );
      return { mean: Array.from(mean.dataSync()), logStd: Array.from(logStd.dataSync()) };
    });
  }

  it("draws each class's levels and scales from the training windows' own distribution, clusters kept apart", () => {
    const G = styled.buildGenerator({ samplesPerWindow: 125, numClasses: 2 }, 3);
    const { windows, labels } = clusteredWindows(400);
    G.drawnFromData!.fit(windows, labels);
    const quiet = levelsOf(G, 0, 400, 21);
    // Both watches' clusters, in about their proportions, and (but for the kernel's tails:
    // its std is 0.5 · 200^(-1/6) · 2 ≈ 0.41 here) nothing between them.
    const between = quiet.mean.filter((m) => Math.abs(m) < 1).length;
    const low = quiet.mean.filter((m) => m <= -1).length;
    expect(between / 400).toBeLessThan(0.05);
    expect(low / 400).toBeGreaterThan(0.35);
    expect(low / 400).toBeLessThan(0.65);
    for (const s of quiet.logStd) expect(Math.abs(s + 3)).toBeLessThan(0.5);
    const moving = levelsOf(G, 1, 400, 22);
    for (const s of moving.logStd) expect(Math.abs(s)).toBeLessThan(0.5);
    for (const m of moving.mean) expect(Math.abs(m)).toBeLessThan(0.6);
    // Smoothed, not resampled: no two generated levels repeat a training window's exactly.
    expect(new Set(quiet.mean.map((m) => m.toFixed(5))).size).toBeGreaterThan(390);
    tf.dispose([windows, labels]);
    G.dispose();
  });

  it('fits its table as a pure function of (data, seed), held in state that checkpoints carry', () => {
    const shape = { samplesPerWindow: 125, numClasses: 2 };
    const { windows, labels } = clusteredWindows(64);
    const [a, b] = [styled.buildGenerator(shape, 5), styled.buildGenerator(shape, 5)];
    const table = a.state.get('g/levels/table')!;
    expect(table.dataSync().every((x) => x === 0)).toBe(true);
    a.drawnFromData!.fit(windows, labels);
    b.drawnFromData!.fit(windows, labels);
    expect(table.dataSync().some((x) => x !== 0)).toBe(true);
    expectClose(b.state.get('g/levels/table')!.dataSync(), table.dataSync(), 0, 0);
    expect(levelsOf(a, 1, 8, 3)).toEqual(levelsOf(b, 1, 8, 3));
    // The table is state, not a weight: training never moves it.
    expect([...a.trainable.keys()].some((name) => name.startsWith('g/levels/'))).toBe(false);
    tf.dispose([windows, labels]);
    a.dispose();
    b.dispose();
  });
  it('carries the seizure-band share of the row it draws: the consistency loss is the squared logit gap, and G can lower it', () => {
    const shape = { samplesPerWindow: 125, numClasses: 2 };
    const G = styled.buildGenerator(shape, 7);
    // Every training window a 5 Hz rhythm: each drawn target is (clipped) 0.99.
    const rhythm = (hz: number, n: number) =>
      tf.tensor3d(
        Array.from({ length: n * 125 }, (_, i) => Math.sin((2 * Math.PI * hz * (i % 125)) / 25 + Math.floor(i / 125))),
        [n, 125, 1],
      );
    const windows = rhythm(5, 64);
    const labels = tf.tensor1d(
      Array.from({ length: 64 }, (_, i) => i % 2),
      'int32',
    );
    G.drawnFromData!.fit(windows, labels);
    const z = tf.randomNormal([16, G.latentDim], 0, 1, 'float32', 4) as tf.Tensor2D;
    const zLabels = tf.tensor1d(
      Array.from({ length: 16 }, (_, i) => i % 2),
      'int32',
    );
    const lossOn = (x: tf.Tensor3D) => tf.tidy(() => G.drawnFromData!.consistencyLoss(z, zLabels, x).dataSync()[0]!);
    const [same, sway] = [rhythm(5, 16), rhythm(1.6, 16)];
    expect(lossOn(same)).toBeLessThan(0.01);
    const logit = (p: number) => Math.log(p / (1 - p));
    expect(lossOn(sway)).toBeCloseTo((logit(0.01) - logit(0.99)) ** 2, 1); // a 1.6 Hz sway has no power in 3–8 Hz
    // Adam on the consistency loss alone moves the shape toward its targets, not the table.
    const table = G.state.get('g/levels/table')!.dataSync().slice();
    const generated = () => lossOn(tf.tidy(() => G.apply(z, zLabels, true)));
    const before = generated();
    const adam = tf.train.adam(3e-3);
    for (let i = 0; i < 15; i++)
      adam.minimize(() => G.drawnFromData!.consistencyLoss(z, zLabels, G.apply(z, zLabels, true)), false, [
        ...G.trainable.values(),
      ]);
    expect(generated()).toBeLessThan(0.7 * before);
    expectClose(G.state.get('g/levels/table')!.dataSync(), table, 0, 0);
    adam.dispose();
    tf.dispose([windows, labels, z, zLabels, same, sway]);
    G.dispose();
  });
});

describe('styled shape trunk', () => {
  beforeAll(() => useBackend('wasm'));
  const shape = { samplesPerWindow: 125, numClasses: 2 };
  const conditionUnits = shape.numClasses + 3;
  const affineLayers = ['g/affine0', 'g/up1/affine', 'g/up2/affine', 'g/up3/affine'];
  const affineStyles = affineLayers.flatMap((layer) => [`${layer}/gain`, `${layer}/shift`]);
  const rhythm = (n: number) =>
    tf.tensor3d(
      Array.from(
        { length: n * 125 },
        (_, i) => (1 + (i % 3)) * Math.sin((2 * Math.PI * 5 * (i % 125)) / 25 + Math.floor(i / 125)),
      ),
      [n, 125, 1],
    );

  it('lets z reach every layer: each gain and shift has a gradient along the latent, and moving it changes the window', () => {
    const G = styled.buildGenerator(shape, 9);
    const windows = rhythm(32);
    const labels = tf.tensor1d(
      Array.from({ length: 32 }, (_, i) => i % 2),
      'int32',
    );
    G.drawnFromData!.fit(windows, labels);
    const z = tf.randomNormal([8, G.latentDim], 0, 1, 'float32', 6) as tf.Tensor2D;
    const zLabels = tf.tensor1d([0, 1, 0, 1, 0, 1, 0, 1], 'int32');
    const weights = tf.randomUniform([8, 125, 1], 0.5, 1.5, 'float32', 7);
    const styles = affineStyles.map((name) => G.trainable.get(name)!);
    // Every style is linear in [condition, z], and starts at zero: the identity.
    for (const style of styles) {
      expect(style.shape[0]).toBe(conditionUnits + G.latentDim);
      expect(style.dataSync().every((x) => x === 0)).toBe(true);
    }
    const { grads, value } = tf.variableGrads(
      () => tf.sum(tf.mul(G.apply(z, zLabels, true), weights)) as tf.Scalar,
      styles,
    );
    // variableGrads keys its gradients by the tf.Variable's own (generated) name.
    styles.forEach((style, i) => {
      const latentRows = tf.tidy(
        () => tf.slice(grads[style.name]!, [conditionUnits, 0], [-1, -1]).abs().max().dataSync()[0]!,
      );
      expect(latentRows, affineStyles[i]).toBeGreaterThan(0);
    });
    const before = G.apply(z, zLabels, false);
    const gain = G.trainable.get('g/up3/affine/gain')!;
    // Different per channel: one gain on every channel would scale the window, which its standardisation undoes.
    tf.tidy(() =>
      gain.assign(
        tf.concat([
          tf.zeros([conditionUnits, gain.shape[1]]),
          tf.randomNormal([G.latentDim, gain.shape[1]], 0, 0.05, 'float32', 8),
        ]) as tf.Tensor2D,
      ),
    );
    const after = G.apply(z, zLabels, false);
    expect(tf.tidy(() => tf.sub(after, before).abs().max().dataSync()[0]!)).toBeGreaterThan(1e-3);
    tf.dispose([windows, labels, z, zLabels, weights, value, before, after, ...Object.values(grads)]);
    G.dispose();
  });
});
