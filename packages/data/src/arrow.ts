import { readFile } from 'node:fs/promises';
import {
  Bool,
  Dictionary,
  Field,
  FixedSizeList,
  Float32,
  Int32,
  RecordBatch,
  Schema,
  Table,
  Utf8,
  makeData,
  makeVector,
  tableFromIPC,
  tableToIPC,
  vectorFromArray,
  type Vector,
} from 'apache-arrow';
import { assertWritable, openAtomicWriter, type AtomicWriter, type WriteOptions } from './atomic.js';
import { AccelganError } from './errors.js';
import type { Dataset, DatasetMeta, Split, WindowTable } from './types.js';

/**
 * Datasets as Arrow IPC files (the file format, with footer), readable by pyarrow,
 * polars, DuckDB and the like:
 *
 *   window     FixedSizeList<Float32>[samplesPerWindow]  normalised per the metadata
 *   eventId    Dictionary<Int32, Utf8>
 *   userId     Dictionary<Int32, Utf8>
 *   type       Dictionary<Int32, Utf8>
 *   subType    Dictionary<Int32, Utf8>
 *   startTime  Float64   epoch ms of the first sample; NaN where unknown
 *   ictal      Bool
 *   split      Dictionary<Int32, Utf8>  "train" | "val"
 *   seizureStart, seizureEnd  Float64  epoch ms of the event's seizure; NaN where none
 *
 * The two seizure columns came later: files without them read as NaN (no seizure
 * known), and readers that predate them ignore them, so both directions still work.
 *
 * The DatasetMeta is embedded as JSON in the schema metadata under `accelgan`, and
 * written beside the file as `<name>.meta.json` for people and tools that do not
 * read Arrow. The embedded copy is the one readDataset trusts.
 */

export const META_KEY = 'accelgan';

/** `x.arrow` → `x.meta.json` (any other extension is replaced the same way). */
export function sidecarPath(path: string): string {
  const slash = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
  const dot = path.lastIndexOf('.');
  const stem = dot > slash + 1 ? path.slice(0, dot) : path;
  return `${stem}.meta.json`;
}

/** Writes the dataset and its sidecar, each atomically; refuses to replace either without force. */
export async function writeDataset(path: string, dataset: Dataset, options: WriteOptions = {}): Promise<void> {
  const sidecar = sidecarPath(path);
  await assertWritable(path, options);
  await assertWritable(sidecar, options);
  const bytes = datasetToIpc(dataset);
  const writers: AtomicWriter[] = [];
  try {
    writers.push(await openAtomicWriter(path, options), await openAtomicWriter(sidecar, options));
    await writers[0]!.write(bytes);
    await writers[1]!.write(`${JSON.stringify(dataset.meta, null, 2)}\n`);
    for (const writer of writers) await writer.commit();
  } catch (error) {
    for (const writer of writers) await writer.abort();
    throw error;
  }
}

export async function readDataset(path: string): Promise<Dataset> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new AccelganError(`${path}: no such file`);
    if (code === 'EISDIR') throw new AccelganError(`${path}: is a directory, not a file`);
    throw new AccelganError(`${path}: cannot read (${(error as Error).message})`);
  }
  return datasetFromIpc(bytes, path);
}

export function datasetToIpc(dataset: Dataset): Uint8Array {
  const { meta, windows } = dataset;
  const n = windows.eventId.length;
  const spw = windows.samplesPerWindow;
  if (windows.values.length !== n * spw)
    throw new Error(`dataset has ${windows.values.length} values for ${n} windows of ${spw}`);
  const dictionary = (): Dictionary<Utf8, Int32> => new Dictionary(new Utf8(), new Int32());
  const samples = makeData({ type: new Float32(), length: n * spw, data: windows.values });
  const listType = new FixedSizeList(spw, new Field('sample', new Float32(), false));
  const columns = new Table({
    window: makeVector(makeData({ type: listType, length: n, nullCount: 0, child: samples })),
    eventId: vectorFromArray(windows.eventId, dictionary()),
    userId: vectorFromArray(windows.userId, dictionary()),
    type: vectorFromArray(windows.type, dictionary()),
    subType: vectorFromArray(windows.subType, dictionary()),
    startTime: makeVector(windows.startTime),
    ictal: vectorFromArray(
      Array.from(windows.ictal, (v) => v === 1),
      new Bool(),
    ),
    split: vectorFromArray(windows.split, dictionary()),
    seizureStart: makeVector(windows.seizureStart),
    seizureEnd: makeVector(windows.seizureEnd),
  });
  const schema = new Schema(columns.schema.fields, new Map([[META_KEY, JSON.stringify(meta)]]));
  const table = new Table(
    schema,
    columns.batches.map((batch) => new RecordBatch(schema, batch.data)),
  );
  return tableToIPC(table, 'file');
}

