import { join } from 'node:path';
import {
  buildDataset,
  eventWindows,
  windowShape,
  WindowTableBuilder,
  writeDataset,
  type Dataset,
  type LabelledWindow,
  type WindowTable,
} from '@accelgan/data';
import {
  generateEvents,
  isIctalClass,
  loadGenerator,
  proportionalLabels,
  resolveConfig,
  sampleWindows,
  toMilliG,
  train,
  type TrainConfig,
  type TrainedGenerator,
} from '@accelgan/train';
import { foldRows, sortedUnique, subsetTable, windowDigests } from './fold-data.js';
import type { StudyPlan } from './plan.js';
import { derivedSeed } from './seeds.js';
import type { PlannedUnit } from './units.js';

/** The files a gan unit leaves in its directory. */
export const GAN_FILES = {
  run: 'run',
  /** Generated ictal windows, max(ratios) × the fold's real ictal training windows, milli-g. */
  ictal: 'synthetic-ictal.arrow',
  /** Generated windows of both classes, as many as the fold's real training windows (or cut from whole events, for phase runs). */
  both: 'synthetic-both.arrow',
} as const;

export interface GanUnitRecord {
  readonly config: TrainConfig;
  readonly steps: number;
  readonly trainSeconds: number;
  readonly backend: string;
  readonly threads: number;
  readonly training: {
    readonly events: readonly string[];
    readonly windows: number;
    readonly windowDigests: readonly string[];
  };
  readonly generated: {
    readonly ictal: number;
    readonly both: number;
    readonly bothIctal: number;
    readonly wholeEvents: number;
  };
}

/**
 * Trains the GAN of the default recipe on the fold's training events only (scaled by a
 * normalisation fitted on those windows only, as `accelgan train` does), then generates
 * what the detect unit adds to the arms. Everything is written under `dir` (the unit's
 * temporary directory).
 */
export async function runGanUnit(
  plan: StudyPlan,
  unit: PlannedUnit,
  windows: WindowTable,
  datasetPath: string,
  dir: string,
  onProgress?: (fraction: number) => void,
): Promise<GanUnitRecord> {
  const o = plan.options;
  const rows = foldRows(plan, windows, unit.seed, unit.fold);
  const trainTable = { ...subsetTable(windows, rows.train), split: rows.train.map(() => 'train' as const) };
  const config = resolveConfig({
    ...o.gan.set,
    ...(o.gan.arch ? { arch: o.gan.arch } : {}),
    condition: o.gan.condition,
    steps: o.gan.steps ?? undefined,
    minutes: o.gan.minutes ?? undefined,
    seed: derivedSeed(unit.seed, `gan-f${unit.fold}`),
    backend: o.backend,
    // One checkpoint at the end: a killed unit is redone from the start anyway.
    checkpointMinutes: 24 * 60,
    logEvery: 50,
  });
  const dataset = trainingDataset(trainTable, config.scale, datasetPath);
  const runDir = join(dir, GAN_FILES.run);
  const trained = await train({
    dataset,
    datasetSources: [datasetPath],
    config,
    runDir,
    threads: o.gan.threads,
    onProgress: (p) => {
      if (p.targetSteps) onProgress?.(Math.min(0.95, (0.95 * p.step) / p.targetSteps));
      else if (config.minutes) onProgress?.(Math.min(0.95, (0.95 * p.elapsedSeconds) / (config.minutes * 60)));
    },
  });

  let ictalReal = 0;
  for (const label of trainTable.ictal) ictalReal += label;
  const generator = await loadGenerator(runDir, o.backend);
  try {
    const seed = derivedSeed(unit.seed, `generate-f${unit.fold}`);
    const nIctal = Math.round(Math.max(...o.ratios) * ictalReal);
    const ictal = await generateIctal(generator, nIctal, seed, o.gan.threads);
    const both =
      o.gan.condition === 'phase'
        ? await generateWholeEvents(generator, sortedUnique(trainTable.eventId).length, seed + 1, o.gan.threads)
        : await generateBoth(generator, trainTable.eventId.length, seed + 1, o.gan.threads);
    await writeSynthetic(join(dir, GAN_FILES.ictal), ictal, 'synthetic-ictal', datasetPath);
    await writeSynthetic(join(dir, GAN_FILES.both), both.windows, 'synthetic-both', datasetPath);
    onProgress?.(1);
    let bothIctal = 0;
    for (const w of both.windows) bothIctal += w.ictal ? 1 : 0;
    return {
      config,
      steps: trained.step,
      trainSeconds: trained.elapsedSeconds,
      backend: trained.backend.name,
      threads: o.gan.threads,
      training: {
        events: sortedUnique(trainTable.eventId),
        windows: trainTable.eventId.length,
        windowDigests: windowDigests(trainTable.values, trainTable.samplesPerWindow),
      },
      generated: { ictal: ictal.length, both: both.windows.length, bothIctal, wholeEvents: both.events },
    };
  } finally {
    generator.dispose();
  }
}

