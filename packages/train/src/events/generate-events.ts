import {
  AccelganError,
  DATAPOINT_SECONDS,
  denormalise,
  mulberry32,
  SAMPLES_PER_DATAPOINT,
  type OsdbEvent,
} from '@accelgan/data';
import { NON_ICTAL, PHASES, POST_ICTAL, type Phase } from '../conditioning.js';
import type { TrainedGenerator } from '../generate.js';
import { asWatchReadings, gridQuantum } from '../watch-grid.js';
import { sampleWindows } from '../generate-threads.js';
import { deriveSeed, Stream } from '../seeds.js';
import { ar1Latents, setAlongDirections, standardNormal } from './latents.js';
import { datapointPhases, planEvents, type EventLayoutRequest, type EventPlan } from './plan.js';
import { DEFAULT_ROW_WALK_WIDTHS, RowWalk, type RowWalkWidths } from './row-walk.js';
import { levelTrack } from './level-track.js';
import {
  BRIDGE_HALF,
  BRIDGE_SHIFT,
  bridgeSeams,
  joinSeams,
  maxBridgeFade,
  meanOver,
  SEAM_MODES,
  type SeamMode,
} from './seams.js';

/**
 * Whole synthetic events from a run trained with `--condition phase`: each event is laid
 * out from a training event's outline (plan.ts), every 5 s datapoint gets the phase class
 * its place in the seizure calls for, consecutive datapoints share a slowly moving latent
 * (latents.ts) so the event keeps one character from window to window, and the windows are
 * joined without steps at their boundaries (seams.ts). What changes over the event comes
 * from what the generator learnt of each phase of the real events, not from a template.
 */

export interface EventGenerationOptions extends EventLayoutRequest {
  /** Correlation of consecutive windows' latents, in [0, 1); default {@link DEFAULT_LATENT_RHO}. */
  readonly rho?: number | undefined;
  /** How windows are joined; default `bridge`. */
  readonly seam?: SeamMode | undefined;
  /** Samples over which the seam correction fades; default {@link DEFAULT_SEAM_TAPER}. */
  readonly seamTaper?: number | undefined;
  /**
   * For generators that draw windows from rows of real windows (DrawnFromData.rows): the
   * kernel widths of the walk over them (row-walk.ts); default {@link DEFAULT_ROW_WALK_WIDTHS}.
   * null: no walk, each class's rows drifted through by quantile as the slow latent moves
   * (the layout before the walk, for comparison).
   */
  readonly rowWalk?: RowWalkWidths | null | undefined;
  readonly batchSize?: number | undefined;
  readonly threads?: number | undefined;
  readonly onProgress?: ((done: number, total: number) => void) | undefined;
}

/**
 * Defaults chosen by measurement on the shared real sample (docs/lab/2026-11-events.md). ρ:
 * consecutive real datapoints' log std and 3–8 Hz power are strongly correlated (ρ = 0 gives
 * none); where level and scale come from a table of real windows, 0.98 keeps that
 * correlation closer to the real one than 0.9 and brings OSD's alarm latency nearer the
 * held-out events', without a worse critic score on 30 s windows. Bridge seams make the
 * boundary steps about as large as any other step (level seams and none leave them larger)
 * and remove the generator's edge samples, which also lets OSD see the seizure rhythm as it
 * sees real ones; a 12-sample (0.5 s) cross-fade did no worse than 4.
 */
export const DEFAULT_LATENT_RHO = 0.98;
/**
 * Latent correlation of consecutive windows along the generator's persistent directions
 * (DrawnFromData.persistentDirections: `styled`'s level and scale): a wrist's level barely
 * changes within one recording, so these drift about three times more slowly than the rest
 * (a step of √(1 − 0.998²) ≈ 0.06 std against 0.20 at ρ = 0.98).
 */
export const PERSISTENT_LATENT_RHO = 0.998;
export const DEFAULT_SEAM_TAPER = 12;

export interface GeneratedEvents {
  /** Events in milli-g (whole, or fractions as the training event each is laid out from reported them), datapoints 5 s apart, dataTime = first sample, seizureTimes relative to it. */
  readonly events: readonly OsdbEvent[];
  readonly plans: readonly EventPlan[];
  /** Phase class of every datapoint, events one after the other. */
  readonly phases: readonly Phase[];
  /** How they were generated, for the record; rowWalk is null where the generator has no rows to walk or none was walked. */
  readonly settings: {
    readonly rho: number;
    readonly seam: SeamMode;
    readonly seamTaper: number;
    readonly rowWalk: RowWalkWidths | null;
  };
}

