/**
 * A 31-bit seed for one variable, from the network's build seed and the variable's stable
 * name (FNV-1a). Depends on the name, not on creation order, so adding a layer does not
 * change the initial values of the others.
 */
export function variableSeed(buildSeed: number, name: string): number {
  let hash = 0x811c9dc5;
  for (const char of `${buildSeed}|${name}`) {
    hash ^= char.codePointAt(0) ?? 0;
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 1 || 1;
}
