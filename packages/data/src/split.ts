import seedrandom from 'seedrandom';
import { AccelganError } from './errors.js';

export interface EventSplit {
  /** Sorted event ids. */
  readonly train: readonly string[];
  readonly val: readonly string[];
}

/**
 * Splits events (not windows) into train and val, so that no event's windows sit on
 * both sides: windows of one recording are too alike for val to measure anything
 * otherwise.
 *
 * `round(valFraction × events)` events go to val, chosen by a seeded shuffle of the
 * sorted ids, so the split depends only on the set of ids, the fraction and the seed
 * (not on file order). With valFraction > 0 and two or more events, each side gets at
 * least one event; a single event always goes to train. valFraction 0 puts every
 * event in train.
 */
export function splitEvents(eventIds: Iterable<string>, options: { readonly valFraction: number; readonly seed: number }): EventSplit {
  checkSplitOptions(options);
  const { valFraction, seed } = options;
  const ids = [...new Set(eventIds)].sort(compare);
  const n = ids.length;
  let valCount = 0;
  if (valFraction > 0 && n >= 2) valCount = Math.min(n - 1, Math.max(1, Math.round(valFraction * n)));
  const random = seedrandom(`accelgan-split:${seed}`);
  const shuffled = ids.slice();
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [shuffled[i], shuffled[j]] = [shuffled[j]!, shuffled[i]!];
  }
  return { val: shuffled.slice(0, valCount).sort(compare), train: shuffled.slice(valCount).sort(compare) };
}

/** Fails with a clear line for a fraction outside [0, 1) or a seed that is not a number. */
export function checkSplitOptions(options: { readonly valFraction: number; readonly seed: number }): void {
  const { valFraction, seed } = options;
  if (!(valFraction >= 0 && valFraction < 1)) throw new AccelganError(`val fraction must be at least 0 and below 1; got ${valFraction}`);
  if (!Number.isFinite(seed)) throw new AccelganError(`seed must be a number; got ${seed}`);
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
