// What an evaluation returns, in one module: the metrics written to metrics.json and what the plots draw
// from, for windows, whole events and several generation draws. The report (report/) and the plots (plots/)
// read these types; the modules that compute them (compute.ts, events/compute-events.ts) produce them.
// Keeping them apart means the report never imports the computation, so neither can import the other back.
import type { OSD_ALARM_TIMING, OsdSettings } from '@accelgan/data';
import type { ContinuityMetrics } from './events/continuity.js';
import type { Alignment, CourseBin } from './events/course.js';
import type { EventSeries } from './events/event-series.js';
import type { EventDistributionDistance } from './events/event-spread.js';
import type { EventAlarm } from './events/osd-alarms.js';
import type { CalibrationLadder } from './ladder/ladder.js';
import type { DistanceMetrics, SideSummary } from './metrics/compare.js';
import type { CriticName, DiscriminativeResult } from './metrics/discriminative.js';
import type { DistanceSpread } from './metrics/floor-spread.js';
import type { GiveawayResult } from './metrics/giveaway.js';
import type { MemorisationResult } from './metrics/memorisation.js';
import type { SetProfile } from './metrics/profile.js';
import type { UsefulnessResult } from './metrics/usefulness.js';
import type { ClassName, PerClass, WindowSet } from './types.js';
import type { Spread } from './util/stats.js';

// The metrics' own results, each defined beside the code that computes it: read from here by the report and
// the plots, which then import no computing module.
export type { CriticName, DiscriminativeResult } from './metrics/discriminative.js';
export type { DetectorChoice } from './metrics/detector.js';
export type { CalibrationLadder, ScoreBand } from './ladder/ladder.js';
export type { Giveaway, GiveawayResult } from './metrics/giveaway.js';
export type { DistanceMetrics } from './metrics/compare.js';
export type { DistanceSpread } from './metrics/floor-spread.js';
export type { MemorisationResult } from './metrics/memorisation.js';
export type { UsefulnessResult } from './metrics/usefulness.js';
export type { SetProfile } from './metrics/profile.js';
export type { FeatureMatrix } from './metrics/features.js';
export type { CourseBin } from './events/course.js';
export type { EventSeries } from './events/event-series.js';
export type { Paired, Stat, StudyMetric, StudySummary } from './study/summary.js';

// The summary table and its grades (report/rows.ts, report/verdict.ts).

/** A metric's grade beside its real-vs-real floor; n/a where it has none. */
export type Verdict = 'good' | 'fair' | 'poor' | 'n/a';

/** One class's cell of a summary-table row. */
export interface MetricCell {
  readonly value: number | null;
  /** The real-vs-real value this one is judged against (for usefulness: the real-trained detector). */
  readonly floor: number | null;
  /** 95% interval of the value and of the floor, where the metric has one. */
  readonly interval?: readonly [number, number];
  readonly floorInterval?: readonly [number, number];
  /** Interquartile range of the real-vs-real value over random re-splits of the real recordings (distances only). */
  readonly floorSpread?: readonly [number, number];
  /** Whether the value is within that spread: no larger than its upper quartile. */
  readonly withinSpread?: boolean;
  /** A second real reference shown beside the floor, not graded (e.g. the training windows' own figure). */
  readonly reference?: { readonly label: string; readonly value: number };
  readonly verdict: Verdict;
}

export interface MetricRow {
  readonly id: string;
  readonly label: string;
  readonly unit: string;
  /** Digits after the decimal point when shown. */
  readonly digits: number;
  /** What the number measures, in a sentence. */
  readonly meaning: string;
  /** Whether the row enters the overall verdict. */
  readonly graded: boolean;
  readonly perClass: Partial<Record<ClassName, MetricCell>>;
}

// Windows (compute.ts).

export interface SetDescription {
  readonly windows: number;
  readonly ictal: number | null;
  readonly nonIctal: number | null;
  readonly events: number | null;
}

