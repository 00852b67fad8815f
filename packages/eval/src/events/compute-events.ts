import { CRITIC_NAMES, discriminativeScore, type DiscriminativeOptions } from '../metrics/discriminative.js';
import { calibrationLadder } from '../ladder/ladder.js';
import { wasserstein1 } from '../metrics/distance.js';
import { whatGivesItAway } from '../metrics/giveaway.js';
import { richFeatures } from '../metrics/rich-features.js';
import { OSD_ALARM_TIMING, OSD_DEFAULTS, type OsdSettings } from '@accelgan/data';
import type { ProgressFn } from '../types.js';
import { ensureBackend } from '../util/backend.js';
import { subSeed } from '../util/rng.js';
import { withinRealSpread } from '../util/stats.js';
import { continuity, steps } from './continuity.js';
import { course, courseDistance, type Alignment } from './course.js';
import { cutWindows } from './cut.js';
import { datapointFeatures, type DatapointFeatures } from './datapoint-features.js';
import { seizureDurations, spread, type Spread } from './durations.js';
import type { EventSeries } from './event-series.js';
import { eventAlarm, type EventAlarm } from './osd-alarms.js';
import { eventDistances, eventFloorSpread, type EventDistributionDistance } from './event-spread.js';
import type { Compared, EventEvaluation, EventMetrics, EventSets, EventTarget, SideEvents } from '../result-types.js';

export interface EventEvaluationOptions
  extends Pick<DiscriminativeOptions, 'folds' | 'seeds' | 'critics' | 'cnn' | 'trees' | 'backend'> {
  readonly seed?: number;
  /** Score the calibration ladder on the windows cut from the events, where the tree critic runs (default true). */
  readonly ladder?: boolean;
  readonly osd?: Partial<OsdSettings>;
  /** Discriminative score of the run's own 5 s windows (generated one by one), for the "keeps its quality" check. */
  readonly windowScore?: number | undefined;
  /** Random re-splits of the real events for the real-vs-real spread of the event distances (default 20; 0 = none). */
  readonly floorSplits?: number;
  readonly onProgress?: ProgressFn;
}

/** The bar for whole events (docs/metrics.md, "Whole events"). */
export const EVENT_TARGETS = { window30s: 0.2, window5sSlack: 0.05 } as const;

/**
 * Whole synthetic events against whole real ones: the seizure's duration, the course of
 * the 3–8 Hz power and the dominant frequency through the event, OpenSeizureDetector's
 * alarm over the event, how datapoints join, and critics on 30 s and 5 s windows cut from
 * the events. Like the window metrics, each comparison of synthetic with held-out real
 * events stands beside its floor: the same comparison of the real training events.
 */