/** Synthetic events start here, an hour apart: clearly not a real recording's time. */
export const SYNTHETIC_EVENTS_EPOCH_MS = Date.UTC(2000, 0, 1);
const EVENT_GAP_MS = 3_600_000;

/** Fails unless the run can generate whole events (phase conditioning, 5 s windows). */
export function checkEventRun(trained: TrainedGenerator): void {
  const { header } = trained;
  if (header.config.condition !== 'phase') {
    throw new AccelganError(
      `whole events need a run trained with --condition phase; ${trained.runDir} was trained with --condition ${header.config.condition}`,
    );
  }
  if (header.samplesPerWindow !== SAMPLES_PER_DATAPOINT) {
    throw new AccelganError(
      `whole events are made of 5 s windows; ${trained.runDir} was trained on ${header.samplesPerWindow / 25} s windows`,
    );
  }
}

export async function generateEvents(
  trained: TrainedGenerator,
  options: EventGenerationOptions,
): Promise<GeneratedEvents> {
  checkEventRun(trained);
  const rho = options.rho ?? DEFAULT_LATENT_RHO;
  const seam = options.seam ?? 'bridge';
  const seamTaper = options.seamTaper ?? DEFAULT_SEAM_TAPER;
  if (!(rho >= 0 && rho < 1)) throw new AccelganError(`--rho must be in [0, 1), got ${rho}`);
  if (!SEAM_MODES.includes(seam))
    throw new AccelganError(`--seam must be one of ${SEAM_MODES.join(', ')}, got ${seam}`);
  const maxTaper = seam === 'bridge' ? maxBridgeFade(SAMPLES_PER_DATAPOINT) : SAMPLES_PER_DATAPOINT;
  if (!(Number.isInteger(seamTaper) && seamTaper >= 1 && seamTaper <= maxTaper)) {
    throw new AccelganError(
      `--seam-taper must be a whole number of samples from 1 to ${maxTaper}${seam === 'bridge' ? ' with bridge seams' : ''}, got ${seamTaper}`,
    );
  }
  const { header, generator } = trained;
  const plans = planEvents(header.eventOutlines ?? [], options);
  const classOf = phaseClasses(header.classNames, header.classCounts);
  const phases = plans.flatMap(datapointPhases);
  const labels = Int32Array.from(phases, (phase) => classOf(phase));
  const d = generator.latentDim;
  const persistent = generator.drawnFromData?.persistentDirections ?? [];
  const latents = new Float32Array(phases.length * d);
  // Bridge windows, one per boundary: the later datapoint's class, a latent halfway between
  // the neighbours' scaled back to unit variance (Var(z₁ + z₂) = 2 + 2ρ).
  const bridging = seam === 'bridge';
  const bridgeLabels: number[] = [];
  const bridgeLatents = new Float32Array(bridging ? Math.max(0, phases.length - plans.length) * d : 0);
  let row = 0;
  const m = persistent.length;
  const scale = 1 / Math.sqrt(2 + 2 * rho);
  const slowScale = 1 / Math.sqrt(2 + 2 * PERSISTENT_LATENT_RHO);
  // Where the generator draws from rows of real windows, the first persistent direction
  // (the row's index) is set by a walk over the rows' values instead of a slow drift, and
  // the windows are later laid out at levels carried from datapoint to datapoint.
  const drawnRows = m && generator.drawnFromData && options.rowWalk !== null ? generator.drawnFromData.rows() : null;
  const rowWalk = options.rowWalk ?? DEFAULT_ROW_WALK_WIDTHS;
  const walk = drawnRows ? new RowWalk(drawnRows, rowWalk) : null;
  const walks: ({ rows: Int32Array; classes: Int32Array } | null)[] = []; // per event, where the generator has rows to walk
  plans.forEach((plan, i) => {
    const z = ar1Latents(plan.datapoints, d, rho, deriveSeed(options.seed, Stream.EventLatents, i));
    const slow = m
      ? ar1Latents(
          plan.datapoints,
          m,
          PERSISTENT_LATENT_RHO,
          deriveSeed(options.seed, Stream.EventPersistentLatents, i),
        )
      : null;
    const classes = labels.subarray(row, row + plan.datapoints);
    const walked = walk ? walk.rows(classes, mulberry32(deriveSeed(options.seed, Stream.EventRowWalk, i))) : null;
    walks.push(walked ? { rows: walked, classes } : null);
    const index = walked ? Float32Array.from(walked, (r, k) => drawnRows!.indexLatent(classes[k]!, r)) : null;
    if (slow && index) index.forEach((u, k) => (slow[k * m] = u));
    if (slow) setAlongDirections(z, d, persistent, slow);
    latents.set(z, row * d);
    if (bridging) {
      for (let k = 1; k < plan.datapoints; k++) {
        const at = bridgeLabels.length * d;
        for (let j = 0; j < d; j++) bridgeLatents[at + j] = (z[(k - 1) * d + j]! + z[k * d + j]!) * scale;
        if (slow) {
          const along = Float32Array.from(
            { length: m },
            (_, q) => (slow[(k - 1) * m + q]! + slow[k * m + q]!) * slowScale,
          );
          // A bridge has the later datapoint's class, so it draws that datapoint's row: an
          // average of two rows' index latents would pick an unrelated row in between.
          if (index) along[0] = index[k]!;
          setAlongDirections(bridgeLatents.subarray(at, at + d), d, persistent, along);
        }
        bridgeLabels.push(labels[row + k]!);
      }
    }
    row += plan.datapoints;
  });
  const source = {
    generator,
    arch: header.config.arch,
    buildSeed: trained.buildSeed,
    shape: { samplesPerWindow: SAMPLES_PER_DATAPOINT, numClasses: header.classNames.length },
  };
  const total = phases.length + bridgeLabels.length;
  const sample = (windowLabels: Int32Array, windowLatents: Float32Array, done: number) =>
    sampleWindows(source, {
      labels: windowLabels,
      latents: windowLatents,
      seed: options.seed,
      batchSize: options.batchSize ?? 1024,
      threads: options.threads,
      onProgress: options.onProgress && ((n) => options.onProgress!(done + n, total)),
    });
  const normalised = await sample(labels, latents, 0);
  const milliG = denormalise(normalised, header.normalisation);
  const bridges =
    bridging && bridgeLabels.length
      ? denormalise(await sample(Int32Array.from(bridgeLabels), bridgeLatents, phases.length), header.normalisation)
      : new Float32Array(0);
  const events: OsdbEvent[] = [];
  let first = 0;
  let bridgeFirst = 0;
  let time = SYNTHETIC_EVENTS_EPOCH_MS;
  plans.forEach((plan, i) => {
    const at = first * SAMPLES_PER_DATAPOINT;
    const samples = plan.datapoints * SAMPLES_PER_DATAPOINT;
    const event = milliG.subarray(at, at + samples);
    const walked = walks[i];
    if (bridging || walked) {
      // Each window's own mean, or the level the walk carried it to (from the first window's).
      const generatedMeans = removeMeans(event, SAMPLES_PER_DATAPOINT);
      const levels = walked
        ? denormalise(
            Float32Array.from(
              walk!.levels(
                walked.classes,
                walked.rows,
                meanOver(normalised, at, SAMPLES_PER_DATAPOINT),
                standardNormal(mulberry32(deriveSeed(options.seed, Stream.EventLevels, i))),
              ),
            ),
            header.normalisation,
          )
        : generatedMeans;
      if (bridging) {
        // The windows' deviations are bridged; their levels become one continuous track.
        removeMeans(
          bridges.subarray(
            bridgeFirst * SAMPLES_PER_DATAPOINT,
            (bridgeFirst + plan.datapoints - 1) * SAMPLES_PER_DATAPOINT,
          ),
          SAMPLES_PER_DATAPOINT,
        );
        bridgeSeams(
          milliG,
          bridges,
          SAMPLES_PER_DATAPOINT,
          plan.datapoints,
          seamTaper,
          at,
          bridgeFirst * SAMPLES_PER_DATAPOINT,
        );
      }
      const track = bridging ? levelTrack(levels, SAMPLES_PER_DATAPOINT) : null;
      for (let t = 0; t < samples; t++)
        event[t] = event[t]! + (track ? track[t]! : levels[Math.floor(t / SAMPLES_PER_DATAPOINT)]!);
    }
    if (!bridging) joinSeams(milliG, SAMPLES_PER_DATAPOINT, plan.datapoints, { mode: seam, taper: seamTaper }, at);
    // After the joins, which blend windows: readings as the watch reports them, the whole
    // event on the grid or not as the training event it was laid out from (checkpoints
    // before per-recording grids: every event on the run-wide grid, then whole milli-g).
    const eventMilliG = milliG.subarray(at, at + samples);
    const onGrid = plan.onGrid === undefined ? null : Uint8Array.of(plan.onGrid ? 1 : 0);
    asWatchReadings(eventMilliG, samples, onGrid, gridQuantum(header));
    if (onGrid === null) eventMilliG.set(eventMilliG.map(Math.round));
    events.push(toEvent(plan, i, time, milliG, first));
    first += plan.datapoints;
    bridgeFirst += plan.datapoints - 1;
    time += plan.datapoints * DATAPOINT_SECONDS * 1000 + EVENT_GAP_MS;
  });
  return { events, plans, phases, settings: { rho, seam, seamTaper, rowWalk: drawnRows ? rowWalk : null } };
}

