import { AccelganError } from './errors.js';
import type { Normalisation, ScaleMethod } from './types.js';

/**
 * Affine scalings of milli-g, fitted on training windows only (fitting on val
 * would let val's range leak into training):
 *
 * - `minmax`:   [min, max] → [-1, 1] (a tanh generator's range): offset (min+max)/2, scale (max−min)/2
 * - `minmax01`: [min, max] → [0, 1]: offset min, scale max−min
 * - `zscore`:   mean 0, standard deviation 1: offset mean, scale std (population)
 * - `none`:     milli-g as they are: offset 0, scale 1
 *
 * normalised = (milliG − offset) / scale and milliG = normalised × scale + offset,
 * computed in float64. A constant input (zero range or std) gets scale 1 rather
 * than a division by zero.
 */

export const SCALE_METHODS: readonly ScaleMethod[] = ['minmax', 'minmax01', 'zscore', 'none'];

export function isScaleMethod(value: unknown): value is ScaleMethod {
  return typeof value === 'string' && (SCALE_METHODS as readonly string[]).includes(value);
}

export function fitNormalisation(values: ArrayLike<number>, method: ScaleMethod): Normalisation {
  return normalisationFrom(statistics(values), method);
}

/** The scaling `method` gives for values with these statistics. */
export function normalisationFrom(fitted: Normalisation['fitted'], method: ScaleMethod): Normalisation {
  if (!isScaleMethod(method))
    throw new AccelganError(`unknown scaling "${String(method)}"; use one of ${SCALE_METHODS.join(', ')}`);
  if (fitted.samples === 0) throw new AccelganError('cannot fit a normalisation on no training values');
  const nonZero = (x: number): number => (x > 0 && Number.isFinite(x) ? x : 1);
  switch (method) {
    case 'minmax':
      return { method, offset: (fitted.min + fitted.max) / 2, scale: nonZero((fitted.max - fitted.min) / 2), fitted };
    case 'minmax01':
      return { method, offset: fitted.min, scale: nonZero(fitted.max - fitted.min), fitted };
    case 'zscore':
      return { method, offset: fitted.mean, scale: nonZero(fitted.std), fitted };
    case 'none':
      return { method, offset: 0, scale: 1, fitted };
  }
}

/** (milliG − offset) / scale, into a new array. */
export function normalise(values: Float32Array, normalisation: Normalisation): Float32Array {
  const { offset, scale } = normalisation;
  const out = new Float32Array(values.length);
  for (let i = 0; i < values.length; i++) out[i] = (values[i]! - offset) / scale;
  return out;
}

/** normalised × scale + offset, into a new array: milli-g again. */
export function denormalise(values: Float32Array, normalisation: Normalisation): Float32Array {
  const { offset, scale } = normalisation;
  const out = new Float32Array(values.length);
  for (let i = 0; i < values.length; i++) out[i] = values[i]! * scale + offset;
  return out;
}

/** min, max, mean and population standard deviation, in float64 (two passes for accuracy). */
export function statistics(values: ArrayLike<number>): Normalisation['fitted'] {
  return rowStatistics(values, values.length, () => true);
}

/**
 * Statistics of the rows of `values` (rows of `rowLength`) for which `include(row)`
 * holds, without copying them out: training windows are most of a dataset.
 */
export function rowStatistics(
  values: ArrayLike<number>,
  rowLength: number,
  include: (row: number) => boolean,
): Normalisation['fitted'] {
  const rows = rowLength > 0 ? Math.floor(values.length / rowLength) : 0;
  let n = 0;
  let min = Infinity;
  let max = -Infinity;
  let sum = 0;
  for (let r = 0; r < rows; r++) {
    if (!include(r)) continue;
    for (let i = r * rowLength, end = i + rowLength; i < end; i++) {
      const v = values[i]!;
      if (v < min) min = v;
      if (v > max) max = v;
      sum += v;
    }
    n += rowLength;
  }
  if (n === 0) return { min: 0, max: 0, mean: 0, std: 0, samples: 0 };
  const mean = sum / n;
  let squares = 0;
  for (let r = 0; r < rows; r++) {
    if (!include(r)) continue;
    for (let i = r * rowLength, end = i + rowLength; i < end; i++) {
      const d = values[i]! - mean;
      squares += d * d;
    }
  }
  return { min, max, mean, std: Math.sqrt(squares / n), samples: n };
}

/**
 * The grid milli-g values lie on, read from normalised values: 1 when every value is a
 * whole number of milli-g once denormalised (as OSDB watches report them), else null.
 * The tolerance covers float32 rounding of the normalised values (about 1e-4 mg).
 */
export function quantumOf(values: Float32Array, normalisation: Normalisation): 1 | null {
  if (values.length === 0) return null;
  const { offset, scale } = normalisation;
  for (let i = 0; i < values.length; i++) {
    const milliG = values[i]! * scale + offset;
    if (Math.abs(milliG - Math.round(milliG)) > 0.01) return null;
  }
  return 1;
}