export async function evaluateEvents(sets: EventSets, options: EventEvaluationOptions = {}): Promise<EventEvaluation> {
  const seed = options.seed ?? 1;
  const progress = options.onProgress ?? (() => undefined);
  const osd = { ...OSD_DEFAULTS, ...options.osd };
  progress('events: per-datapoint features and OSD alarms');
  const features = {
    realTrain: sets.realTrain.map(datapointFeatures),
    realHeldOut: sets.realHeldOut.map(datapointFeatures),
    synthetic: sets.synthetic.map(datapointFeatures),
  };
  const alarms = {
    realTrain: sets.realTrain.map((e) => eventAlarm(e, osd)),
    realHeldOut: sets.realHeldOut.map((e) => eventAlarm(e, osd)),
    synthetic: sets.synthetic.map((e) => eventAlarm(e, osd)),
  };
  const side = (name: keyof EventSets) => summariseSide(sets[name], features[name], alarms[name]);
  const sides = { realTrain: side('realTrain'), realHeldOut: side('realHeldOut'), synthetic: side('synthetic') };

  const disc: Pick<DiscriminativeOptions, 'folds' | 'seeds' | 'critics' | 'cnn' | 'trees' | 'backend' | 'seed'> = {
    seed,
    ...(options.folds !== undefined ? { folds: options.folds } : {}),
    ...(options.seeds !== undefined ? { seeds: options.seeds } : {}),
    ...(options.critics ? { critics: options.critics } : {}),
    ...(options.cnn ? { cnn: options.cnn } : {}),
    ...(options.trees ? { trees: options.trees } : {}),
    ...(options.backend ? { backend: options.backend } : {}),
  };
  const trees = (options.critics ?? CRITIC_NAMES).includes('trees');
  // The same critics, ladder and diagnosis as the window report, on windows cut from the events.
  const score = async (datapoints: number) => {
    const cut = {
      realHeldOut: cutWindows(sets.realHeldOut, datapoints),
      synthetic: cutWindows(sets.synthetic, datapoints),
      realTrain: cutWindows(sets.realTrain, datapoints),
    };
    const rich = trees
      ? {
          realHeldOut: richFeatures(cut.realHeldOut),
          synthetic: richFeatures(cut.synthetic),
          realTrain: richFeatures(cut.realTrain),
        }
      : undefined;
    const label = `events: discriminative score on ${datapoints * 5} s windows`;
    progress(label);
    // As in compute.ts: the ladder's tree folds are asked for first and run on worker
    // threads (where there are) while this thread trains the CNN critics; same numbers.
    if ((options.critics ?? CRITIC_NAMES).includes('cnn')) await ensureBackend(options.backend ?? 'auto');
    const runningSynthetic = discriminativeScore(cut.realHeldOut, cut.synthetic, {
      ...disc,
      richFeatures: { a: rich?.realHeldOut, b: rich?.synthetic },
      onProgress: (_, f) => progress(label, f),
    });
    const runningFloor = discriminativeScore(cut.realHeldOut, cut.realTrain, {
      ...disc,
      richFeatures: { a: rich?.realHeldOut, b: rich?.realTrain },
      onProgress: (_, f) => progress(`${label} (floor)`, f),
    });
    const runningLadder =
      rich && (options.ladder ?? true)
        ? calibrationLadder(cut.realHeldOut, cut.realTrain, runningSynthetic, {
            seed,
            ...(options.folds !== undefined ? { folds: options.folds } : {}),
            ...(options.seeds !== undefined ? { seeds: options.seeds } : {}),
            ...(options.trees ? { trees: options.trees } : {}),
            richHeldOut: rich.realHeldOut,
            floor: runningFloor,
          })
        : undefined;
    // Awaited below; these only keep an early failure from going unhandled meanwhile.
    for (const running of [runningSynthetic, runningFloor, runningLadder]) running?.catch(() => undefined);
    const synthetic = await runningSynthetic;
    const floor = await runningFloor;
    if (!rich) return { compared: { synthetic, floor } };
    if (runningLadder) progress(`events: calibration ladder on ${datapoints * 5} s windows`);
    const ladder = await runningLadder;
    const giveaway = whatGivesItAway(
      {
        realHeldOut: { set: cut.realHeldOut, features: rich.realHeldOut },
        synthetic: { set: cut.synthetic, features: rich.synthetic },
        realTrain: { set: cut.realTrain, features: rich.realTrain },
      },
      { treeGain: synthetic.treeGain },
    );
    return { compared: { synthetic, floor }, ladder, giveaway };
  };
  const scored30s = await score(6);
  const scored5s = await score(1);
  const window30s = scored30s.compared;
  const window5s = scored5s.compared;

  const courses = {} as EventMetrics['courses'];
  for (const feature of ['band38', 'dominantHz'] as const) {
    courses[feature] = {} as EventMetrics['courses'][typeof feature];
    for (const alignment of ['onset', 'seizure'] as const) {
      courses[feature][alignment] = {
        realTrain: course(sets.realTrain, features.realTrain, feature, alignment),
        realHeldOut: course(sets.realHeldOut, features.realHeldOut, feature, alignment),
        synthetic: course(sets.synthetic, features.synthetic, feature, alignment),
      };
    }
  }
  const courseCompared = (feature: 'band38' | 'dominantHz', alignment: Alignment): Compared => {
    const c = courses[feature][alignment];
    return { synthetic: courseDistance(c.synthetic, c.realHeldOut), floor: courseDistance(c.realTrain, c.realHeldOut) };
  };
  const heldOutSteps = steps(sets.realHeldOut).boundary;
  const boundaryStepW1 = (name: 'synthetic' | 'realTrain') => {
    const mine = steps(sets[name]).boundary;
    return mine.length && heldOutSteps.length ? wasserstein1(mine, heldOutSteps) : Number.NaN;
  };
  const bySide = (name: keyof EventSets) => ({ events: sets[name], alarms: alarms[name] });
  const distribution = {
    synthetic: eventDistances(bySide('synthetic'), bySide('realHeldOut')),
    floor: eventDistances(bySide('realTrain'), bySide('realHeldOut')),
  };
  const compared = (k: EventDistributionDistance): Compared => ({
    synthetic: distribution.synthetic[k],
    floor: distribution.floor[k],
  });
  progress('events: real-vs-real spread of the event distances');
  const floorSpread = eventFloorSpread(bySide('realTrain'), bySide('realHeldOut'), {
    seed: subSeed(seed, 'event-spread'),
    ...(options.floorSplits !== undefined ? { splits: options.floorSplits } : {}),
  });
  const distances: EventMetrics['distances'] = {
    durationW1: compared('durationW1'),
    latencyW1: compared('latencyW1'),
    alarmRateDiff: compared('alarmRateDiff'),
    alarmSecondsW1: compared('alarmSecondsW1'),
    boundaryStepW1: { synthetic: boundaryStepW1('synthetic'), floor: boundaryStepW1('realTrain') },
    band38Onset: courseCompared('band38', 'onset'),
    band38Seizure: courseCompared('band38', 'seizure'),
    dominantHzOnset: courseCompared('dominantHz', 'onset'),
    dominantHzSeizure: courseCompared('dominantHz', 'seizure'),
  };

  const targets: EventTarget[] = [
    {
      id: 'window30s',
      label: 'discriminative score, 30 s windows',
      digits: 3,
      value: window30s.synthetic.score,
      target: `≤ ${EVENT_TARGETS.window30s}`,
      met: window30s.synthetic.score <= EVENT_TARGETS.window30s,
    },
    spreadTarget(
      'duration',
      'seizure-duration distribution: W1 to held-out real (s)',
      distances.durationW1.synthetic,
      floorSpread?.durationW1,
    ),
    spreadTarget(
      'latency',
      'OSD alarm-latency distribution: W1 to held-out real (s)',
      distances.latencyW1.synthetic,
      floorSpread?.latencyW1,
    ),
    {
      id: 'window5s',
      label: 'discriminative score, 5 s windows cut from events',
      digits: 3,
      value: window5s.synthetic.score,
      target:
        options.windowScore !== undefined
          ? `≤ the window generator's ${options.windowScore.toFixed(3)} + ${EVENT_TARGETS.window5sSlack}`
          : 'the window generator’s score (not measured here)',
      met:
        options.windowScore !== undefined
          ? window5s.synthetic.score <= options.windowScore + EVENT_TARGETS.window5sSlack
          : null,
    },
  ];
  return {
    metrics: {
      sides,
      discriminative: { window30s, window5s },
      ...(scored30s.ladder && scored5s.ladder
        ? { ladder: { window30s: scored30s.ladder, window5s: scored5s.ladder } }
        : {}),
      ...(scored30s.giveaway && scored5s.giveaway
        ? { giveaway: { window30s: scored30s.giveaway, window5s: scored5s.giveaway } }
        : {}),
      distances,
      floorSpread,
      courses,
      targets,
      osdAlarmTiming: OSD_ALARM_TIMING,
    },
    sets,
    alarms,
  };
}