/** Everything measured, as written to metrics.json. */
export interface EvaluationMetrics {
  readonly format: 'accelgan-evaluation';
  readonly version: 1;
  readonly createdAt: string;
  readonly seed: number;
  readonly samplesPerWindow: number;
  readonly options: {
    readonly folds: number;
    readonly seeds: number;
    readonly critics: readonly CriticName[];
    readonly valFraction: number;
    readonly floorSplits?: number;
  };
  /** Where each set of windows came from (paths, or the run and settings that generated them); written by evaluate. */
  readonly origins?: { readonly real: string; readonly synthetic: string; readonly train?: string };
  readonly roles: {
    /** How the real windows were divided into the generator's training windows and held-out ones. */
    readonly how: string;
    readonly realTrain: SetDescription;
    readonly realHeldOut: SetDescription;
    readonly synthetic: SetDescription;
  };
  readonly discriminative: { readonly synthetic: DiscriminativeResult; readonly floor: DiscriminativeResult };
  /** Known fakes made from the real training windows, scored by the tree critic (absent where it did not run). */
  readonly ladder?: CalibrationLadder;
  /** The features that tell synthetic from held-out real windows most, per class. */
  readonly giveaway?: GiveawayResult;
  readonly distances: {
    readonly synthetic: PerClass<DistanceMetrics>;
    readonly floor: PerClass<DistanceMetrics>;
    /** Each distance between real recordings over random re-splits of them (metrics/floor-spread.ts); absent when none were asked for. */
    readonly floorSpread?: PerClass<DistanceSpread>;
    readonly mmdSigma: number;
  };
  readonly summaries: {
    readonly realHeldOut: PerClass<SideSummary>;
    readonly realTrain: PerClass<SideSummary>;
    readonly synthetic: PerClass<SideSummary>;
  };
  readonly osdSettings: OsdSettings;
  readonly usefulness: UsefulnessResult;
  readonly memorisation: Omit<MemorisationResult, 'synthetic' | 'heldOut'>;
  readonly rows: readonly MetricRow[];
  readonly verdict: Verdict;
  readonly timings: Readonly<Record<string, number>>;
  readonly notes: readonly string[];
  /** Whole-event metrics, where whole events were evaluated (events/compute-events.ts). */
  readonly events?: EventMetrics;
  /** Each figure over several generation draws, where the report scored more than one (report/draws.ts). */
  readonly draws?: DrawsSummary;
}

/** The metrics plus what the plots draw from. */
export interface Evaluation {
  readonly metrics: EvaluationMetrics;
  readonly sets: { readonly realTrain: WindowSet; readonly realHeldOut: WindowSet; readonly synthetic: WindowSet };
  readonly profiles: {
    readonly realTrain: SetProfile;
    readonly realHeldOut: SetProfile;
    readonly synthetic: SetProfile;
  };
  readonly memorisation: MemorisationResult;
}

// Whole events (events/compute-events.ts).

/** Whole events of each side: real training, real held-out and synthetic. */
export interface EventSets {
  readonly realTrain: readonly EventSeries[];
  readonly realHeldOut: readonly EventSeries[];
  readonly synthetic: readonly EventSeries[];
}

export interface SideEvents {
  readonly events: number;
  readonly withSeizure: number;
  readonly datapoints: number;
  readonly seconds: Spread;
  readonly durations: { readonly annotated: Spread; readonly ictal: Spread };
  readonly alarms: {
    /** Events with part of their seizure inside the recording. */
    readonly seizures: number;
    readonly alarmRate: number;
    readonly warnRate: number;
    readonly latency: Spread;
    readonly alarmSeconds: Spread;
    readonly falseAlarmRate: number;
  };
  readonly continuity: ContinuityMetrics;
}

/** A comparison with held-out real events, and the same for real training events (the floor). */
export interface Compared {
  readonly synthetic: number;
  readonly floor: number;
}