/**
 * The class each phase is generated with. A phase the training data never showed (say,
 * no window after any seizure's end) has an untrained class; it borrows the nearest phase
 * that was seen: post-ictal ↔ non-ictal, and among the thirds of the seizure the nearest.
 */
export function phaseClasses(classNames: readonly string[], classCounts: readonly number[]): (phase: Phase) => number {
  const seen = (phase: Phase) => {
    const index = classNames.indexOf(phase);
    return index >= 0 && (classCounts[index] ?? 0) > 0 ? index : -1;
  };
  const preference: Record<Phase, readonly Phase[]> = {
    [NON_ICTAL]: [NON_ICTAL, POST_ICTAL],
    'ictal-early': ['ictal-early', 'ictal-mid', 'ictal-late'],
    'ictal-mid': ['ictal-mid', 'ictal-early', 'ictal-late'],
    'ictal-late': ['ictal-late', 'ictal-mid', 'ictal-early'],
    [POST_ICTAL]: [POST_ICTAL, NON_ICTAL],
  };
  const table = new Map<Phase, number>();
  for (const phase of PHASES) {
    const index = preference[phase].map(seen).find((i) => i >= 0);
    if (index !== undefined) table.set(phase, index);
  }
  return (phase) => {
    const index = table.get(phase);
    if (index === undefined)
      throw new AccelganError(
        `the run saw no ${phase.startsWith('ictal') ? 'ictal' : 'non-ictal'} training windows, so it cannot generate the ${phase} part of an event`,
      );
    return index;
  };
}

