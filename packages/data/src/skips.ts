/**
 * Tallies what ingest dropped and why. Reasons start with what was dropped
 * ("datapoint: rawData length 124", "event: no datapoints") so one table can
 * hold both without mixing up their units.
 */
export class SkipCounter {
  private readonly counts = new Map<string, number>();

  add(reason: string, count = 1): void {
    if (count > 0) this.counts.set(reason, (this.counts.get(reason) ?? 0) + count);
  }

  addAll(other: Readonly<Record<string, number>>): void {
    for (const [reason, count] of Object.entries(other)) this.add(reason, count);
  }

  get total(): number {
    let total = 0;
    for (const count of this.counts.values()) total += count;
    return total;
  }

  /** Reasons sorted by name, for stable output. */
  toRecord(): Record<string, number> {
    return Object.fromEntries([...this.counts.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  }
}
