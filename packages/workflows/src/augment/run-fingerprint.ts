import { readFile } from 'node:fs/promises';
import { AccelganError } from '@accelgan/data';
import { runPaths } from '@accelgan/train';

/**
 * The fingerprint of the rows a run was trained on, as its run.json records it
 * (`dataset.fingerprint`, DatasetMeta.fingerprint of its training data), refused with one
 * line where the run cannot vouch for what it learned from.
 */
export async function runFingerprint(runDir: string): Promise<string> {
  const path = runPaths(runDir).record;
  let record: { status?: unknown; dataset?: { fingerprint?: unknown } };
  try {
    record = JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
    throw new AccelganError(missing ? `no trained run at ${runDir} (no run.json)` : `${path} is not readable JSON`);
  }
  const fingerprint = record.dataset?.fingerprint;
  if (typeof fingerprint === 'string') return fingerprint;
  if (fingerprint === null)
    throw new AccelganError(
      `${runDir} has no fingerprint of its training rows (it was trained on windows, not recordings, or resumed on other data); train on the fold file instead (omit --run)`,
    );
  throw new AccelganError(
    `${runDir} was trained before runs recorded the fingerprint of their training rows, so it cannot show it never saw test rows; train on the fold file instead (omit --run)`,
  );
}

/** `sha256:` and the first 12 hex digits, for messages. */
export function shortFingerprint(fingerprint: string): string {
  return fingerprint.slice(0, 'sha256:'.length + 12);
}
