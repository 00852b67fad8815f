import { AccelganError, DATAPOINT_SECONDS, mulberry32 } from '@accelgan/data';
import { phaseOf, type Phase } from '../conditioning.js';
import { deriveSeed, Stream } from '../seeds.js';
import { standardNormal } from './latents.js';
import type { EventOutline } from './outlines.js';

/**
 * Laying out synthetic events: each event copies the outline of one training event drawn
 * at random (its length, where its seizure starts relative to the recording, how long it
 * lasts, its type and subtype), jittered so that events are not replicas of the few real
 * ones, or takes what the user fixed. Event i depends only on (seed, i).
 */

/** What the user may fix; everything left out is drawn from the training events. */
export interface EventLayoutRequest {
  /** Number of events, ≥ 1. */
  readonly events: number;
  /** Length of every event in seconds: a multiple of 5 from 10 to 3600. */
  readonly seconds?: number | undefined;
  /** Seizure duration in seconds, > 0 (events then always have a seizure). */
  readonly seizureSeconds?: number | undefined;
  /** Seizure onset in seconds from the event's first sample; negative = began before the recording. */
  readonly onset?: number | undefined;
  /** OSDB subtype to draw events of (case-insensitive; "" for events without one). */
  readonly subType?: string | undefined;
  readonly seed: number;
}

/** One synthetic event's layout. */
export interface EventPlan {
  readonly type: string;
  readonly subType: string;
  /** Datapoints of 5 s, one after the other without holes. */
  readonly datapoints: number;
  /** Seizure [start, end] in seconds from the first sample (may reach outside the event); null: none. */
  readonly seizure: readonly [number, number] | null;
  /** Whether the event reports whole milli-g, as the training event it was drawn from did; absent where outlines do not say (older checkpoints). */
  readonly onGrid?: boolean;
}

export const MIN_EVENT_SECONDS = 10;
export const MAX_EVENT_SECONDS = 3600;
/** Jitter of a drawn event: length ± up to this many datapoints, onset N(0, σ) s, duration × exp(N(0, σ)). */
const LENGTH_JITTER_DATAPOINTS = 2;
const ONSET_JITTER_S = 5;
const DURATION_JITTER_LOG = 0.15;

/** Checks a request before any work; every failure is one line for the user. */
export function checkLayoutRequest(request: EventLayoutRequest): void {
  const { events, seconds, seizureSeconds, onset } = request;
  if (!Number.isInteger(events) || events < 1)
    throw new AccelganError(`--events must be a positive integer, got ${events}`);
  if (
    seconds !== undefined &&
    !(Number.isInteger(seconds / DATAPOINT_SECONDS) && seconds >= MIN_EVENT_SECONDS && seconds <= MAX_EVENT_SECONDS)
  ) {
    throw new AccelganError(
      `--duration must be a multiple of ${DATAPOINT_SECONDS} seconds from ${MIN_EVENT_SECONDS} to ${MAX_EVENT_SECONDS}, got ${seconds}`,
    );
  }
  if (seizureSeconds !== undefined && !(seizureSeconds > 0 && seizureSeconds <= MAX_EVENT_SECONDS)) {
    throw new AccelganError(
      `--seizure-duration must be more than 0 and at most ${MAX_EVENT_SECONDS} seconds, got ${seizureSeconds}`,
    );
  }
  if (onset !== undefined && !Number.isFinite(onset))
    throw new AccelganError(`--onset must be a number of seconds, got ${onset}`);
  if (onset !== undefined && seconds !== undefined && onset >= seconds) {
    throw new AccelganError(
      `--onset ${onset} s is not inside a ${seconds} s event; the seizure must begin before the event ends`,
    );
  }
}

/** Lays out `request.events` events from the training events' outlines. */
export function planEvents(outlines: readonly EventOutline[], request: EventLayoutRequest): EventPlan[] {
  checkLayoutRequest(request);
  const candidates = templatesFor(outlines, request);
  return Array.from({ length: request.events }, (_, i) =>
    planEvent(candidates, request, deriveSeed(request.seed, Stream.EventPlan, i)),
  );
}

