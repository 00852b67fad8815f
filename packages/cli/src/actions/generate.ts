import { checkExportPath, exportGenerated, generateWindows, loadGenerator } from '@accelgan/train';
import type { GenerateArgs } from '../commands/generate.js';
import { StatusLine, bar } from '../progress.js';

export async function runGenerate(args: GenerateArgs): Promise<void> {
  await checkExportPath(args.out, args.force);
  const trained = await loadGenerator(args.run, args.backend);
  try {
    const status = new StatusLine();
    const t0 = performance.now();
    const windows = await generateWindows(trained, {
      n: args.n,
      label: args.label,
      seed: args.seed,
      threads: args.threads,
      onProgress: (done, total) => status.update(`${bar(done / total)} ${done}/${total} windows`),
    });
    status.done();
    const seconds = (performance.now() - t0) / 1000;
    const written = await exportGenerated(args.out, windows, trained, { seed: args.seed, force: args.force });
    const counts = windows.classNames.map((name, c) => `${name} ${windows.labels.filter((l) => l === c).length}`).join(', ');
    process.stderr.write(
      `generated ${args.n} windows (${counts}) in ${seconds.toFixed(1)} s on ${trained.backend.name}` +
        `${trained.averaged ? ' from the moving-average generator' : ''}\nwrote ${written}\n`,
    );
  } finally {
    trained.dispose();
  }
}
