import { AccelganError } from '@accelgan/data';
import type { LoadedWindows } from '../load.js';
import { makeRng, subSeed } from '../util/rng.js';
import { splitByEvent } from '../windows.js';
import type { EventSets } from '../result-types.js';
import { eventSeries, type EventSeries } from './event-series.js';

/**
 * Whole events from loaded windows files, in the same roles the window metrics use:
 * `train` given: its events are the real training events and every real event is held
 * out; else the real dataset's own train/val split; else its events split as
 * resolveRoles splits them (same seed, same partition).
 */
export function eventSetsFromSources(
  real: LoadedWindows,
  synthetic: LoadedWindows,
  train: LoadedWindows | undefined,
  options: { seed: number; valFraction: number },
): EventSets {
  const synthetics = eventsOf(synthetic, 'synthetic');
  if (!synthetics.some((e) => e.datapoints > 1)) {
    throw new AccelganError(
      'event evaluation needs whole synthetic events with times (accelgan generate RUN --events N); these are separate windows',
    );
  }
  const reals = (rows?: number[]) => eventsOf(real, 'real', rows);
  if (train) return { realTrain: eventsOf(train, 'training'), realHeldOut: reals(), synthetic: synthetics };
  const split = real.split;
  if (split?.includes('train') && split.includes('val')) {
    const rows = (side: string) => split.flatMap((s, i) => (s === side ? [i] : []));
    return { realTrain: reals(rows('train')), realHeldOut: reals(rows('val')), synthetic: synthetics };
  }
  const { first, second } = splitByEvent(real.set, options.valFraction, makeRng(subSeed(options.seed, 'roles')));
  return { realTrain: reals(first), realHeldOut: reals(second), synthetic: synthetics };
}

function eventsOf(loaded: LoadedWindows, what: string, rows?: number[]): EventSeries[] {
  const dataset = loaded.dataset;
  if (!dataset)
    throw new AccelganError(`event evaluation needs ${what} events from a file or dataset, not bare windows`);
  // The loaded set holds the milli-g values; the dataset the times and seizure columns.
  return eventSeries({ ...dataset.windows, values: Float32Array.from(loaded.set.values) }, rows);
}
