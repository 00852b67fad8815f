import seedrandom from 'seedrandom';
import { AccelganError } from '../errors.js';
import { DATAPOINT_SECONDS, SAMPLES_PER_DATAPOINT, type OsdbDatapoint, type OsdbEvent } from '../types.js';
import { renderMagnitude, type Motion, type Random, type Segment, type Wearer } from './motion.js';

/**
 * The built-in simulator: OSDB-shaped events for demos and tests, made of the
 * structure real recordings have (see SIMULATOR.md for how they differ from real
 * ones). Deterministic given the seed, and event i does not depend on how many
 * events are asked for, so 10 events are the first 10 of 40.
 */

export interface SimulateOptions {
  readonly events: number;
  readonly seed: number;
  /** Epoch ms near which the first event starts. Default 2024-01-01T00:00:00Z. */
  readonly startTime?: number;
}

type Kind = 'tonic-clonic' | 'other' | 'aura' | 'false-alarm' | 'nda';

/**
 * Each block of 8 consecutive events holds this mix, in a seeded order: 5 seizures
 * (3 tonic-clonic, 1 other, 1 aura) and 3 non-seizure events. Any 2 events include
 * both a seizure and a non-seizure event only by chance, but any 8 include all kinds.
 */
const BLOCK: readonly Kind[] = [
  'tonic-clonic',
  'false-alarm',
  'other',
  'tonic-clonic',
  'nda',
  'aura',
  'tonic-clonic',
  'false-alarm',
];

const TYPE: Record<Kind, { type: string; subType: string }> = {
  'tonic-clonic': { type: 'Seizure', subType: 'Tonic-Clonic' },
  other: { type: 'Seizure', subType: 'Other' },
  aura: { type: 'Seizure', subType: 'Aura' },
  'false-alarm': { type: 'False Alarm', subType: '' },
  nda: { type: 'NDA', subType: '' },
};

/** Chance that a datapoint is lost in transmission, leaving a hole. */
const HOLE_CHANCE = 0.02;
/** Chance that a datapoint's time stamp is a second early, and (separately) late. */
const JITTER_CHANCE = 0.08;

export function simulateEvents(options: SimulateOptions): OsdbEvent[] {
  const { events: count, seed } = options;
  if (!Number.isInteger(count) || count < 1)
    throw new AccelganError(`number of events must be a whole number of at least 1; got ${count}`);
  if (!Number.isFinite(seed)) throw new AccelganError(`seed must be a number; got ${seed}`);
  const base = options.startTime ?? Date.UTC(2024, 0, 1);
  const setup = seedrandom.alea(`accelgan-sim:${seed}`);
  const wearers = Array.from({ length: 2 + Math.floor(setup() * 3) }, (_, u) => makeWearer(u, setup));
  const events: OsdbEvent[] = [];
  let order: Kind[] = [];
  for (let i = 0; i < count; i++) {
    if (i % BLOCK.length === 0)
      order = shuffled(BLOCK, seedrandom.alea(`accelgan-sim:${seed}:block:${i / BLOCK.length}`));
    const random = seedrandom.alea(`accelgan-sim:${seed}:event:${i}`);
    // Every wearer appears in the first events; after that, at random.
    const wearer = i < wearers.length ? wearers[i]! : wearers[Math.floor(random() * wearers.length)]!;
    const start = base + i * 4 * 3_600_000 + Math.floor(random() * 3600) * 1000;
    events.push(simulateEvent(`sim-${seed}-${i + 1}`, order[i % BLOCK.length]!, wearer, start, random));
  }
  return events;
}

interface SimWearer extends Wearer {
  readonly id: string;
}

function makeWearer(index: number, random: Random): SimWearer {
  return {
    id: String(9001 + index),
    gravityMg: 1000 * (1 + (random() - 0.5) * 0.04),
    noiseMg: 3 + 5 * random(),
    // Some watches report in steps of 4 mg, others in 1 mg.
    quantumMg: index % 2 === 1 ? 4 : 1,
  };
}

interface Plan {
  readonly segments: Segment[];
  readonly seconds: number;
  /** Seconds from the first sample. */
  readonly ictal?: readonly [number, number];
  /** When the alarm (the event's dataTime) went off, seconds from the first sample. */
  readonly alarmAt: number;
  readonly desc: string;
}

function simulateEvent(id: string, kind: Kind, wearer: SimWearer, start: number, random: Random): OsdbEvent {
  const plan = planEvent(kind, random);
  const magnitude = renderMagnitude(plan.segments, plan.seconds, wearer, random);
  const datapoints: OsdbDatapoint[] = [];
  const count = plan.seconds / DATAPOINT_SECONDS;
  for (let j = 0; j < count; j++) {
    const lost = j > 0 && j < count - 1 && random() < HOLE_CHANCE;
    const jitterDraw = random();
    if (lost) continue;
    const jitter = jitterDraw < JITTER_CHANCE ? -1 : jitterDraw > 1 - JITTER_CHANCE ? 1 : 0;
    datapoints.push({
      // OSDB stamps a datapoint at the end of its 5 s, to the whole second.
      time: start + ((j + 1) * DATAPOINT_SECONDS + jitter) * 1000,
      magnitude: magnitude.slice(j * SAMPLES_PER_DATAPOINT, (j + 1) * SAMPLES_PER_DATAPOINT),
    });
  }
  const alarmAt = Math.round(plan.alarmAt);
  const { type, subType } = TYPE[kind];
  return {
    id,
    userId: wearer.id,
    type,
    subType,
    time: start + alarmAt * 1000,
    seizureTimes: plan.ictal ? [Math.round(plan.ictal[0] - alarmAt), Math.round(plan.ictal[1] - alarmAt)] : null,
    desc: plan.desc,
    datapoints,
  };
}

