import { AccelganError, ingest, readDataset, type Dataset, type ScaleMethod } from '@accelgan/data';

export interface TrainingDataOptions {
  readonly scale: Exclude<ScaleMethod, 'none'>;
  readonly windowSeconds: number;
  readonly valFraction: number;
  readonly seed: number;
}

/**
 * Opens what `accelgan train` was given: one Arrow dataset as ingested, or OSDB
 * files ingested on the fly with the architecture's normalisation, for convenience.
 */
export async function openTrainingData(paths: readonly string[], options: TrainingDataOptions): Promise<Dataset> {
  if (paths.length === 0) throw new AccelganError('name a dataset or OSDB files to train on');
  if (paths.length === 1 && paths[0]!.toLowerCase().endsWith('.arrow')) {
    const dataset = await readDataset(paths[0]!);
    if (dataset.meta.normalisation.method === 'none') {
      throw new AccelganError(
        `${paths[0]} holds un-normalised milli-g (a generated file?); ingest real recordings to train on`,
      );
    }
    return dataset;
  }
  const { dataset } = await ingest([...paths], {
    windowSeconds: options.windowSeconds,
    valFraction: options.valFraction,
    seed: options.seed,
    scale: options.scale,
  });
  return dataset;
}
