import { readFile } from 'node:fs/promises';
import { crc32 } from 'node:zlib';
import * as tf from '@tensorflow/tfjs-core';
import { AccelganError, writeFileAtomic, type Normalisation } from '@accelgan/data';
import type { TrainConfig } from './config.js';
import type { EventOutline } from './events/outlines.js';

/**
 * A checkpoint is one file, so that writing it to a temporary name and renaming it
 * into place is atomic: an interrupted save never leaves a half-written checkpoint.
 *
 * Layout: "ACGCKPT1" | u32 LE header byte length | header JSON (UTF-8) | zero padding
 * to a multiple of 4 | float32 LE tensor data, in header.tensors order.
 */
const MAGIC = 'ACGCKPT1';

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
  readonly version: 1;
  /** Generator updates completed. */
  readonly step: number;
  readonly optimiserSteps: { readonly generator: number; readonly discriminator: number };
  readonly config: TrainConfig;
  readonly normalisation: Normalisation;
  /** The milli-g grid of the training data (1 for whole milli-g), which generated values are rounded to; null or absent: none. */
  readonly quantumMilliG?: number | null;
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
  const header: CheckpointHeader = { ...meta, tensors: entries, crc32: crc32(dataBytes) };
  const headerBytes = new TextEncoder().encode(JSON.stringify(header));
  const start = align4(MAGIC.length + 4 + headerBytes.length);
  const file = new Uint8Array(start + dataBytes.length);
  file.set(new TextEncoder().encode(MAGIC), 0);
  new DataView(file.buffer).setUint32(MAGIC.length, headerBytes.length, true);
  file.set(headerBytes, MAGIC.length + 4);
  file.set(dataBytes, start);
  await writeFileAtomic(path, file, { force: true });
}

/** Reads and verifies a checkpoint; any damage is reported as one clear line. */
export async function loadCheckpoint(path: string): Promise<LoadedCheckpoint> {
  let file: Buffer;
  try {
    file = await readFile(path);
  } catch {
    throw new AccelganError(`no checkpoint at ${path}`);
  }
  const corrupt = (why: string) => new AccelganError(`corrupt checkpoint ${path}: ${why}`);
  if (file.length < MAGIC.length + 4 || file.subarray(0, MAGIC.length).toString('latin1') !== MAGIC) {
    throw corrupt('not an accelgan checkpoint');
  }
  const headerLength = file.readUInt32LE(MAGIC.length);
  const start = align4(MAGIC.length + 4 + headerLength);
  if (start > file.length) throw corrupt('truncated header');
  let header: CheckpointHeader;
  try {
    header = JSON.parse(
      file.subarray(MAGIC.length + 4, MAGIC.length + 4 + headerLength).toString('utf8'),
    ) as CheckpointHeader;
  } catch {
    throw corrupt('unreadable header');
  }
  if (header.format !== 'accelgan-checkpoint' || header.version !== 1)
    throw corrupt(`unsupported format ${header.format} v${header.version}`);
  const total = header.tensors.reduce((sum, t) => sum + t.length, 0);
  if (file.length - start !== total * 4)
    throw corrupt(`expected ${total * 4} data bytes, found ${file.length - start}`);
  // Copy into an aligned buffer: Buffer pools do not guarantee 4-byte alignment.
  const dataBytes = new Uint8Array(total * 4);
  dataBytes.set(file.subarray(start));
  if (crc32(dataBytes) !== header.crc32) throw corrupt('checksum mismatch');
  const data = new Float32Array(dataBytes.buffer);
  const tensors = new Map<string, { shape: readonly number[]; values: Float32Array }>();
  for (const entry of header.tensors) {
    tensors.set(entry.name, { shape: entry.shape, values: data.subarray(entry.offset, entry.offset + entry.length) });
  }
  return { header, tensors };
}

/** Copies checkpoint values into variables of the same names, checking shapes. */
export function restoreVariables(
  checkpoint: LoadedCheckpoint,
  prefix: string,
  variables: ReadonlyMap<string, tf.Variable>,
): void {
  for (const [name, variable] of variables) {
    const key = `${prefix}/${name}`;
    const saved = checkpoint.tensors.get(key);
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

function align4(n: number): number {
  return (n + 3) & ~3;
}