function planEvent(kind: Kind, random: Random): Plan {
  const between = (lo: number, hi: number): number => lo + (hi - lo) * random();
  const plan = new PlanBuilder(random);
  switch (kind) {
    case 'tonic-clonic': {
      plan.daily(between(25, 70));
      const onset = plan.time;
      const tonic = between(5, 20);
      plan.add({ kind: 'tonic', tremorHz: between(8, 11), amplitudeMg: between(25, 70) }, tonic);
      const clonic: Motion = {
        kind: 'clonic',
        startHz: between(5.5, 7.5),
        endHz: between(3, 4),
        startMg: between(150, 300),
        endMg: between(600, 1500),
      };
      const clonicSeconds = between(30, 100);
      plan.add(clonic, clonicSeconds);
      const end = plan.time;
      plan.add({ kind: 'still' }, between(20, 80));
      return plan.finish({
        ictal: [onset, end],
        alarmAt: onset + tonic + between(10, 25),
        desc: `Simulated tonic-clonic seizure: tonic ${tonic.toFixed(0)} s, clonic ${clonicSeconds.toFixed(0)} s slowing ${clonic.startHz.toFixed(1)} → ${clonic.endHz.toFixed(1)} Hz`,
      });
    }
    case 'other': {
      plan.daily(between(30, 70));
      const onset = plan.time;
      const until = onset + between(20, 90);
      while (plan.time < until) {
        plan.add(
          { kind: 'rhythmic', hz: between(1.5, 4.5), amplitudeMg: between(80, 300) },
          Math.min(between(4, 15), until - plan.time),
        );
        if (plan.time < until)
          plan.add({ kind: 'gesture', amplitudeMg: between(100, 400) }, Math.min(between(2, 5), until - plan.time));
      }
      const end = plan.time;
      plan.add({ kind: 'rest', tremorMg: between(2, 4) }, between(20, 60));
      return plan.finish({
        ictal: [onset, end],
        alarmAt: onset + between(10, 30),
        desc: 'Simulated focal seizure with automatisms',
      });
    }
    case 'aura': {
      plan.daily(between(30, 80));
      const onset = plan.time;
      const until = onset + between(10, 40);
      while (plan.time < until) {
        plan.add({ kind: 'rest', tremorMg: between(5, 12) }, Math.min(between(4, 12), until - plan.time));
        if (plan.time < until)
          plan.add({ kind: 'gesture', amplitudeMg: between(80, 250) }, Math.min(between(2, 4), until - plan.time));
      }
      const end = plan.time;
      plan.daily(between(20, 60));
      return plan.finish({
        ictal: [onset, end],
        alarmAt: onset + between(5, 20),
        desc: 'Simulated aura: little movement',
      });
    }
    case 'false-alarm': {
      plan.daily(between(25, 60));
      const onset = plan.time;
      const hz = between(3, 6.5);
      plan.add({ kind: 'rhythmic', hz, amplitudeMg: between(150, 600) }, between(10, 40));
      plan.daily(between(25, 60));
      return plan.finish({
        alarmAt: onset + between(8, 15),
        desc: `Simulated false alarm: steady ${hz.toFixed(1)} Hz movement (brushing teeth, shaking)`,
      });
    }
    case 'nda': {
      const seconds = between(60, 180);
      plan.daily(seconds);
      return plan.finish({ alarmAt: between(0.3, 0.7) * seconds, desc: 'Simulated normal daily activity' });
    }
  }
}

/** Lays segments end to end; `finish` rounds the event up to whole datapoints. */
class PlanBuilder {
  private readonly segments: Segment[] = [];
  time = 0;

  constructor(private readonly random: Random) {}

  add(motion: Motion, seconds: number): void {
    if (seconds <= 0) return;
    this.segments.push({ motion, start: this.time, end: this.time + seconds });
    this.time += seconds;
  }

  /** Ordinary life: rest, walking bursts and arm gestures, in random turns. */
  daily(seconds: number): void {
    const until = this.time + seconds;
    const r = this.random;
    while (this.time < until) {
      const pick = r();
      const left = until - this.time;
      if (pick < 0.45) this.add({ kind: 'rest', tremorMg: 1.5 + 2 * r() }, Math.min(5 + 25 * r(), left));
      else if (pick < 0.75)
        this.add({ kind: 'walk', stepHz: 1.7 + 0.5 * r(), amplitudeMg: 150 + 200 * r() }, Math.min(8 + 22 * r(), left));
      else this.add({ kind: 'gesture', amplitudeMg: 150 + 450 * r() }, Math.min(2 + 4 * r(), left));
    }
  }

  finish(rest: Omit<Plan, 'segments' | 'seconds'>): Plan {
    const seconds = Math.max(60, Math.ceil(this.time / DATAPOINT_SECONDS) * DATAPOINT_SECONDS);
    const last = this.segments[this.segments.length - 1]!;
    // Stretch the last segment to cover the rounding.
    this.segments[this.segments.length - 1] = { ...last, end: seconds };
    return { segments: this.segments, seconds, ...rest };
  }
}

function shuffled<T>(items: readonly T[], random: Random): T[] {
  const out = items.slice();
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}
