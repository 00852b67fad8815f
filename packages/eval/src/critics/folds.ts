import { shuffleInPlace, type Rand } from '../util/rng.js';

/**
 * Assigns items to k folds so that items sharing a group key share a fold: the unique
 * keys, sorted then shuffled with `rand`, go one by one to the fold holding the fewest
 * items so far (lowest fold index on ties). Returns the fold of each item.
 */
export function groupKFold(groups: readonly string[], k: number, rand: Rand): Int32Array {
  const sizes = new Map<string, number>();
  for (const g of groups) sizes.set(g, (sizes.get(g) ?? 0) + 1);
  const keys = shuffleInPlace([...sizes.keys()].sort(), rand);
  const load = new Array<number>(k).fill(0);
  const foldOf = new Map<string, number>();
  for (const key of keys) {
    let best = 0;
    for (let f = 1; f < k; f++) if ((load[f] as number) < (load[best] as number)) best = f;
    foldOf.set(key, best);
    load[best] = (load[best] as number) + (sizes.get(key) as number);
  }
  return Int32Array.from(groups, (g) => foldOf.get(g) as number);
}

/** Number of distinct keys. */
export function countGroups(groups: readonly string[]): number {
  return new Set(groups).size;
}
