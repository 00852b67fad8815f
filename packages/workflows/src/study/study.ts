import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { AccelganError } from '@accelgan/data';
import { collectStudy, type CollectResult } from './collect.js';
import type { StudyOptions } from './options.js';
import { makePlanFromInputs, planStudy, readPlan, STUDY_FILES } from './plan.js';
import { runStudyUnits, type PoolOptions, type PoolResult } from './pool.js';

export interface RunStudyResult {
  readonly planned: boolean;
  readonly pool: PoolResult;
  /** Null where a unit failed (the pool result says which). */
  readonly collected: CollectResult | null;
}

/**
 * `accelgan study INPUT… --out DIR`: plans the study (or continues the one DIR holds, if
 * it was planned from the same inputs with the same options), runs every unit that is
 * not done, then collects.
 */
export async function runStudy(
  inputs: readonly string[],
  dir: string,
  options: StudyOptions,
  pool: PoolOptions & { readonly onPlanned?: (planned: boolean) => void },
): Promise<RunStudyResult> {
  const exists = await stat(join(dir, STUDY_FILES.plan)).then(
    () => true,
    () => false,
  );
  let planned = false;
  if (exists) {
    const plan = await readPlan(dir);
    const wanted = await makePlanFromInputs(inputs, options);
    if (wanted.id !== plan.id)
      throw new AccelganError(
        `${dir} holds a study planned from other inputs or options; continue it with accelgan study run ${dir}, or choose another --out`,
      );
  } else {
    await planStudy(inputs, dir, options);
    planned = true;
  }
  pool.onPlanned?.(planned);
  const result = await runStudyUnits(dir, pool);
  const collected = result.failed.length || result.blocked.length ? null : await collectStudy(dir);
  return { planned, pool: result, collected };
}
