import { readDataset } from '../arrow.js';
import { buildDataset } from '../dataset.js';
import { AccelganError } from '../errors.js';
import { denormalise, isScaleMethod, SCALE_METHODS } from '../normalise.js';
import { SkipCounter } from '../skips.js';
import { checkSplitOptions } from '../split.js';
import {
  SAMPLE_RATE_HZ,
  SAMPLES_PER_DATAPOINT,
  type Dataset,
  type DatasetSource,
  type IngestSummary,
  type OsdbEvent,
  type ScaleMethod,
} from '../types.js';
import { eventWindows, windowOf, windowShape, WindowTableBuilder, type LabelledWindow } from '../windows.js';
import { openCsv } from './csv.js';
import { detectFileKind } from './detect.js';
import { SeenEvents } from './duplicates.js';
import { RowsFingerprint } from './fingerprint.js';
import { readEvents } from './read.js';

export interface IngestOptions {
  /** Window length, a multiple of 5. Default 5, or the window length of windows inputs (CSV, Arrow). */
  readonly windowSeconds?: number;
  /** Step between windows of one run, a multiple of 5 up to windowSeconds. Default 5 (one datapoint). */
  readonly strideSeconds?: number;
  /** Keep only these event types / subtypes / users (case-insensitive); empty or absent keeps all. */
  readonly types?: readonly string[];
  readonly subTypes?: readonly string[];
  readonly users?: readonly string[];
  /**
   * Fraction of events for validation. Default 0.2; except that when every input is an
   * Arrow dataset and no fraction is given, the datasets' own split is kept.
   */
  readonly valFraction?: number;
  /** Seed of the event split. Default 1. */
  readonly seed?: number;
  /** Default `minmax` (a tanh generator's [-1, 1]). */
  readonly scale?: ScaleMethod;
  readonly provenance?: Readonly<Record<string, unknown>>;
  /** Called after each event (or each 1,000 windows of a windows input), for progress display. */
  readonly onProgress?: (progress: IngestProgress) => void;
}

export interface IngestProgress {
  /** The input being read. */
  readonly path: string;
  /** Events (or windows, for windows inputs) read from it so far. */
  readonly read: number;
  /** Windows kept so far, over all inputs. */
  readonly windows: number;
}

export interface IngestResult {
  readonly dataset: Dataset;
  readonly summary: IngestSummary;
}

export const INGEST_DEFAULTS = {
  windowSeconds: 5,
  strideSeconds: 5,
  valFraction: 0.2,
  seed: 1,
  scale: 'minmax',
} as const;

/**
 * Reads OSDB files (JSON or CSV), windows CSV files and Arrow datasets into one
 * dataset: events are streamed one at a time and only their windows are kept;
 * then events are split into train/val and the scaling is fitted on train.
 * Nothing is written. Fails with an AccelganError when an input is unreadable or
 * nothing is left to make a dataset of.
 */