/** The fold's training windows as a dataset scaled the way the architecture trains. */
function trainingDataset(table: WindowTable, scale: TrainConfig['scale'], source: string): Dataset {
  return buildDataset(table, {
    windowSeconds: table.samplesPerWindow / 25,
    strideSeconds: 5,
    split: { valFraction: 0, seed: 0, keep: true },
    scale,
    filters: { types: [], subTypes: [], users: [] },
    sources: [{ path: source, format: 'arrow', events: new Set(table.eventId).size, datapoints: table.eventId.length }],
    skipped: {},
  });
}

/** `n` ictal windows: of the ictal class, or (phase runs) of the ictal phases in their training proportions. */
async function generateIctal(
  trained: TrainedGenerator,
  n: number,
  seed: number,
  threads: number,
): Promise<LabelledWindow[]> {
  const { classNames, classCounts } = trained.header;
  const ictalClasses = classNames.flatMap((name, c) => (isIctalClass(name) ? [c] : []));
  const counts = ictalClasses.map((c) => classCounts[c]!);
  const labels =
    n > 0 ? Int32Array.from(proportionalLabels(n, counts, seed), (k) => ictalClasses[k]!) : new Int32Array(0);
  return sample(trained, labels, seed, threads);
}

/** `n` windows of every class in the training proportions. */
async function generateBoth(
  trained: TrainedGenerator,
  n: number,
  seed: number,
  threads: number,
): Promise<{ windows: LabelledWindow[]; events: number }> {
  const labels = proportionalLabels(n, trained.header.classCounts, seed);
  return { windows: await sample(trained, labels, seed, threads), events: 0 };
}

/** Whole events, as many as the fold has training events, cut into 5 s windows labelled by their seizure times. */
async function generateWholeEvents(
  trained: TrainedGenerator,
  events: number,
  seed: number,
  threads: number,
): Promise<{ windows: LabelledWindow[]; events: number }> {
  const generated = await generateEvents(trained, { events, seed, threads });
  const shape = windowShape(5, 5);
  const windows = generated.events.flatMap((event) => [...eventWindows(event, shape)]);
  return { windows, events: generated.events.length };
}

async function sample(
  trained: TrainedGenerator,
  labels: Int32Array,
  seed: number,
  threads: number,
): Promise<LabelledWindow[]> {
  if (labels.length === 0) return [];
  const { header } = trained;
  const values = toMilliG(
    await sampleWindows(
      {
        generator: trained.generator,
        arch: header.config.arch,
        buildSeed: trained.buildSeed,
        shape: { samplesPerWindow: header.samplesPerWindow, numClasses: header.classNames.length },
      },
      { labels, seed, batchSize: 1024, threads },
    ),
    header,
  );
  const l = header.samplesPerWindow;
  return Array.from(labels, (label, i) => ({
    eventId: '',
    userId: '',
    type: 'Seizure',
    subType: '',
    startTime: Number.NaN,
    ictal: isIctalClass(header.classNames[label]!),
    values: values.subarray(i * l, (i + 1) * l),
  }));
}

async function writeSynthetic(
  path: string,
  windows: readonly LabelledWindow[],
  name: string,
  source: string,
): Promise<void> {
  const builder = new WindowTableBuilder(125);
  windows.forEach((w, i) => builder.add({ ...w, eventId: w.eventId || `${name}-${i}`, split: 'train' }));
  const table = builder.build();
  const dataset = buildDataset(table, {
    windowSeconds: 5,
    split: { valFraction: 0, seed: 0, keep: true },
    scale: 'none',
    filters: { types: [], subTypes: [], users: [] },
    sources: [],
    skipped: {},
    provenance: { generatedBy: 'accelgan study', from: source },
  });
  await writeDataset(path, dataset, { force: true });
}
