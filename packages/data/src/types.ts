/** Samples per second of OSDB acceleration data. */
export const SAMPLE_RATE_HZ = 25;
/** Samples in one OSDB datapoint: 5 s at 25 Hz. */
export const SAMPLES_PER_DATAPOINT = 125;
/** Nominal spacing of consecutive OSDB datapoints, seconds. */
export const DATAPOINT_SECONDS = 5;

/** One OSDB datapoint after ingest: 5 s of vector magnitude. */
export interface OsdbDatapoint {
  /** Epoch milliseconds of the datapoint (OSDB `dataTime`). */
  readonly time: number;
  /** 125 vector-magnitude samples in milli-g (about 1000 = gravity at rest). */
  readonly magnitude: Float32Array;
  /**
   * A label the source gives this datapoint itself (a CSV `label`/`ictal` column),
   * which then wins over the event's seizureTimes. Absent for OSDB JSON.
   */
  readonly ictal?: boolean;
}

/** One OSDB event after ingest, datapoints sorted by time. */
export interface OsdbEvent {
  readonly id: string;
  readonly userId: string;
  readonly type: string;
  /** OSDB `subType`; "" where the source says "", "null" or null. */
  readonly subType: string;
  /** Epoch milliseconds of the event (OSDB `dataTime`). */
  readonly time: number;
  /** [start, end] in seconds relative to `time`; null where the source has none. */
  readonly seizureTimes: readonly [number, number] | null;
  readonly desc: string;
  readonly datapoints: readonly OsdbDatapoint[];
}

export type Split = 'train' | 'val';

/**
 * Windows in columns. Row i's samples are
 * `values.subarray(i * samplesPerWindow, (i + 1) * samplesPerWindow)`.
 */
export interface WindowTable {
  readonly samplesPerWindow: number;
  readonly values: Float32Array;
  readonly eventId: readonly string[];
  readonly userId: readonly string[];
  readonly type: readonly string[];
  readonly subType: readonly string[];
  /** Epoch milliseconds of the window's first sample. */
  readonly startTime: Float64Array;
  /** 1 when the window's time lies inside its event's seizureTimes, else 0. */
  readonly ictal: Uint8Array;
  /**
   * Epoch milliseconds of the start and end of the window's event's seizure (its
   * seizureTimes), NaN where the event has none or the source does not say (windows CSV,
   * Arrow datasets written before these columns existed). With `startTime` they place a
   * window in the course of its event: before, during (and where in) or after the seizure.
   */
  readonly seizureStart: Float64Array;
  readonly seizureEnd: Float64Array;
  readonly split: readonly Split[];
}

/** How values were scaled; `none` means values are milli-g. */
export type ScaleMethod = 'minmax' | 'minmax01' | 'zscore' | 'none';

/**
 * A fitted, exactly invertible affine scaling:
 * normalised = (milliG - offset) / scale, milliG = normalised * scale + offset.
 */
export interface Normalisation {
  readonly method: ScaleMethod;
  readonly offset: number;
  readonly scale: number;
  /** Statistics of the training windows the scaling was fitted on (milli-g). */
  readonly fitted: {
    readonly min: number;
    readonly max: number;
    readonly mean: number;
    readonly std: number;
    readonly samples: number;
  };
}

/**
 * What a dataset file can be made from. `windows-csv` is the generator's
 * `eventId,label,M000…` table: one row per window, no times.
 */
export type SourceFormat = 'osdb-json' | 'osdb-csv' | 'windows-csv' | 'arrow' | 'synthetic';

/**
 * How a source labels its windows ictal. `window`: each window by its own time (the event's
 * seizureTimes, or a label per row or window). `event`: every window of a Seizure event is
 * ictal, the rest not, which is all the OSDB toolkit's flattened CSV can say (its `type`
 * column; it carries no seizureTimes), so that pre- and post-ictal movement counts as ictal.
 */
export type Labelling = 'window' | 'event';

/** One input of a dataset and what it contributed (before filtering). */
export interface DatasetSource {
  readonly path: string;
  readonly format: SourceFormat;
  readonly events: number;
  /** Datapoints read (for `windows-csv` and `arrow`: windows read). */
  readonly datapoints: number;
  /** How its windows are labelled (`mixed` for a dataset made of both; absent in datasets written before this was recorded: `window`). */
  readonly labelling?: Labelling | 'mixed';
}

/** The JSON sidecar of a dataset (also embedded in the Arrow schema metadata). */
export interface DatasetMeta {
  readonly format: 'accelgan-dataset';
  readonly version: 1;
  readonly createdAt: string;
  readonly sampleRateHz: number;
  readonly windowSeconds: number;
  /** Seconds between the starts of consecutive windows of one recording run (absent: not recorded). */
  readonly strideSeconds?: number;
  readonly samplesPerWindow: number;
  readonly normalisation: Normalisation;
  readonly split: {
    readonly valFraction: number;
    readonly seed: number;
    readonly trainEvents: readonly string[];
    readonly valEvents: readonly string[];
  };
  readonly filters: {
    readonly types: readonly string[];
    readonly subTypes: readonly string[];
    readonly users: readonly string[];
  };
  readonly sources: readonly DatasetSource[];
  /** How the windows are labelled, over all sources (absent in datasets written before this was recorded: `window`). */
  readonly labelling?: Labelling | 'mixed';
  readonly counts: {
    readonly windows: number;
    readonly events: number;
    readonly ictal: number;
    readonly nonIctal: number;
    readonly train: number;
    readonly val: number;
  };
  /** Datapoints and events dropped during ingest, by reason, e.g. { "rawData length 124": 3 }. */
  readonly skipped: Readonly<Record<string, number>>;
  /**
   * `sha256:…` of the recordings the windows were cut from (ingest/fingerprint.ts: every kept
   * event and datapoint, in order, before windowing, splitting and scaling); absent where an
   * input was windows (an Arrow dataset, a windows CSV) or in datasets written before it was recorded.
   */
  readonly fingerprint?: string;
  /** Free-form provenance, e.g. the run a synthetic dataset was generated from. */
  readonly provenance?: Readonly<Record<string, unknown>>;
}

/** Windows plus their sidecar. `windows.values` are normalised per `meta.normalisation`. */
export interface Dataset {
  readonly meta: DatasetMeta;
  readonly windows: WindowTable;
}

/** What ingest read, kept and dropped: the lines `accelgan ingest` prints. */
export interface IngestSummary {
  readonly sources: readonly DatasetSource[];
  readonly events: number;
  readonly windows: number;
  readonly ictal: number;
  readonly nonIctal: number;
  readonly train: number;
  readonly val: number;
  readonly trainEvents: number;
  readonly valEvents: number;
  /** How the windows are labelled, as in DatasetMeta. */
  readonly labelling: NonNullable<DatasetMeta['labelling']>;
  /** Dropped datapoints, events and windows by reason, as in DatasetMeta. */
  readonly skipped: Readonly<Record<string, number>>;
}
