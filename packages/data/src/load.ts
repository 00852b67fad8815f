import { readDataset } from './arrow.js';
import { detectFileKind } from './ingest/detect.js';
import { ingest, type IngestOptions } from './ingest/pipeline.js';
import type { Dataset } from './types.js';

/**
 * Any windows file as a Dataset, for commands that take "real" or "generated"
 * windows without caring how they were stored: an Arrow dataset, OSDB JSON or CSV,
 * or the generator's windows CSV.
 *
 * One Arrow dataset with no options that change it is returned exactly as stored.
 * Otherwise the inputs are ingested with, unless given, NO scaling (values in
 * milli-g) and no validation split (every event in train) — except that Arrow-only
 * inputs keep their own split unless a valFraction is given.
 */
export async function loadWindows(paths: readonly string[], options: IngestOptions = {}): Promise<Dataset> {
  if (paths.length === 1 && !changesDataset(options) && (await detectFileKind(paths[0]!)) === 'arrow') {
    return readDataset(paths[0]!);
  }
  const allArrow = (await Promise.all(paths.map(detectFileKind))).every((kind) => kind === 'arrow');
  const { dataset } = await ingest(paths, {
    scale: 'none',
    ...(allArrow ? {} : { valFraction: 0 }),
    ...options,
  });
  return dataset;
}

function changesDataset(options: IngestOptions): boolean {
  return (
    options.scale !== undefined ||
    options.valFraction !== undefined ||
    options.windowSeconds !== undefined ||
    Boolean(options.types?.length || options.subTypes?.length || options.users?.length)
  );
}