export function datasetFromIpc(bytes: Uint8Array, path: string): Dataset {
  let table: Table;
  try {
    table = tableFromIPC(bytes);
  } catch (error) {
    throw new AccelganError(`${path}: not an Arrow IPC file (${(error as Error).message.split('\n')[0]})`);
  }
  const encoded = table.schema.metadata.get(META_KEY);
  if (!encoded)
    throw new AccelganError(`${path}: an Arrow file, but not an accelgan dataset (no "${META_KEY}" metadata)`);
  let meta: DatasetMeta;
  try {
    meta = JSON.parse(encoded) as DatasetMeta;
  } catch {
    throw new AccelganError(`${path}: its accelgan metadata is not valid JSON`);
  }
  if (meta.format !== 'accelgan-dataset')
    throw new AccelganError(`${path}: metadata is not an accelgan dataset's (format ${String(meta.format)})`);
  if (meta.version !== 1)
    throw new AccelganError(
      `${path}: dataset version ${String(meta.version)} is not supported (this accelgan reads version 1)`,
    );
  const n = table.numRows;
  const column = (name: string): Vector => {
    const vector = table.getChild(name);
    if (!vector) throw new AccelganError(`${path}: dataset has no "${name}" column`);
    return vector;
  };
  const windowColumn = column('window');
  const spw = windowColumn.type instanceof FixedSizeList ? (windowColumn.type as FixedSizeList).listSize : -1;
  if (spw !== meta.samplesPerWindow)
    throw new AccelganError(`${path}: "window" is not a list of ${meta.samplesPerWindow} samples`);
  const values = new Float32Array(n * spw);
  let row = 0;
  for (const chunk of windowColumn.data) {
    // Slicing a FixedSizeList slices its child too, so the child's own offset is the one to use.
    const child = chunk.children[0]!;
    const samples = (child.values as Float32Array).subarray(child.offset, child.offset + chunk.length * spw);
    values.set(samples, row * spw);
    row += chunk.length;
  }
  const strings = (name: string): string[] =>
    Array.from(column(name) as Iterable<unknown>, (v) => (v === null || v === undefined ? '' : String(v)));
  const split = strings('split');
  for (const s of split)
    if (s !== 'train' && s !== 'val') throw new AccelganError(`${path}: split "${s}" is neither train nor val`);
  const startTime = Float64Array.from(column('startTime') as Iterable<number | null>, (v) =>
    v === null ? Number.NaN : Number(v),
  );
  const ictal = Uint8Array.from(column('ictal') as Iterable<unknown>, (v) => (v === true || v === 1 ? 1 : 0));
  const optionalTimes = (name: string): Float64Array => {
    const vector = table.getChild(name);
    return vector
      ? Float64Array.from(vector as Iterable<number | null>, (v) => (v === null ? Number.NaN : Number(v)))
      : new Float64Array(n).fill(Number.NaN);
  };
  const windows: WindowTable = {
    samplesPerWindow: spw,
    values,
    eventId: strings('eventId'),
    userId: strings('userId'),
    type: strings('type'),
    subType: strings('subType'),
    startTime,
    ictal,
    seizureStart: optionalTimes('seizureStart'),
    seizureEnd: optionalTimes('seizureEnd'),
    split: split as Split[],
  };
  return { meta, windows };
}
