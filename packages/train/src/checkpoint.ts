import { readFile } from 'node:fs/promises';
import { crc32 } from 'node:zlib';
import * as tf from '@tensorflow/tfjs-core';
import { AccelganError, SAMPLE_RATE_HZ, writeFileAtomic, type Normalisation } from '@accelgan/data';
import { CONFIG_LIMITS, configProblem, withLaterWeights, type TrainConfig } from './config.js';
import type { EventOutline } from './events/outlines.js';
import type { WatchGrid } from './watch-grid.js';

/**
 * A checkpoint is one file, so that writing it to a temporary name and renaming it
 * into place is atomic: an interrupted save never leaves a half-written checkpoint.
 *
 * Layout (version 2): "ACGCKPT2" | u32 LE header byte length | u32 LE CRC-32 of the
 * header bytes | header JSON (UTF-8, holding the CRC-32 of the data) | zero padding to a
 * multiple of 4 | float32 LE tensor data, in header.tensors order. Both checksums
 * together cover every byte that matters: a flipped digit of the stored normalisation
 * is caught like a flipped weight.
 *
 * Version 1 ("ACGCKPT1", no header checksum, written before) still loads: its data is
 * checked as before, and its header, like every header, against the limits below.
 */
const MAGIC = 'ACGCKPT2';
const MAGIC_V1 = 'ACGCKPT1';
const CHECKPOINT_VERSION = 2;

/** Limits of what a checkpoint may describe, checked before anything is built from it (with CONFIG_LIMITS). */
const HEADER_LIMITS = {
  /** Samples of a training window: CONFIG_LIMITS.windowSeconds at 25 Hz. */
  samplesPerWindow: CONFIG_LIMITS.windowSeconds * SAMPLE_RATE_HZ,
  classes: 64,
  /** Seconds of a training event's outline, and how far its seizure times may lie from it. */
  eventSeconds: 86_400,
} as const;

export interface CheckpointTensorEntry {
  readonly name: string;
  readonly shape: readonly number[];
  /** Offset in float32 elements from the start of the data section. */
  readonly offset: number;
  readonly length: number;
}

/** What a checkpoint says besides its tensors. */
export interface CheckpointMeta {
  readonly format: 'accelgan-checkpoint';
  /** 2 since the header is checksummed too; saveCheckpoint always writes 2. */
  readonly version: 1 | 2;
  /** Generator updates completed. */
  readonly step: number;
  readonly optimiserSteps: { readonly generator: number; readonly discriminator: number };
  readonly config: TrainConfig;
  readonly normalisation: Normalisation;
  /**
   * The milli-g grid of the training data (1 for whole milli-g); null or absent: none.
   * Where watchGrid is absent (checkpoints written before it), every generated window is
   * rounded to it: one switch for the whole run.
   */
  readonly quantumMilliG?: number | null;
  /**
   * The grid per recording (watch-grid.ts): the share of each class's training windows
   * whose recording is on the grid; generated windows go on it in that proportion. Absent
   * where no training window is on a grid, and in checkpoints written before it.
   */
  readonly watchGrid?: WatchGrid;
  readonly samplesPerWindow: number;
  readonly classNames: readonly string[];
  readonly classCounts: readonly number[];
  /** Most common OSDB event type of the training windows per class, for exported events. */
  readonly classEventTypes: readonly string[];
  /** Where the training data came from, and how much there was. */
  readonly dataset: { readonly sources: readonly string[]; readonly windows: number; readonly events: number };
  /**
   * Length, seizure times and subtype of every training event whose windows carry times:
   * what whole-event generation samples from. Absent in checkpoints written before it.
   */
  readonly eventOutlines?: readonly EventOutline[];
  readonly savedAt: string;
}

export interface CheckpointHeader extends CheckpointMeta {
  readonly tensors: readonly CheckpointTensorEntry[];
  /** CRC-32 of the data section. */
  readonly crc32: number;
}

export interface LoadedCheckpoint {
  readonly header: CheckpointHeader;
  readonly tensors: ReadonlyMap<string, { readonly shape: readonly number[]; readonly values: Float32Array }>;
}

