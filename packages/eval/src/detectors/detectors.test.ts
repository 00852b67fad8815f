import { beforeAll, describe, expect, test } from 'vitest';
import { osdAnalyse } from '@accelgan/data';
import { auroc } from '../metrics/distance.js';
import { ensureBackend } from '../util/backend.js';
import { makeRng, normal } from '../util/rng.js';
import { cnnDetector } from './cnn-detector.js';
import { osdDetector } from './osd-detector.js';
import { treeDetector } from './tree-detector.js';

const L = 125;

/** Windows in milli-g: ictal ones carry a 5 Hz rhythm of `amplitude` mg over gravity, every one noise of 20 mg. */
function toySet(n: number, seed: number, amplitude = 150) {
  const rand = makeRng(seed);
  const values = new Float32Array(n * L);
  const ictal = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    ictal[i] = i % 2;
    const phase = rand() * 2 * Math.PI;
    for (let t = 0; t < L; t++)
      values[i * L + t] = Math.round(
        1000 + (ictal[i] ? amplitude * Math.sin((2 * Math.PI * 5 * t) / 25 + phase) : 0) + 20 * normal(rand),
      );
  }
  return { samplesPerWindow: L, values, ictal };
}

const context = { seed: 3, inputScale: { offset: 1000, scale: 100 } };

describe('window detectors', () => {
  beforeAll(async () => {
    await ensureBackend('wasm');
  });

  test("OSD: the app's decision per window; the score ranks the windows the power gate stops below the rest", async () => {
    const set = toySet(40, 1);
    const osd = await osdDetector().fit(set, context);
    const { scores, decisions } = osd.decide(set);
    for (let i = 0; i < 40; i++) {
      const r = osdAnalyse(set.values, {}, i * L);
      expect(decisions[i]).toBe(r.alarm ? 1 : 0);
      expect(scores[i]).toBeCloseTo(r.roiPower > 100 ? r.ratio : r.ratio - 100, 12);
    }
    // The rhythm is in OSD's band and strong: every ictal window alarms, no quiet one does.
    expect([...decisions]).toEqual([...set.ictal]);
  });

  test('CNN: learns a rhythm from balanced minibatches, decides by the logit, and is the same for the same seed', async () => {
    const train = toySet(200, 2, 60);
    const test = toySet(100, 3, 60);
    const detector = cnnDetector({ steps: 40, filters: 8 });
    const first = await detector.fit(train, context);
    const a = first.decide(test);
    first.dispose();
    expect(auroc(a.scores, test.ictal)).toBeGreaterThan(0.9);
    expect([...a.decisions]).toEqual(Array.from(a.scores, (z) => (z > 0 ? 1 : 0)));
    const again = await detector.fit(train, context);
    expect(again.decide(test).scores).toEqual(a.scores);
    again.dispose();
    const other = await detector.fit(train, { ...context, seed: 4 });
    expect(other.decide(test).scores).not.toEqual(a.scores);
    other.dispose();
  });

  test('CNN: refuses a training set of one class in one line', async () => {
    const set = toySet(10, 1);
    await expect(cnnDetector({ steps: 2 }).fit({ ...set, ictal: new Uint8Array(10) }, context)).rejects.toThrow(
      /both classes.*0 ictal and 10 non-ictal/,
    );
  });

  test('trees: learn the rhythm from window features, the same every time, with the classes weighted equally', async () => {
    const train = toySet(200, 5, 40);
    const test = toySet(100, 6, 40);
    const detector = treeDetector({ iterations: 30, minSamplesLeaf: 5 });
    const { scores, decisions } = (await detector.fit(train, context)).decide(test);
    expect(auroc(scores, test.ictal)).toBeGreaterThan(0.9);
    expect([...decisions]).toEqual(Array.from(scores, (z) => (z > 0 ? 1 : 0)));
    expect((await detector.fit(train, context)).decide(test).scores).toEqual(scores);
    // Nothing tells the classes apart and 1 window in 4 is "ictal": equal class weights put
    // the logits around 0, where unweighted trees would start from the log-odds log(1/3) ≈ −1.1.
    const noise = toySet(240, 7, 0);
    const quarter = { ...noise, ictal: Uint8Array.from(noise.ictal, (_, i) => (i % 4 === 1 ? 1 : 0)) };
    const logits = (await treeDetector({ iterations: 5 }).fit(quarter, context)).decide(toySet(100, 8, 0)).scores;
    const mean = logits.reduce((a, b) => a + b, 0) / logits.length;
    expect(Math.abs(mean)).toBeLessThan(0.3);
    await expect(detector.fit({ ...train, ictal: new Uint8Array(train.ictal.length) }, context)).rejects.toThrow(
      /both classes/,
    );
  });
});
