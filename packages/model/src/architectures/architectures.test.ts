import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { getArchitecture, listArchitectures } from '../registry.js';
import { BACKENDS, expectClose, expectNoLeak, useBackend } from '../test-helpers.js';
import type { Discriminator, GanShape, Generator, Network } from '../types.js';

const ARCHITECTURES = listArchitectures().map(({ name }) => getArchitecture(name));
const BATCH = 4;
const CASES = BACKENDS.flatMap((backend) => ARCHITECTURES.map((arch) => [arch.name, backend, arch] as const));

function inputs(G: Generator, shape: GanShape, salt = 0) {
  return {
    z: tf.randomNormal([BATCH, G.latentDim], 0, 1, 'float32', 11 + salt) as tf.Tensor2D,
    labels: tf.tensor1d(
      Array.from({ length: BATCH }, (_, i) => i % shape.numClasses),
      'int32',
    ),
    real: tf.randomNormal([BATCH, shape.samplesPerWindow, 1], 0, 1, 'float32', 12 + salt) as tf.Tensor3D,
    // Per-sample weights: a plain mean of batch-normalised outputs can cancel exactly.
    weights: tf.randomUniform([BATCH, 1], 0.5, 1.5, 'float32', 13 + salt) as tf.Tensor2D,
  };
}

function snapshot(variables: ReadonlyMap<string, tf.Variable>): Map<string, Float32Array> {
  return new Map([...variables].map(([name, v]) => [name, v.dataSync().slice() as Float32Array]));
}

function sameValues(a: Float32Array | undefined, b: Float32Array | undefined): boolean {
  return a !== undefined && b !== undefined && a.length === b.length && a.every((x, i) => x === b[i]);
}

