/**
 * Wrist acceleration of simulated movement, rendered per sample in three axes
 * (milli-g) and reduced to the vector magnitude a watch reports. Working in 3-D
 * first matters: magnitude is |gravity + movement|, so the same jerk looks different
 * with the arm in different poses, as it does in real recordings.
 */

import { SAMPLE_RATE_HZ } from '../types.js';

export type Random = () => number;
type Vec3 = readonly [number, number, number];

/** What the wrist does during one stretch of an event. */
export type Motion =
  /** Sitting or lying: physiological tremor only. */
  | { readonly kind: 'rest'; readonly tremorMg: number }
  /** Post-ictal: stiller than rest, no gestures. */
  | { readonly kind: 'still' }
  /** Walking: ~2 Hz steps with their harmonic, arm swing at half the step rate. */
  | { readonly kind: 'walk'; readonly stepHz: number; readonly amplitudeMg: number }
  /** Arm gestures: a few smooth, irregular bumps. */
  | { readonly kind: 'gesture'; readonly amplitudeMg: number }
  /** Tonic phase: stiff limb, fast low-amplitude tremor of sustained contraction. */
  | { readonly kind: 'tonic'; readonly tremorHz: number; readonly amplitudeMg: number }
  /**
   * Clonic phase: rhythmic jerks whose rate falls from startHz to endHz while their
   * amplitude grows from startMg to endMg, with cycle-to-cycle jitter.
   */
  | {
      readonly kind: 'clonic';
      readonly startHz: number;
      readonly endHz: number;
      readonly startMg: number;
      readonly endMg: number;
    }
  /** Steady rhythmic movement: tooth brushing, shaking, automatisms. Frequency does not evolve. */
  | { readonly kind: 'rhythmic'; readonly hz: number; readonly amplitudeMg: number };

export interface Segment {
  readonly motion: Motion;
  /** Seconds from the event's first sample. */
  readonly start: number;
  readonly end: number;
}

/** What stays the same for one wearer: the watch's calibration, noise and resolution. */
export interface Wearer {
  /** Gravity as this watch measures it, milli-g (calibration error). */
  readonly gravityMg: number;
  /** Sensor noise per axis, milli-g (standard deviation). */
  readonly noiseMg: number;
  /** Reported values are multiples of this (1, or 4 as some watches report). */
  readonly quantumMg: number;
}

/** Watch accelerometers saturate: ±8 g per axis. */
const RANGE_MG = 8000;
/** Seconds over which the arm moves to a new pose at a segment boundary. */
const POSE_CHANGE_S = 1;

/** Renders `seconds` of magnitude samples covering the segments (which must tile [0, seconds)). */
export function renderMagnitude(
  segments: readonly Segment[],
  seconds: number,
  wearer: Wearer,
  random: Random,
): Float32Array {
  const n = Math.round(seconds * SAMPLE_RATE_HZ);
  const out = new Float32Array(n);
  const gaussian = gaussianSource(random);
  let index = 0;
  let previousPose: Vec3 = randomPose(random, 'rest');
  for (const segment of segments) {
    const length = segment.end - segment.start;
    const pose = randomPose(random, segment.motion.kind);
    const movement = movementOf(segment.motion, length, pose, random, gaussian);
    const end = Math.min(n, Math.round(segment.end * SAMPLE_RATE_HZ));
    for (; index < end; index++) {
      const t = index / SAMPLE_RATE_HZ - segment.start;
      const g = normalised(lerp(previousPose, pose, Math.min(1, t / POSE_CHANGE_S)));
      // Fade movement in and out over 0.3 s so that segments do not start with a click.
      const fade = Math.max(0, Math.min(1, t / 0.3, (length - t) / 0.3));
      const a = movement(t, fade);
      let sum = 0;
      for (let axis = 0; axis < 3; axis++) {
        const v = clamp(g[axis]! * wearer.gravityMg + a[axis]! + gaussian() * wearer.noiseMg, -RANGE_MG, RANGE_MG);
        sum += v * v;
      }
      out[index] = Math.round(Math.sqrt(sum) / wearer.quantumMg) * wearer.quantumMg;
    }
    previousPose = pose;
  }
  return out;
}

/** Dynamic acceleration (milli-g, 3-D) at `t` seconds into a segment; called in time order. */
type Movement = (t: number, fade: number) => Vec3;