/** Reads every tensor's values (async, so no backend blocks) and writes the checkpoint atomically. */
export async function saveCheckpoint(
  path: string,
  meta: CheckpointMeta,
  tensors: ReadonlyMap<string, tf.Tensor>,
): Promise<void> {
  const entries: CheckpointTensorEntry[] = [];
  const arrays: Float32Array[] = [];
  let offset = 0;
  for (const [name, tensor] of tensors) {
    const values = (await tensor.data()) as Float32Array;
    entries.push({ name, shape: tensor.shape, offset, length: values.length });
    arrays.push(values);
    offset += values.length;
  }
  const data = new Float32Array(offset);
  for (let i = 0; i < arrays.length; i++) data.set(arrays[i]!, entries[i]!.offset);
  const dataBytes = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  const header: CheckpointHeader = { ...meta, version: CHECKPOINT_VERSION, tensors: entries, crc32: crc32(dataBytes) };
  const headerBytes = new TextEncoder().encode(JSON.stringify(header));
  const headerAt = MAGIC.length + 8;
  const start = align4(headerAt + headerBytes.length);
  const file = new Uint8Array(start + dataBytes.length);
  file.set(new TextEncoder().encode(MAGIC), 0);
  const view = new DataView(file.buffer);
  view.setUint32(MAGIC.length, headerBytes.length, true);
  view.setUint32(MAGIC.length + 4, crc32(headerBytes), true);
  file.set(headerBytes, headerAt);
  file.set(dataBytes, start);
  await writeFileAtomic(path, file, { force: true });
}

/**
 * Reads and verifies a checkpoint: its checksums, and every header value against the
 * limits of what accelgan builds (checkHeader), before anything is built from it. Any
 * damage, or a crafted header, is reported as one clear line.
 */
export async function loadCheckpoint(path: string): Promise<LoadedCheckpoint> {
  let file: Buffer;
  try {
    file = await readFile(path);
  } catch {
    throw new AccelganError(`no checkpoint at ${path}`);
  }
  const corrupt = (why: string) => new AccelganError(`corrupt checkpoint ${path}: ${why}`);
  const magic = file.subarray(0, MAGIC.length).toString('latin1');
  const version = magic === MAGIC ? 2 : magic === MAGIC_V1 ? 1 : null;
  const headerAt = MAGIC.length + (version === 2 ? 8 : 4);
  if (version === null || file.length < headerAt) throw corrupt('not an accelgan checkpoint');
  const headerLength = file.readUInt32LE(MAGIC.length);
  const start = align4(headerAt + headerLength);
  if (start > file.length) throw corrupt('truncated header');
  const headerBytes = file.subarray(headerAt, headerAt + headerLength);
  if (version === 2 && crc32(headerBytes) !== file.readUInt32LE(MAGIC.length + 4))
    throw corrupt('header checksum mismatch');
  let header: CheckpointHeader;
  try {
    header = JSON.parse(headerBytes.toString('utf8')) as CheckpointHeader;
  } catch {
    throw corrupt('unreadable header');
  }
  if (header?.format !== 'accelgan-checkpoint' || header.version !== version)
    throw corrupt(`unsupported format ${header?.format} v${header?.version}`);
  const problem = headerProblem(header, file.length - start);
  if (problem) throw corrupt(problem);
  // Copy into an aligned buffer: Buffer pools do not guarantee 4-byte alignment.
  const dataBytes = new Uint8Array(file.length - start);
  dataBytes.set(file.subarray(start));
  if (crc32(dataBytes) !== header.crc32) throw corrupt('checksum mismatch');
  const data = new Float32Array(dataBytes.buffer);
  const tensors = new Map<string, { shape: readonly number[]; values: Float32Array }>();
  for (const entry of header.tensors) {
    tensors.set(entry.name, { shape: entry.shape, values: data.subarray(entry.offset, entry.offset + entry.length) });
  }
  return { header, tensors };
}

/**
 * What is wrong with a checkpoint header whose data section holds `dataBytes` bytes, or
 * null: every value generation and training read, against CONFIG_LIMITS and HEADER_LIMITS,
 * and a tensor index that tiles the data section exactly. Checked before any network is
 * built, so a crafted header (a latent of a million, windows of two million samples) is
 * refused instead of allocating gigabytes; that each tensor's shape is the one the
 * architecture builds is checked as it is restored (restoreVariables), before its values
 * are copied.
 */