describe.each(CASES)('%s architecture on %s', (_name, backend, arch) => {
  beforeAll(() => useBackend(backend));

  it.each([
    [125, 1],
    [125, 3],
    [250, 1],
    [250, 3],
  ])('produces [N, %i, 1] windows and [N, 1] logits with %i classes', (length, numClasses) => {
    const shape = { samplesPerWindow: length, numClasses };
    const G = arch.buildGenerator(shape, 1);
    const D = arch.buildDiscriminator(shape, 2);
    const { z, labels, real, weights } = inputs(G, shape);
    expect(G.latentDim).toBe(arch.defaults.latentDim);
    for (const training of [true, false]) {
      const fake = G.apply(z, labels, training);
      expect(fake.shape).toEqual([BATCH, length, 1]);
      const values = fake.dataSync();
      expect(values.every(Number.isFinite)).toBe(true);
      if (arch.defaults.scale === 'minmax') expect(values.every((v) => v >= -1 && v <= 1)).toBe(true);
      else expect(values.every((v) => Math.abs(v) < 50)).toBe(true);
      for (const x of [fake, real]) {
        const logits = D.apply(x, labels, training);
        expect(logits.shape).toEqual([BATCH, 1]);
        expect(logits.dataSync().every(Number.isFinite)).toBe(true);
        logits.dispose();
      }
      fake.dispose();
    }
    tf.dispose([z, labels, real, weights]);
    G.dispose();
    D.dispose();
  });

  it('is deterministic in (shape, seed), names its variables stably, and honours latentDim', () => {
    const shape = { samplesPerWindow: 125, numClasses: 3 };
    const build = (s: number) => ({ G: arch.buildGenerator(shape, s), D: arch.buildDiscriminator(shape, s) });
    const first = build(5);
    const again = build(5);
    const other = build(6);
    for (const part of ['G', 'D'] as const) {
      const a = snapshot(first[part].trainable);
      const b = snapshot(again[part].trainable);
      const c = snapshot(other[part].trainable);
      expect([...a.keys()]).toEqual([...b.keys()]);
      for (const [name, values] of a) expect(sameValues(values, b.get(name)), name).toBe(true);
      // Every randomly initialised weight differs under another seed (constant initialisers, such
      // as zeros, ones or a bias set to a starting value, give at most three distinct values).
      const random = [...a].filter(([, v]) => new Set(v).size > 3);
      expect(random.length).toBeGreaterThan(0);
      for (const [name, values] of random) expect(sameValues(values, c.get(name)), name).toBe(false);
      const prefix = part === 'G' ? 'g/' : 'd/';
      for (const name of [...first[part].trainable.keys(), ...first[part].state.keys()])
        expect(name.startsWith(prefix), name).toBe(true);
    }
    const small = arch.buildGenerator(shape, 5, 16);
    expect(small.latentDim).toBe(16);
    const out = small.apply(tf.zeros([2, 16]) as tf.Tensor2D, tf.tensor1d([0, 2], 'int32'), false);
    expect(out.shape).toEqual([2, 125, 1]);
    out.dispose();
    for (const network of [first.G, first.D, again.G, again.D, other.G, other.D, small]) network.dispose();
  });

  it('leaks no tensors across apply and gradient computations', () => {
    const shape = { samplesPerWindow: 125, numClasses: 3 };
    const G = arch.buildGenerator(shape, 1);
    const D = arch.buildDiscriminator(shape, 2);
    const { z, labels, real, weights } = inputs(G, shape);
    expectNoLeak(() => {
      for (const training of [true, false]) {
        tf.dispose(G.apply(z, labels, training));
        tf.dispose(D.apply(real, labels, training));
      }
      const { value, grads } = tf.variableGrads(
        () => tf.sum(tf.mul(D.apply(G.apply(z, labels, true), labels, true), weights)),
        [...G.trainable.values()],
      );
      tf.dispose([value, ...Object.values(grads)]);
    });
    tf.dispose([z, labels, real, weights]);
    G.dispose();
    D.dispose();
  });

  it('passes a gradient to every trainable variable of G and of D', () => {
    const shape = { samplesPerWindow: 125, numClasses: 3 };
    const G = arch.buildGenerator(shape, 1);
    const D = arch.buildDiscriminator(shape, 2);
    const { z, labels, real, weights } = inputs(G, shape);
    const check = (network: Generator | Discriminator, loss: () => tf.Scalar) => {
      const byId = new Map([...network.trainable].map(([name, v]) => [v.name, name]));
      const { value, grads } = tf.variableGrads(loss, [...network.trainable.values()]);
      expect(Object.keys(grads).length).toBe(network.trainable.size);
      for (const [id, grad] of Object.entries(grads)) {
        const values = grad.dataSync();
        expect(values.every(Number.isFinite), byId.get(id)).toBe(true);
        expect(
          values.some((v) => v !== 0),
          byId.get(id),
        ).toBe(true);
      }
      tf.dispose([value, ...Object.values(grads)]);
    };
    check(G, () => tf.sum(tf.mul(D.apply(G.apply(z, labels, true), labels, true), weights)));
    // Real and fake weighted differently, so that no gradient (a bias's, say) cancels exactly.
    check(D, () =>
      tf.add(
        tf.sum(tf.mul(D.apply(real, labels, true), weights)),
        tf.sum(tf.mul(D.apply(G.apply(z, labels, false), labels, true), tf.square(weights))),
      ),
    );
    tf.dispose([z, labels, real, weights]);
    G.dispose();
    D.dispose();
  });

  it('moves only G when Adam minimises G’s loss through D', () => {
    const shape = { samplesPerWindow: 125, numClasses: 3 };
    const G = arch.buildGenerator(shape, 1);
    const D = arch.buildDiscriminator(shape, 2);
    const { z, labels, weights } = inputs(G, shape);
    const beforeG = snapshot(G.trainable);
    const beforeD = snapshot(D.trainable);
    const adam = tf.train.adam(1e-2, arch.defaults.beta1, arch.defaults.beta2);
    tf.tidy(() => {
      adam.minimize(() => tf.neg(tf.sum(tf.mul(D.apply(G.apply(z, labels, true), labels, true), weights))), false, [
        ...G.trainable.values(),
      ]);
    });
    for (const [name, v] of G.trainable)
      expect(sameValues(v.dataSync() as Float32Array, beforeG.get(name)), `${name} should move`).toBe(false);
    for (const [name, v] of D.trainable)
      expect(sameValues(v.dataSync() as Float32Array, beforeD.get(name)), `${name} should stay`).toBe(true);
    adam.dispose();
    tf.dispose([z, labels, weights]);
    G.dispose();
    D.dispose();
  });

  it('updates its state in training mode only', () => {
    const shape = { samplesPerWindow: 125, numClasses: 1 };
    const G = arch.buildGenerator(shape, 1);
    const D = arch.buildDiscriminator(shape, 2);
    const { z, labels, real, weights } = inputs(G, shape);
    const stateCount = G.state.size + D.state.size;
    if (arch.name === 'bench') expect(stateCount).toBe(0);
    else expect(stateCount).toBeGreaterThan(0);
    const before = new Map([...snapshot(G.state)].concat([...snapshot(D.state)]));
    tf.dispose([G.apply(z, labels, false), D.apply(real, labels, false)]);
    for (const [name, v] of [...G.state, ...D.state])
      expect(sameValues(v.dataSync() as Float32Array, before.get(name)), name).toBe(true);
    tf.dispose([G.apply(z, labels, true), D.apply(real, labels, true)]);
    // A one-element power-iteration vector (a layer with one output) is ±1 for good, and
    // state estimated from the data (styled's level table) changes only in DrawnFromData.fit.
    const moving = [...G.state, ...D.state].filter(([name, v]) => v.size > 1 && !name.startsWith('g/levels/'));
    for (const [name, v] of moving)
      expect(sameValues(v.dataSync() as Float32Array, before.get(name)), name).toBe(false);
    tf.dispose([z, labels, real, weights]);
    G.dispose();
    D.dispose();
  });

  it('couples the rows of a training batch as its batchCoupling declares', () => {
    const coupling = arch.batchCoupling;
    const shape = { samplesPerWindow: 125, numClasses: 2 };
    const G = arch.buildGenerator(shape, 1);
    const D = arch.buildDiscriminator(shape, 2);
    const n = coupling.kind === 'groups' ? 2 * coupling.size : 8;
    const z = tf.randomNormal([n, G.latentDim], 0, 1, 'float32', 14) as tf.Tensor2D;
    const x = tf.randomNormal([n, 125, 1], 0, 1, 'float32', 15) as tf.Tensor3D;
    const labels = tf.tensor1d(
      Array.from({ length: n }, (_, i) => i % 2),
      'int32',
    );
    /**
     * The training-mode output of `network` on the whole batch, and on its rows [0, at) and
     * [at, n) applied apart, each from the same state (a power iteration or moving average
     * advances with every training call, as it does once in each thread of a split step).
     */
    const wholeAndSplit = (network: Network, apply: (from: number, size: number) => tf.Tensor, at: number) => {
      const state = snapshot(network.state);
      const restore = () => {
        for (const [name, v] of network.state) v.assign(tf.tensor(state.get(name)!, v.shape));
      };
      const run = (from: number, size: number) => {
        restore();
        return tf.tidy(() => apply(from, size).dataSync().slice() as Float32Array);
      };
      const whole = run(0, n);
      const split = Float32Array.from([...run(0, at), ...run(at, n - at)]);
      restore();
      return { whole, split };
    };
    const outputs = (at: number) => [
      wholeAndSplit(G, (from, size) => G.apply(tf.slice(z, from, size), tf.slice(labels, from, size), true), at),
      wholeAndSplit(D, (from, size) => D.apply(tf.slice(x, from, size), tf.slice(labels, from, size), true), at),
    ];
    const differs = ({ whole, split }: { whole: Float32Array; split: Float32Array }) =>
      whole.some((v, i) => Math.abs(v - split[i]!) > 1e-5 * Math.max(1, Math.abs(v)));
    if (coupling.kind === 'batch') {
      // Some row sees the whole batch: halves apart give other outputs.
      expect(outputs(n / 2).some(differs)).toBe(true);
    } else {
      // Rows: any split; groups: a split at a group's edge gives the whole batch's outputs…
      const at = coupling.kind === 'groups' ? coupling.size : 3;
      for (const { whole, split } of outputs(at)) expectClose(split, whole, 1e-5, 1e-5);
      // …and for groups, one within a group does not (the rows of a group do see each other).
      if (coupling.kind === 'groups') expect(outputs(coupling.size / 2).some(differs)).toBe(true);
    }
    tf.dispose([z, x, labels]);
    G.dispose();
    D.dispose();
  });

  it('rejects inputs that do not fit', () => {
    const shape = { samplesPerWindow: 125, numClasses: 2 };
    const G = arch.buildGenerator(shape, 1);
    const D = arch.buildDiscriminator(shape, 2);
    const z = tf.zeros([2, G.latentDim]) as tf.Tensor2D;
    expect(() => G.apply(z, tf.tensor1d([0, 1]), false)).toThrow(/labels must be int32/);
    expect(() => G.apply(z, tf.tensor1d([0, 1, 1], 'int32'), false)).toThrow(/labels must be int32 \[2\]/);
    expect(() => D.apply(tf.zeros([2, 120, 1]) as tf.Tensor3D, tf.tensor1d([0, 1], 'int32'), false)).toThrow(
      /x must be \[N, 125, 1\]/,
    );
    expect(() => arch.buildGenerator({ samplesPerWindow: 125, numClasses: 0 }, 1)).toThrow(/numClasses/);
    z.dispose();
    G.dispose();
    D.dispose();
  });
});