function movementOf(motion: Motion, length: number, pose: Vec3, random: Random, gaussian: () => number): Movement {
  // Movement partly along gravity changes the magnitude at its own rate; movement
  // across gravity only at twice the rate and weakly. Real wrists do some of each.
  const direction = normalised(add(scale(pose, 0.7), randomUnit(random)));
  const across = normalised(cross(direction, randomUnit(random)));
  switch (motion.kind) {
    case 'rest':
    case 'still': {
      const amplitude = motion.kind === 'rest' ? motion.tremorMg : 1;
      const hz = 8 + 4 * random();
      let drift = 0;
      return (t) => {
        // Physiological tremor, plus slow random wandering of posture.
        drift = 0.995 * drift + gaussian() * amplitude * 0.3;
        return scale(direction, amplitude * Math.sin(2 * Math.PI * hz * t) + drift);
      };
    }
    case 'walk': {
      const phase2 = random() * Math.PI;
      return (t, fade) => {
        const w = 2 * Math.PI * motion.stepHz * t;
        const bounce = motion.amplitudeMg * (Math.sin(w) + 0.45 * Math.sin(2 * w + phase2)) * fade;
        const swing = 0.8 * motion.amplitudeMg * Math.sin(w / 2) * fade;
        return add(scale(direction, bounce), scale(across, swing + gaussian() * 15));
      };
    }
    case 'gesture': {
      // Each bump is a reach: the derivative of a Gaussian velocity profile.
      const bumps = Array.from({ length: 1 + Math.floor(random() * 3) }, () => ({
        at: length * (0.15 + 0.7 * random()),
        width: 0.15 + 0.4 * random(),
        size: motion.amplitudeMg * (0.5 + 0.5 * random()) * (random() < 0.5 ? -1 : 1),
        along: normalised(add(scale(pose, 0.5), randomUnit(random))),
      }));
      return (t, fade) => {
        let v: Vec3 = [0, 0, 0];
        for (const bump of bumps) {
          const x = (t - bump.at) / bump.width;
          v = add(v, scale(bump.along, bump.size * -2 * x * Math.exp(-x * x) * 1.17));
        }
        return scale(v, fade);
      };
    }
    case 'tonic':
      return (t, fade) =>
        scale(direction, motion.amplitudeMg * fade * (Math.sin(2 * Math.PI * motion.tremorHz * t) + 0.3 * gaussian()));
    case 'clonic': {
      // The phase is integrated sample by sample so that the falling rate stays
      // continuous; each jerk gets its own size and rate jitter, as real ones do.
      let phase = 0;
      let size = 1;
      let rate = 1;
      const shape = random() * Math.PI;
      return (t, fade) => {
        const progress = clamp(t / length, 0, 1);
        const hz = motion.startHz * (motion.endHz / motion.startHz) ** progress * rate;
        const mg = (motion.startMg + (motion.endMg - motion.startMg) * Math.sqrt(progress)) * size;
        const before = Math.floor(phase);
        phase += hz / SAMPLE_RATE_HZ;
        if (Math.floor(phase) !== before) {
          size = 0.75 + 0.5 * random();
          rate = 0.93 + 0.14 * random();
        }
        const p = 2 * Math.PI * phase;
        // A jerk is a quick flexion and a slower return, not a sine: add a second harmonic.
        const jerk = mg * fade * (Math.sin(p) + 0.35 * Math.sin(2 * p + shape));
        return add(scale(direction, jerk), scale(across, 0.3 * jerk));
      };
    }
    case 'rhythmic': {
      const phase2 = random() * Math.PI;
      return (t, fade) => {
        const w = 2 * Math.PI * motion.hz * t;
        const v = motion.amplitudeMg * fade * (Math.sin(w) + 0.25 * Math.sin(2 * w + phase2)) * (1 + 0.1 * gaussian());
        return add(scale(direction, v), scale(across, 0.3 * v));
      };
    }
  }
}

function gaussianSource(random: Random): () => number {
  let spare: number | undefined;
  return () => {
    if (spare !== undefined) {
      const value = spare;
      spare = undefined;
      return value;
    }
    const u = 1 - random();
    const v = random();
    const r = Math.sqrt(-2 * Math.log(u));
    spare = r * Math.sin(2 * Math.PI * v);
    return r * Math.cos(2 * Math.PI * v);
  };
}

/** A pose: the direction of gravity in the watch's frame. Arms at rest mostly lie flat. */
function randomPose(random: Random, kind: Motion['kind']): Vec3 {
  const tilt = kind === 'rest' || kind === 'still' ? 0.5 : 1.2;
  return normalised([(random() - 0.5) * tilt, (random() - 0.5) * tilt, random() < 0.8 ? 1 : -1]);
}

function randomUnit(random: Random): Vec3 {
  return normalised([random() - 0.5, random() - 0.5, random() - 0.5]);
}

function normalised(v: Vec3): Vec3 {
  const length = Math.hypot(v[0], v[1], v[2]) || 1;
  return [v[0] / length, v[1] / length, v[2] / length];
}

function lerp(a: Vec3, b: Vec3, t: number): Vec3 {
  return [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t, a[2] + (b[2] - a[2]) * t];
}

function cross(a: Vec3, b: Vec3): Vec3 {
  return [a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]];
}

function add(a: Vec3, b: Vec3): Vec3 {
  return [a[0] + b[0], a[1] + b[1], a[2] + b[2]];
}

function scale(v: Vec3, s: number): Vec3 {
  return [v[0] * s, v[1] * s, v[2] * s];
}

function clamp(v: number, lo: number, hi: number): number {
  return v < lo ? lo : Math.min(v, hi);
}