export async function ingest(paths: readonly string[], options: IngestOptions = {}): Promise<IngestResult> {
  if (paths.length === 0) throw new AccelganError('name at least one input file');
  const scale = options.scale ?? INGEST_DEFAULTS.scale;
  if (!isScaleMethod(scale))
    throw new AccelganError(`unknown scaling "${String(scale)}"; use one of ${SCALE_METHODS.join(', ')}`);
  const strideSeconds = options.strideSeconds ?? INGEST_DEFAULTS.strideSeconds;
  const seed = options.seed ?? INGEST_DEFAULTS.seed;
  // Check what can be checked before reading hundreds of MB.
  if (options.windowSeconds !== undefined) windowShape(options.windowSeconds, strideSeconds);
  checkSplitOptions({ valFraction: options.valFraction ?? INGEST_DEFAULTS.valFraction, seed });

  const skipped = new SkipCounter();
  const filter = new EventFilter(options);
  const seen = new SeenEvents();
  const sources: DatasetSource[] = [];
  const fingerprint = new RowsFingerprint();
  let builder: WindowTableBuilder | undefined;
  let arrowSplit: { valFraction: number; seed: number } | undefined;
  let allArrow = true;
  let anyEvents = false;
  // Only recordings have a fingerprint (RowsFingerprint): windows read as windows have no rows.
  let allEvents = true;

  const tableFor = (samplesPerWindow: number, path: string): WindowTableBuilder => {
    builder ??= new WindowTableBuilder(samplesPerWindow);
    if (builder.samplesPerWindow !== samplesPerWindow) {
      throw new AccelganError(
        `${path}: windows of ${describeLength(samplesPerWindow)} do not match the ${describeLength(builder.samplesPerWindow)} of the inputs before it`,
      );
    }
    return builder;
  };
  /** Adds windows read as windows (not cut from events here), filtering each. */
  const addWindows = (windows: Iterable<LabelledWindow>, table: WindowTableBuilder): void => {
    for (const window of windows) {
      const reason = filter.reject(window);
      if (reason) skipped.add(`window: ${reason}`);
      else table.add(window);
    }
  };

  for (const path of paths) {
    const kind = await detectFileKind(path);
    if (kind === 'arrow') {
      allEvents = false;
      const dataset = await readDataset(path);
      const rows = dataset.windows.eventId.length;
      checkWindowLength(dataset.windows.samplesPerWindow, options.windowSeconds, path);
      const table = tableFor(dataset.windows.samplesPerWindow, path);
      const milliG = { ...dataset.windows, values: denormalise(dataset.windows.values, dataset.meta.normalisation) };
      addWindows(
        (function* () {
          for (let i = 0; i < rows; i++) yield windowOf(milliG, i);
        })(),
        table,
      );
      sources.push({
        path,
        format: 'arrow',
        events: new Set(dataset.windows.eventId).size,
        datapoints: rows,
        labelling: dataset.meta.labelling ?? 'window',
      });
      arrowSplit ??= { valFraction: dataset.meta.split.valFraction, seed: dataset.meta.split.seed };
      continue;
    }
    allArrow = false;
    const csv = kind === 'csv' ? await openCsv(path) : undefined;
    if (csv?.kind === 'windows-csv') {
      allEvents = false;
      checkWindowLength(csv.samplesPerRow, options.windowSeconds, path);
      const table = tableFor(csv.samplesPerRow, path);
      const events = new Set<string>();
      let windows = 0;
      for await (const window of csv.windows(skipped)) {
        events.add(window.eventId);
        windows++;
        addWindows([window], table);
        if (windows % 1000 === 0) options.onProgress?.({ path, read: windows, windows: table.length });
      }
      sources.push({ path, format: 'windows-csv', events: events.size, datapoints: windows, labelling: 'window' });
      continue;
    }
    anyEvents = true;
    const windowSeconds =
      options.windowSeconds ?? (builder ? builder.samplesPerWindow / SAMPLE_RATE_HZ : INGEST_DEFAULTS.windowSeconds);
    const shape = windowShape(windowSeconds, strideSeconds);
    const table = tableFor(shape.datapoints * SAMPLES_PER_DATAPOINT, path);
    let events = 0;
    let datapoints = 0;
    const stream: AsyncIterable<OsdbEvent> = csv ? csv.events(skipped) : readEvents(path, skipped);
    for await (const event of stream) {
      events++;
      datapoints += event.datapoints.length;
      const reason = seen.repeat(event) ?? prefixed(filter.reject(event));
      if (reason) skipped.add(reason);
      else {
        fingerprint.add(event);
        for (const window of eventWindows(event, shape, skipped)) table.add(window);
      }
      options.onProgress?.({ path, read: events, windows: table.length });
    }
    sources.push({
      path,
      format: csv ? 'osdb-csv' : 'osdb-json',
      events,
      datapoints,
      labelling: csv ? csv.labelling : 'window',
    });
  }

  if (!builder || builder.length === 0) throw new AccelganError(nothingLeftMessage(paths, filter, skipped));
  const keepSplit = allArrow && options.valFraction === undefined && arrowSplit !== undefined;
  const split = keepSplit
    ? { ...arrowSplit!, keep: true }
    : { valFraction: options.valFraction ?? INGEST_DEFAULTS.valFraction, seed };
  const windowSeconds = builder.samplesPerWindow / SAMPLE_RATE_HZ;
  const dataset = buildDataset(builder.build(), {
    windowSeconds,
    ...(anyEvents ? { strideSeconds } : {}),
    split,
    scale,
    filters: filter.asMeta(),
    sources,
    skipped: skipped.toRecord(),
    ...(allEvents ? { fingerprint: fingerprint.digest() } : {}),
    ...(options.provenance ? { provenance: options.provenance } : {}),
  });
  const { counts, split: events } = dataset.meta;
  const summary: IngestSummary = {
    sources,
    events: counts.events,
    windows: counts.windows,
    ictal: counts.ictal,
    nonIctal: counts.nonIctal,
    train: counts.train,
    val: counts.val,
    trainEvents: events.trainEvents.length,
    valEvents: events.valEvents.length,
    labelling: dataset.meta.labelling ?? 'window',
    skipped: dataset.meta.skipped,
  };
  return { dataset, summary };
}