export interface EventTarget {
  readonly id: string;
  readonly label: string;
  readonly value: number;
  /** Decimals to show the value with. */
  readonly digits: number;
  readonly target: string;
  readonly met: boolean | null;
}

export interface EventMetrics {
  readonly sides: { readonly realTrain: SideEvents; readonly realHeldOut: SideEvents; readonly synthetic: SideEvents };
  readonly discriminative: {
    readonly window30s: { readonly synthetic: DiscriminativeResult; readonly floor: DiscriminativeResult };
    readonly window5s: { readonly synthetic: DiscriminativeResult; readonly floor: DiscriminativeResult };
  };
  /** The calibration ladder on the 30 s and 5 s windows cut from the events (where the tree critic ran). */
  readonly ladder?: { readonly window30s: CalibrationLadder; readonly window5s: CalibrationLadder };
  /** What tells the synthetic events' 30 s and 5 s windows from the held-out real ones. */
  readonly giveaway?: { readonly window30s: GiveawayResult; readonly window5s: GiveawayResult };
  readonly distances: {
    readonly durationW1: Compared;
    readonly latencyW1: Compared;
    readonly alarmRateDiff: Compared;
    readonly alarmSecondsW1: Compared;
    readonly boundaryStepW1: Compared;
    readonly band38Onset: Compared;
    readonly band38Seizure: Compared;
    readonly dominantHzOnset: Compared;
    readonly dominantHzSeizure: Compared;
  };
  /** The duration, latency and alarm distances between real events over random re-splits of them (event-spread.ts); null with too few real events. */
  readonly floorSpread: Record<EventDistributionDistance, Spread> | null;
  readonly courses: Record<
    'band38' | 'dominantHz',
    Record<
      Alignment,
      { readonly realTrain: CourseBin[]; readonly realHeldOut: CourseBin[]; readonly synthetic: CourseBin[] }
    >
  >;
  readonly targets: readonly EventTarget[];
  readonly osdAlarmTiming: typeof OSD_ALARM_TIMING;
}

/** Everything the event plots draw from, besides the metrics. */
export interface EventEvaluation {
  readonly metrics: EventMetrics;
  readonly sets: EventSets;
  readonly alarms: {
    readonly realTrain: EventAlarm[];
    readonly realHeldOut: EventAlarm[];
    readonly synthetic: EventAlarm[];
  };
}

// Several generation draws of one generator (report/draws.ts).

/**
 * One figure of the report across generation draws: the same trained generator sampled
 * with several seeds, each draw scored as `accelgan report --seed K` would score it.
 * Why it exists: on the small OSDB sample the discriminative score of one draw of 1,000
 * windows moves from draw to draw by about a verdict's margin (docs/lab/2026-11-quality.md),
 * so a single report can pass or miss a line by its draw alone.
 */
export interface DrawFigure {
  /** The summary row's id, or EVENT_TARGET_PREFIX + the target's id for a whole-event target. */
  readonly id: string;
  readonly label: string;
  readonly cls: ClassName;
  readonly digits: number;
  /** A summary row that does not enter the overall verdict (a single critic, the OSD KS statistic, …). */
  readonly informational: boolean;
  /** One value per draw, in the order of DrawsSummary.seeds; null where that draw had none. */
  readonly values: readonly (number | null)[];
  readonly mean: number | null;
  readonly min: number | null;
  readonly max: number | null;
  /** Draws on which the figure was graded good (a target: met). */
  readonly good: number;
  /** Draws on which it was graded at all (verdict other than n/a; a target: met not null). */
  readonly graded: number;
}

/** One generation draw: the seed it was generated and scored with, and its metrics. */
export interface Draw {
  readonly seed: number;
  readonly metrics: EvaluationMetrics;
}

export interface DrawsSummary {
  /** The generation seed of each draw; the first is the report's own. */
  readonly seeds: readonly number[];
  /** Each draw's overall verdict. */
  readonly verdicts: readonly Verdict[];
  readonly figures: readonly DrawFigure[];
}