/** The outlines an event may be drawn from: the requested subtype's, with a seizure when one is asked for. */
function templatesFor(outlines: readonly EventOutline[], request: EventLayoutRequest): EventOutline[] {
  if (outlines.length === 0) {
    throw new AccelganError(
      'this run records no training events to lay synthetic events out from (trained before whole-event generation, or on windows without times); train it again',
    );
  }
  let candidates = [...outlines];
  if (request.subType !== undefined) {
    const wanted = request.subType.trim().toLowerCase();
    candidates = outlines.filter((o) => o.subType.toLowerCase() === wanted);
    if (candidates.length === 0)
      throw new AccelganError(
        `unknown subtype "${request.subType}": the training events have ${describeSubtypes(outlines)}`,
      );
  }
  if (request.seizureSeconds !== undefined || request.onset !== undefined) {
    candidates = candidates.filter((o) => o.seizure);
    if (candidates.length === 0) {
      throw new AccelganError(
        `no training event${request.subType !== undefined ? ` of subtype "${request.subType}"` : ''} has a seizure to take the rest of the layout from`,
      );
    }
  }
  return candidates;
}

/** e.g. `Aura (15), Tonic-Clonic (14), (blank) (5)`: subtypes by number of events. */
function describeSubtypes(outlines: readonly EventOutline[]): string {
  const counts = new Map<string, number>();
  for (const o of outlines) counts.set(o.subType, (counts.get(o.subType) ?? 0) + 1);
  return [...counts]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([name, n]) => `${name === '' ? '(blank)' : name} (${n})`)
    .join(', ');
}

function planEvent(candidates: readonly EventOutline[], request: EventLayoutRequest, seed: number): EventPlan {
  const random = mulberry32(seed);
  const normal = standardNormal(random);
  const template = candidates[Math.floor(random() * candidates.length)]!;
  // Draw every jitter whether or not it is used, so that fixing one quantity leaves the others' draws unchanged.
  const lengthJitter =
    (Math.floor(random() * (2 * LENGTH_JITTER_DATAPOINTS + 1)) - LENGTH_JITTER_DATAPOINTS) * DATAPOINT_SECONDS;
  const onsetJitter = ONSET_JITTER_S * normal();
  const durationFactor = Math.exp(DURATION_JITTER_LOG * normal());
  let seconds =
    request.seconds ??
    Math.max(MIN_EVENT_SECONDS, DATAPOINT_SECONDS * Math.round((template.seconds + lengthJitter) / DATAPOINT_SECONDS));
  let seizure: [number, number] | null = null;
  if (template.seizure) {
    const [start, end] = template.seizure;
    // Real recordings are centred on the alarm, so a longer or shorter event keeps the
    // seizure where it was relative to the event's middle, not its start.
    const onset = request.onset ?? Math.round(start + (seconds - template.seconds) / 2 + onsetJitter);
    const duration = request.seizureSeconds ?? Math.max(1, Math.round((end - start) * durationFactor));
    // A drawn length too short for a fixed onset grows to hold the seizure's start.
    if (request.seconds === undefined && onset >= seconds)
      seconds = DATAPOINT_SECONDS * (Math.floor(onset / DATAPOINT_SECONDS) + 2);
    seizure = [onset, onset + duration];
  }
  return {
    type: template.type,
    subType: template.subType,
    datapoints: seconds / DATAPOINT_SECONDS,
    seizure,
    ...(template.onGrid !== undefined ? { onGrid: template.onGrid } : {}),
  };
}

/** The phase of every datapoint of a plan, by its midpoint, with the rule training windows were labelled by. */
export function datapointPhases(plan: EventPlan): Phase[] {
  return Array.from({ length: plan.datapoints }, (_, k) => {
    const midpoint = (k + 0.5) * DATAPOINT_SECONDS;
    const [start, end] = plan.seizure ?? [Number.NaN, Number.NaN];
    return phaseOf(midpoint, midpoint >= start && midpoint <= end, start, end);
  });
}