export function headerProblem(header: CheckpointHeader, dataBytes: number): string | null {
  const isInt = (v: unknown, min: number, max = Number.MAX_SAFE_INTEGER): v is number =>
    typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max;
  const isFiniteNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
  const isStrings = (v: unknown, length: number) =>
    Array.isArray(v) && v.length === length && v.every((x) => typeof x === 'string');
  if (!isInt(header.step, 0)) return `step ${header.step} is not a count of steps`;
  const steps = header.optimiserSteps;
  if (!isInt(steps?.generator, 0) || !isInt(steps?.discriminator, 0)) return 'optimiser steps are not counts';
  if (typeof header.config !== 'object' || header.config === null) return 'no config';
  // Checkpoints written before these weights existed trained without them.
  const config = withLaterWeights(header.config);
  const wrong = configProblem(config);
  if (wrong) return `config ${wrong.key} ${wrong.problem}`;
  const { samplesPerWindow, classNames, classCounts, classEventTypes, normalisation, quantumMilliG } = header;
  if (!isInt(samplesPerWindow, 1, HEADER_LIMITS.samplesPerWindow))
    return `samplesPerWindow must be from 1 to ${HEADER_LIMITS.samplesPerWindow}, got ${samplesPerWindow}`;
  const classes = Array.isArray(classNames) ? classNames.length : 0;
  if (!isStrings(classNames, classes) || classes < 1 || classes > HEADER_LIMITS.classes)
    return `classNames must be 1 to ${HEADER_LIMITS.classes} names`;
  if (!Array.isArray(classCounts) || classCounts.length !== classes || !classCounts.every((c) => isInt(c, 0)))
    return 'classCounts must be a count per class';
  if (!isStrings(classEventTypes, classes)) return 'classEventTypes must be a type per class';
  if (!isFiniteNumber(normalisation?.offset) || !isFiniteNumber(normalisation.scale) || !(normalisation.scale > 0))
    return 'normalisation must have a finite offset and a positive scale';
  if (quantumMilliG != null && !(isFiniteNumber(quantumMilliG) && quantumMilliG > 0))
    return `quantumMilliG must be positive, got ${quantumMilliG}`;
  const grid = header.watchGrid;
  if (grid !== undefined) {
    if (!(isFiniteNumber(grid?.quantumMilliG) && grid.quantumMilliG > 0))
      return 'watchGrid must have a positive quantum';
    const shares = grid.shareOnGrid;
    if (
      !Array.isArray(shares) ||
      shares.length !== classes ||
      !shares.every((v) => isFiniteNumber(v) && v >= 0 && v <= 1)
    )
      return 'watchGrid must have a share in [0, 1] per class';
  }
  const outlines = header.eventOutlines ?? [];
  const seconds = HEADER_LIMITS.eventSeconds;
  const inRange = (v: unknown) => isFiniteNumber(v) && Math.abs(v) <= seconds;
  const outlineOk = (o: EventOutline) =>
    typeof o?.type === 'string' &&
    typeof o.subType === 'string' &&
    (o.onGrid === undefined || typeof o.onGrid === 'boolean') &&
    inRange(o.seconds) &&
    o.seconds >= 0 &&
    (o.seizure === null || (Array.isArray(o.seizure) && o.seizure.length === 2 && o.seizure.every(inRange)));
  if (!Array.isArray(outlines) || !outlines.every(outlineOk))
    return `eventOutlines must be events of at most ${seconds} s`;
  if (!Array.isArray(header.tensors)) return 'no tensor index';
  let offset = 0;
  for (const entry of header.tensors) {
    const shape = entry?.shape;
    if (typeof entry?.name !== 'string' || !Array.isArray(shape) || !shape.every((d) => isInt(d, 0)))
      return 'a tensor entry has no name or shape';
    const size = shape.reduce((a, b) => a * b, 1);
    if (entry.length !== size || entry.offset !== offset)
      return `tensor ${entry.name}: length ${entry.length} at ${entry.offset} does not follow from its shape [${shape}] at ${offset}`;
    offset += size;
    if (offset * 4 > dataBytes) break;
  }
  if (offset * 4 !== dataBytes) return `expected ${offset * 4} data bytes, found ${dataBytes}`;
  if (!isInt(header.crc32, 0, 0xffffffff)) return 'no data checksum';
  return null;
}

/**
 * Copies checkpoint values into variables of the same names, checking shapes. Variables
 * `mayLack` names (state added since the checkpoint was written) keep their built values
 * where the checkpoint has none.
 */
export function restoreVariables(
  checkpoint: LoadedCheckpoint,
  prefix: string,
  variables: ReadonlyMap<string, tf.Variable>,
  mayLack: (name: string) => boolean = () => false,
): void {
  for (const [name, variable] of variables) {
    const key = `${prefix}/${name}`;
    const saved = checkpoint.tensors.get(key);
    if (!saved && mayLack(name)) continue;
    if (!saved) throw new AccelganError(`checkpoint lacks ${key}: was it written by another architecture or version?`);
    if (saved.shape.join('x') !== variable.shape.join('x')) {
      throw new AccelganError(
        `checkpoint ${key} has shape [${saved.shape}] but the network expects [${variable.shape}]: was it written by another version of the ${checkpoint.header.config.arch} architecture? Train it again with this version (the run's run.json says which wrote it)`,
      );
    }
    const value = tf.tensor(saved.values, variable.shape as number[], 'float32');
    variable.assign(value);
    value.dispose();
  }
}

/**
 * State a generator gained after checkpoints were first written, which those checkpoints
 * lack: `styled`'s per-row grid flags, from before per-recording grids (their generation
 * falls back to the run-wide quantumMilliG, so the flags are never read).
 */
export function stateAddedLater(header: Pick<CheckpointHeader, 'watchGrid'>): (name: string) => boolean {
  return (name) => header.watchGrid === undefined && name.endsWith('/levels/grid');
}

function align4(n: number): number {
  return (n + 3) & ~3;
}
