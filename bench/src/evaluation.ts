import { evaluateWindows, type WindowSet } from '@accelgan/eval';

/**
 * Windows shaped like accelerometer data in milli-g: gravity plus a rhythm whose
 * frequency depends on the class, plus noise. Deterministic. 25 events per 1,000 windows.
 */
function windows(n: number, seed: number): WindowSet {
  const L = 125;
  const values = new Float32Array(n * L);
  const ictal = new Uint8Array(n);
  const eventId: string[] = [];
  let state = seed;
  const random = () => (state = (Math.imul(state, 1664525) + 1013904223) >>> 0) / 2 ** 32;
  for (let i = 0; i < n; i++) {
    ictal[i] = i % 3 === 0 ? 1 : 0;
    eventId.push(`e${seed}-${i % 25}`);
    const f = ictal[i] ? 3 + 5 * random() : 0.5 + random();
    const a = ictal[i] ? 300 : 60;
    for (let t = 0; t < L; t++)
      values[i * L + t] = 1000 + a * Math.sin((2 * Math.PI * f * t) / 25) + 30 * (random() - 0.5);
  }
  return { samplesPerWindow: L, values, ictal, eventId };
}

/** Seconds for one full evaluation (every metric, both critics) of 2,000 synthetic against 1,000 real windows. */
export async function timeEvaluation(): Promise<number> {
  const t0 = performance.now();
  await evaluateWindows({ real: windows(1000, 1), synthetic: windows(2000, 2), train: windows(1000, 3) }, { seed: 1 });
  return (performance.now() - t0) / 1000;
}
