import { mkdtemp, readdir, realpath, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { AccelganError, assertWritable, ingest, openAtomicWriter, writeFileAtomic, writeOsdbCsv } from '@accelgan/data';
import type { BackendChoice, BackendInfo } from '@accelgan/model';
import {
  exportGeneratedChunks,
  generateWindowChunks,
  loadGenerator,
  openTrainingData,
  resolveConfig,
  train,
  type TrainConfig,
  type TrainProgress,
  type TrainedGenerator,
  type TrainResult,
} from '@accelgan/train';
import { versionsHere } from '../study/versions.js';
import { CLASSIC_SETTINGS, classicRows } from './classic-rows.js';
import { copyInto, readFoldFile, type FoldFile } from './fold-file.js';
import { runFingerprint, shortFingerprint } from './run-fingerprint.js';

export interface AugmentOptions {
  /** The fold's training rows: `FOLD/trainData.csv` as the OSDB toolkit's splitData.py writes it. */
  readonly input: string;
  /** The file to write, `FOLD/trainDataAugmented.csv`: the toolkit then skips its own augmentation of that fold. */
  readonly out: string;
  /** A run trained on `input` alone (its recorded fingerprint must equal the file's); without it one is trained. */
  readonly run?: string | undefined;
  /** Where a run trained here goes (default beside `out`: `<out's name>-run/`). */
  readonly runOut?: string | undefined;
  /** Training budget when no run is given: minutes, or steps (default: the recipe's steps). */
  readonly minutes?: number | undefined;
  readonly steps?: number | undefined;
  /** Architecture trained when no run is given (default: the default recipe's). */
  readonly arch?: string | undefined;
  /** Synthetic seizure rows per real seizure row (default 1). */
  readonly ratio?: number | undefined;
  /** Also the toolkit's own noise and phase augmentation of the real seizure rows. */
  readonly classic?: boolean | undefined;
  /** Seed of training, generation and the classic augmentation's noise (default 1). */
  readonly seed?: number | undefined;
  /** Replace an existing `out` (and its sidecar), and start over in a non-empty `runOut`. */
  readonly force?: boolean | undefined;
  readonly backend?: BackendChoice | undefined;
  readonly threads?: number | undefined;
  /** Aborting stops training after its current step, saves the run's checkpoint and writes no output. */
  readonly signal?: AbortSignal | undefined;
  /** What is being done, e.g. "training styled on trainData.csv into fold0/trainDataAugmented-run". */
  readonly onStage?: ((what: string) => void) | undefined;
  readonly onTrainStart?:
    | ((start: { readonly backend: BackendInfo; readonly windows: number; readonly config: TrainConfig }) => void)
    | undefined;
  readonly onTrainProgress?: ((progress: TrainProgress) => void) | undefined;
  /** Training ended (finished, or stopped by `signal`), before anything is generated. */
  readonly onTrained?: ((result: TrainResult, runDir: string) => void) | undefined;
  readonly onGenerateProgress?: ((done: number, total: number) => void) | undefined;
  /** A line for the user that is not an error (a stale lock taken over). */
  readonly onNote?: ((line: string) => void) | undefined;
}

export interface AugmentResult {
  readonly out: string;
  /** `out` + `.json`: the resolved settings, run, backend, versions and counts. */
  readonly sidecar: string;
  readonly run: string;
  /** The training this call did (null when given a run). */
  readonly trained: TrainResult | null;
  /** True when a signal stopped training: nothing was written but the run's checkpoint. */
  readonly interrupted: boolean;
  readonly fingerprint: string;
  readonly rows: {
    readonly real: number;
    readonly realSeizure: number;
    readonly synthetic: number;
    readonly classic: number;
  };
}

/** The default `--ratio`. */
export const DEFAULT_RATIO = 1;

/**
 * `accelgan augment`: writes a fold's `trainDataAugmented.csv` for the OSDB toolkit — the
 * fold's `trainData.csv` byte for byte (header and rows, in order), then `ratio` × its
 * seizure rows of generated seizure windows (one `syn-…` event per window, written by the
 * same writer as `accelgan generate x.csv`), then with `classic` the toolkit's own noise
 * and phase augmentation of its seizure rows (classic-rows.ts). The generator learns from
 * that file alone: either trained here on it, or a given run whose recorded fingerprint of
 * its training rows equals the file's (anything else is refused before anything is
 * written), so no row of the fold's test file can reach the synthetic data.
 */
export async function augment(options: AugmentOptions): Promise<AugmentResult> {
  const { input, out } = options;
  const seed = options.seed ?? 1;
  const ratio = options.ratio ?? DEFAULT_RATIO;
  const force = options.force ?? false;
  if (!(Number.isFinite(ratio) && ratio >= 0)) throw new AccelganError(`--ratio must be at least 0, got ${ratio}`, 2);
  if (extname(out).toLowerCase() !== '.csv')
    throw new AccelganError(`--out must be a .csv file (the toolkit reads trainDataAugmented.csv), got ${out}`, 2);
  if (options.run !== undefined && (options.minutes !== undefined || options.steps !== undefined))
    throw new AccelganError('--run uses a trained run; --minutes and --steps train one: give one or the other', 2);
  if (resolve(out) === resolve(input) || (await sameFile(out, input)))
    throw new AccelganError(`--out ${out} is the input file; write the augmented rows to another file`, 2);
  const sidecar = `${out}.json`;
  await assertWritable(out, { force });
  await assertWritable(sidecar, { force });

  const fold = await readFoldFile(input);
  if (fold.seizureRows === 0)
    throw new AccelganError(`${input} has no seizure rows (type 1): there is nothing to augment`);
  // The rows as ingest reads them: their fingerprint, and the windows the classic augmentation shifts.
  const { dataset } = await ingest([input], { scale: 'none' });
  const fingerprint = dataset.meta.fingerprint!;

  let runDir: string;
  let trained: TrainResult | null = null;
  if (options.run !== undefined) {
    runDir = options.run;
    const recorded = await runFingerprint(runDir);
    if (recorded !== fingerprint) {
      throw new AccelganError(
        `${runDir} was trained on other rows (${shortFingerprint(recorded)}) than ${input} (${shortFingerprint(fingerprint)}); omit --run to train on ${basename(input)} alone`,
      );
    }
  } else {
    runDir = options.runOut ?? join(dirname(out), `${basename(out, extname(out))}-run`);
    if (!force && (await readdir(runDir).catch(() => [])).length > 0)
      throw new AccelganError(
        `${runDir} is not empty (an earlier augment's run?): use it with --run ${runDir}, give another --run-out, or --force to train it again`,
      );
    const config = resolveConfig({
      steps: options.steps,
      minutes: options.minutes,
      arch: options.arch,
      seed,
      backend: options.backend ?? 'auto',
    });
    options.onStage?.(`training ${config.arch} on ${input} alone, into ${runDir}`);
    const data = await openTrainingData([input], config);
    trained = await train({
      runDir,
      config,
      force,
      dataset: data,
      datasetSources: [resolve(input)],
      signal: options.signal,
      threads: options.threads,
      onNote: options.onNote,
      onStart: ({ backend, windows }) => options.onTrainStart?.({ backend, windows, config }),
      onProgress: options.onTrainProgress,
    });
    options.onTrained?.(trained, runDir);
    const rows = { real: fold.rows, realSeizure: fold.seizureRows, synthetic: 0, classic: 0 };
    if (trained.interrupted) return { out, sidecar, run: runDir, trained, interrupted: true, fingerprint, rows };
  }

  const generator = await loadGenerator(runDir, options.backend ?? 'auto');
  const scratch = await mkdtemp(join(tmpdir(), 'accelgan-augment-'));
  try {
    if (!generator.header.classNames.includes('ictal'))
      throw new AccelganError(
        `${runDir} is conditioned on ${generator.header.config.condition} (classes ${generator.header.classNames.join(', ')}); augment needs a run trained with --condition ictal, the default`,
      );
    const n = Math.round(ratio * fold.seizureRows);
    const syntheticCsv = join(scratch, 'synthetic.csv');
    if (n > 0) {
      options.onStage?.(`generating ${n} seizure windows`);
      await generateSeizureRows(syntheticCsv, generator, n, seed, fingerprint, options);
    }
    const classicCsv = join(scratch, 'classic.csv');
    let classic = 0;
    if (options.classic) {
      options.onStage?.("adding the toolkit's noise and phase augmentation of the seizure rows");
      const rows = classicRows(dataset.windows, seed);
      await writeOsdbCsv(classicCsv, rows.events, { dataSourceName: 'accelgan-classic-augmentation' });
      classic = rows.rows;
    }
    const rows = { real: fold.rows, realSeizure: fold.seizureRows, synthetic: n, classic };
    await writeAugmented(out, fold, n > 0 ? syntheticCsv : null, options.classic ? classicCsv : null, force);
    const record = {
      format: 'accelgan-augment',
      version: 1,
      createdAt: new Date().toISOString(),
      input: resolve(input),
      out: resolve(out),
      fingerprint,
      run: resolve(runDir),
      trainedHere: trained !== null,
      config: generator.header.config,
      step: generator.header.step,
      averagedGenerator: generator.averaged,
      generation: { label: 'ictal', n, ratio, seed },
      classic: options.classic ? { ...CLASSIC_SETTINGS, seed, source: 'augmentData.py (classic-rows.ts)' } : null,
      rows,
      backend: generator.backend,
      versions: versionsHere(generator.backend),
    };
    await writeFileAtomic(sidecar, `${JSON.stringify(record, null, 2)}\n`, { force: true });
    return { out, sidecar, run: runDir, trained, interrupted: false, fingerprint, rows };
  } finally {
    generator.dispose();
    await rm(scratch, { recursive: true, force: true });
  }
}

/** `n` ictal windows as the toolkit's CSV, by the writer `accelgan generate x.csv` uses (ids syn-<hash>-<n>). */
async function generateSeizureRows(
  path: string,
  generator: TrainedGenerator,
  n: number,
  seed: number,
  fingerprint: string,
  options: AugmentOptions,
): Promise<void> {
  const chunks = generateWindowChunks(generator, {
    n,
    label: 'ictal',
    seed,
    threads: options.threads,
    onProgress: options.onGenerateProgress,
  });
  // The rows' fingerprint is in the request hashed into the ids: two folds' files never share an id.
  await exportGeneratedChunks(path, chunks, generator, {
    seed,
    request: `augment n ${n}, label ictal, rows ${fingerprint}`,
  });
}

/** The real rows, then the synthetic and classic rows (their header left out), into `out` atomically. */
async function writeAugmented(
  out: string,
  fold: FoldFile,
  synthetic: string | null,
  classic: string | null,
  force: boolean,
): Promise<void> {
  const writer = await openAtomicWriter(out, { force });
  try {
    await copyInto(writer, fold.path);
    if (!fold.endsWithNewline) await writer.write('\n');
    if (synthetic) await copyInto(writer, synthetic, { skipHeader: true });
    if (classic) await copyInto(writer, classic, { skipHeader: true });
    await writer.commit();
  } catch (error) {
    await writer.abort();
    throw error;
  }
}

/** Whether two paths name one existing file (a link, another spelling). */
async function sameFile(a: string, b: string): Promise<boolean> {
  const [ra, rb] = await Promise.all([realpath(a).catch(() => null), realpath(b).catch(() => null)]);
  return ra !== null && ra === rb;
}
