import { AccelganError, recordingGroups, type WindowTable } from '@accelgan/data';
import { randomFor } from './seeds.js';

/** What fold assignment reads of the windows. */
export type FoldWindows = Pick<WindowTable, 'eventId' | 'userId' | 'startTime' | 'samplesPerWindow' | 'ictal'>;

/**
 * Assigns every event to one of `folds` folds, by recording: events of one user whose
 * recordings overlap in time (recordingGroups) always share a fold, since they share
 * datapoints. Recording groups are dealt out per user, so that each fold holds
 * recordings of every user who has at least as many groups as there are folds: users in
 * id order; within a user, the groups with a seizure (an ictal window) and then those
 * without, each in a seeded shuffle; dealt round-robin, the next group going to the
 * fold after the one the previous group went to, across users, so that fold sizes (in
 * groups) differ by at most one. Returns event id → fold (0 to folds − 1).
 */
export function assignFolds(windows: FoldWindows, folds: number, seed: number): Map<string, number> {
  const groups = recordingGroups(windows);
  const seizure = new Set<string>();
  const user = new Map<string, string>();
  windows.eventId.forEach((id, i) => {
    const group = groups.get(id)!;
    user.set(group, windows.userId[i]!);
    if (windows.ictal[i]) seizure.add(group);
  });
  const names = [...new Set(groups.values())].sort();
  if (!Number.isInteger(folds) || folds < 2)
    throw new AccelganError(`folds must be a whole number of at least 2; got ${folds}`);
  if (names.length < folds)
    throw new AccelganError(
      `${folds} folds need at least ${folds} recordings; the data holds ${names.length} (events whose recordings overlap count as one)`,
    );
  const random = randomFor(seed, 'folds');
  const foldOfGroup = new Map<string, number>();
  let next = 0;
  for (const u of [...new Set(user.values())].sort()) {
    for (const withSeizure of [true, false]) {
      const own = names.filter((g) => user.get(g) === u && seizure.has(g) === withSeizure);
      for (let i = own.length - 1; i > 0; i--) {
        const j = Math.floor(random() * (i + 1));
        [own[i], own[j]] = [own[j]!, own[i]!];
      }
      for (const g of own) {
        foldOfGroup.set(g, next);
        next = (next + 1) % folds;
      }
    }
  }
  return new Map(
    [...groups].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([id, g]) => [id, foldOfGroup.get(g)!]),
  );
}