function prefixed(reason: string | undefined): string | undefined {
  return reason && `event: ${reason}`;
}

function checkWindowLength(samplesPerWindow: number, windowSeconds: number | undefined, path: string): void {
  if (windowSeconds !== undefined && samplesPerWindow !== windowSeconds * SAMPLE_RATE_HZ) {
    throw new AccelganError(
      `${path} holds windows of ${describeLength(samplesPerWindow)}, not the ${windowSeconds} s asked for; windows cannot be cut again`,
    );
  }
}

function describeLength(samplesPerWindow: number): string {
  return `${samplesPerWindow} samples (${samplesPerWindow / SAMPLE_RATE_HZ} s)`;
}

/** Which events and windows to keep, by type, subtype and user; and what was seen, for messages. */
class EventFilter {
  private readonly types: ReadonlySet<string>;
  private readonly subTypes: ReadonlySet<string>;
  private readonly users: ReadonlySet<string>;
  private readonly seen = {
    type: new Map<string, number>(),
    subtype: new Map<string, number>(),
    user: new Map<string, number>(),
  };

  constructor(private readonly options: Pick<IngestOptions, 'types' | 'subTypes' | 'users'>) {
    const set = (values: readonly string[] | undefined): ReadonlySet<string> =>
      new Set((values ?? []).map((v) => v.trim().toLowerCase()));
    this.types = set(options.types);
    this.subTypes = set(options.subTypes);
    this.users = set(options.users);
  }

  get active(): boolean {
    return this.types.size + this.subTypes.size + this.users.size > 0;
  }

  /** Why this event or window is left out, or undefined to keep it. */
  reject(item: { readonly type: string; readonly subType: string; readonly userId: string }): string | undefined {
    count(this.seen.type, item.type);
    count(this.seen.subtype, item.subType);
    count(this.seen.user, item.userId);
    if (this.types.size && !this.types.has(item.type.toLowerCase())) return 'filtered out by type';
    if (this.subTypes.size && !this.subTypes.has(item.subType.toLowerCase())) return 'filtered out by subtype';
    if (this.users.size && !this.users.has(item.userId.toLowerCase())) return 'filtered out by user';
    return undefined;
  }

  asMeta(): { types: string[]; subTypes: string[]; users: string[] } {
    return {
      types: [...(this.options.types ?? [])],
      subTypes: [...(this.options.subTypes ?? [])],
      users: [...(this.options.users ?? [])],
    };
  }

  /** e.g. "types seen: Seizure (47); subtypes seen: Aura (15), (blank) (5)". */
  describeSeen(): string {
    const list = (counts: Map<string, number>): string =>
      [...counts.entries()]
        .sort((a, b) => b[1] - a[1])
        .slice(0, 12)
        .map(([value, n]) => `${value === '' ? '(blank)' : value} (${n})`)
        .join(', ');
    const parts: string[] = [];
    if (this.types.size) parts.push(`types seen: ${list(this.seen.type)}`);
    if (this.subTypes.size) parts.push(`subtypes seen: ${list(this.seen.subtype)}`);
    if (this.users.size) parts.push(`users seen: ${list(this.seen.user)}`);
    return parts.join('; ');
  }
}

function count(counts: Map<string, number>, key: string): void {
  counts.set(key, (counts.get(key) ?? 0) + 1);
}

function nothingLeftMessage(paths: readonly string[], filter: EventFilter, skipped: SkipCounter): string {
  const inputs = paths.length === 1 ? paths[0]! : `${paths.length} inputs`;
  const reasons = Object.entries(skipped.toRecord())
    .sort((a, b) => b[1] - a[1])
    .slice(0, 4)
    .map(([reason, n]) => `${n} × ${reason}`)
    .join(', ');
  const seen = filter.active ? filter.describeSeen() : '';
  if (seen) return `no windows left from ${inputs} after filtering (${seen})`;
  return `no usable windows in ${inputs}${reasons ? ` (skipped: ${reasons})` : ''}`;
}