function toEvent(plan: EventPlan, index: number, time: number, milliG: Float32Array, first: number): OsdbEvent {
  const id = `synthetic-event-${String(index + 1).padStart(6, '0')}`;
  const datapoints = Array.from({ length: plan.datapoints }, (_, k) => {
    const from = (first + k) * SAMPLES_PER_DATAPOINT;
    const magnitude = milliG.slice(from, from + SAMPLES_PER_DATAPOINT);
    // OSDB stamps a datapoint at the end of its 5 s.
    return { time: time + (k + 1) * DATAPOINT_SECONDS * 1000, magnitude };
  });
  return {
    id,
    userId: 'synthetic',
    type: plan.type,
    subType: plan.subType,
    time,
    seizureTimes: plan.seizure,
    desc: `Synthetic ${plan.datapoints * DATAPOINT_SECONDS} s event${plan.seizure ? ` with a ${plan.seizure[1] - plan.seizure[0]} s seizure` : ''} generated by accelgan`,
    datapoints,
  };
}

/** Subtracts each `samples`-long window's mean from it, in place; returns the means. */
function removeMeans(values: Float32Array, samples: number): Float64Array {
  const means = Float64Array.from({ length: Math.floor(values.length / samples) }, (_, k) =>
    meanOver(values, k * samples, samples),
  );
  means.forEach((mean, k) => {
    for (let t = 0; t < samples; t++) values[k * samples + t] = values[k * samples + t]! - mean;
  });
  return means;
}

/**
 * How events were generated, in words, for their provenance: ρ, the seams and, where the
 * generator walks rows of real windows, the walk's widths. The bridge geometry and the walk
 * are constants of the code, not settings; recorded because they changed (docs/lab/2026-11-events.md).
 */
export function describeEventSettings(settings: GeneratedEvents['settings']): string {
  const { rho, seam, seamTaper, rowWalk } = settings;
  const geometry = seam === 'bridge' ? `, ${BRIDGE_HALF}-sample bridges aligned within ±${BRIDGE_SHIFT}` : '';
  const seams = `seams ${seam}${seam === 'none' ? '' : ` over ${seamTaper} samples${geometry}`}`;
  const walk = rowWalk
    ? `, rows walked by value (kernel widths: level ${rowWalk.level}, log std ${rowWalk.logStd}, share ${rowWalk.share} robust spreads; level steps ${rowWalk.levelStep} × the window's std)`
    : '';
  return `rho ${rho}, ${seams}${walk}`;
}
