import { dirname, resolve } from 'node:path';

/**
 * Removes what killed runs left in the places a command writes or reads runs from: the
 * temporaries of accelgan's naming whose process is gone (sweepStaleTemporaries), in the
 * folder of `--out` and of a run argument, and inside them two levels down (a run's
 * report/ and its plots/). Runs before the command's work, for every command that names one.
 */
export async function sweepStaleTemporaries(args: { readonly out?: unknown; readonly run?: unknown }): Promise<void> {
  const paths = [args.out, args.run].filter((path): path is string => typeof path === 'string' && path !== '');
  if (paths.length === 0) return;
  const data = await import('@accelgan/data');
  for (const path of paths) {
    await data.sweepStaleTemporaries(dirname(resolve(path)));
    await data.sweepStaleTemporaries(resolve(path), 2);
  }
}