/**
 * A distribution target: the synthetic events' distance to the held-out real ones no
 * larger than the upper quartile of the same distance between real events over re-splits
 * (the window metrics' "within the real-vs-real spread"); n/a without a spread.
 */
function spreadTarget(id: string, label: string, value: number, real: Spread | undefined): EventTarget {
  const known = real !== undefined && real.n > 0;
  return {
    id,
    label,
    digits: 1,
    value,
    target: known
      ? `≤ ${real.q75.toFixed(1)}, the real-vs-real upper quartile over ${real.n} re-splits`
      : 'the real-vs-real spread (too few real events to re-split)',
    met: known ? withinRealSpread(value, real) : null,
  };
}

function summariseSide(
  events: readonly EventSeries[],
  features: readonly DatapointFeatures[],
  alarms: readonly EventAlarm[],
): SideEvents {
  const durations = seizureDurations(events);
  const withSeizure = alarms.filter((a) => a.seizure);
  const rate = (pick: (a: EventAlarm) => boolean, of: readonly EventAlarm[]) =>
    of.length ? of.filter(pick).length / of.length : Number.NaN;
  return {
    events: events.length,
    withSeizure: events.filter((e) => e.seizure).length,
    datapoints: events.reduce((n, e) => n + e.datapoints, 0),
    seconds: spread(events.map((e) => e.datapoints * 5)),
    durations: { annotated: spread(durations.annotated), ictal: spread(durations.ictal) },
    alarms: {
      seizures: withSeizure.length,
      alarmRate: rate((a) => a.alarmed, withSeizure),
      warnRate: rate((a) => a.warned, withSeizure),
      latency: spread(withSeizure.filter((a) => a.latency !== null).map((a) => a.latency!)),
      alarmSeconds: spread(withSeizure.map((a) => a.alarmSeconds)),
      falseAlarmRate: rate((a) => a.falseAlarm, alarms),
    },
    continuity: continuity(events, features),
  };
}
