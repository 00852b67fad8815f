import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectNoLeak, useBackend } from '../test-helpers.js';
import { seizureBandPlan, seizureBandShare } from './seizure-band.js';

/** OSD's ratio as the app computes it (without its integer rounding): 10 · roi / spec, with its bins for 125 samples at 25 Hz. */
function osdRatio(x: number[]): number {
  const n = x.length;
  const power = (k: number) => {
    let re = 0;
    let im = 0;
    for (let t = 0; t < n; t++) {
      re += x[t]! * Math.cos((2 * Math.PI * k * t) / n);
      im -= x[t]! * Math.sin((2 * Math.PI * k * t) / n);
    }
    return re * re + im * im;
  };
  let spec = 0;
  for (let k = 1; k < Math.trunc(n / 2) && k <= 60; k++) spec += power(k);
  let roi = 0;
  for (let k = 15; k < 40; k++) roi += power(k);
  return (10 * (roi / 25)) / (spec / n / 2);
}

describe('seizureBandShare', () => {
  beforeAll(() => useBackend('wasm'));

  it("is OSD's roiRatio / 100, whatever the window's level and scale", () => {
    // Main tones at 1.4, 4.4, 7.6 and 10.3 Hz over a common mix, at levels 0–3,000 and scales 1–4.
    const rows = [0.35, 1.1, 1.9, 2.6].map((omega, seed) =>
      Array.from(
        { length: 125 },
        (_, t) =>
          1000 * seed + (seed + 1) * (Math.sin(omega * t + seed) + 0.4 * Math.sin(2.3 * t) + 0.3 * Math.cos(0.2 * t)),
      ),
    );
    const plan = seizureBandPlan(125, 25);
    const x = tf.tensor3d(rows.flat(), [4, 125, 1]);
    const normalised = tf.div(tf.sub(x, 1200), 300);
    let shares = new Float32Array(0);
    let fromNormalised = new Float32Array(0);
    expectNoLeak(() => {
      const a = seizureBandShare(x, plan);
      const b = seizureBandShare(normalised as tf.Tensor3D, plan);
      shares = a.dataSync() as Float32Array;
      fromNormalised = b.dataSync() as Float32Array;
      tf.dispose([a, b]);
    });
    rows.forEach((row, i) => expect(100 * shares[i]!).toBeCloseTo(osdRatio(row), 1));
    expect(Array.from(fromNormalised)).toEqual(Array.from(shares).map((s) => expect.closeTo(s, 4)));
    expect(Math.max(...shares) - Math.min(...shares)).toBeGreaterThan(0.5); // the rows differ: the check can fail
    tf.dispose([x, normalised]);
    plan.dispose();
  });

  it('gives a gradient that raises the share when followed, and a flat window ½', () => {
    const plan = seizureBandPlan(125, 25);
    const x = tf.variable(
      tf.tensor3d(
        Array.from({ length: 125 }, (_, t) => Math.sin(0.4 * t) + Math.sin(1.3 * t)),
        [1, 125, 1],
      ),
    );
    const share = () => tf.tidy(() => tf.sum(seizureBandShare(x, plan)).dataSync()[0]!);
    const before = share();
    const { grads } = tf.variableGrads(() => tf.sum(seizureBandShare(x, plan)) as tf.Scalar, [x]);
    const gradient = grads[x.name]!;
    x.assign(tf.add(x, tf.mul(0.1 / tf.max(tf.abs(gradient)).dataSync()[0]!, gradient)) as tf.Tensor3D); // a step of at most 0.1 per sample
    expect(share()).toBeGreaterThan(before + 0.01);
    const flat = tf.fill([1, 125, 1], 3) as tf.Tensor3D;
    const half = seizureBandShare(flat, plan);
    expect(half.dataSync()[0]).toBeCloseTo(0.5, 3); // float rounding leaves a constant window a trace of power
    tf.dispose([x, gradient, flat, half]);
    plan.dispose();
  });

  it('refuses windows too short to resolve the band', () => {
    expect(() => seizureBandPlan(8, 25)).toThrow(/do not resolve the 3–8 Hz band/);
  });
});
