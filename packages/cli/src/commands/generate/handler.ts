import {
  checkEventRun,
  checkExportPath,
  checkLayoutRequest,
  exportEvents,
  exportGeneratedChunks,
  generateEvents,
  generateWindowChunks,
  loadGenerator,
  type GeneratedChunk,
  type TrainedGenerator,
} from '@accelgan/train';
import type { GenerateArgs } from './options.js';
import { StatusLine, bar } from '../../progress.js';

export async function runGenerate(args: GenerateArgs): Promise<void> {
  await checkExportPath(args.out, args.force);
  const request = args.events === undefined ? undefined : eventRequest(args, args.events);
  if (request) checkLayoutRequest(request);
  const trained = await loadGenerator(args.run, args.backend);
  try {
    if (request) await writeEvents(trained, args, request);
    else await writeWindows(trained, args, args.n!);
  } finally {
    trained.dispose();
  }
}

function eventRequest(args: GenerateArgs, events: number) {
  return {
    events,
    seconds: args.duration,
    seizureSeconds: args['seizure-duration'],
    onset: args.onset,
    subType: args.subtype,
    seed: args.seed,
  };
}

/** Windows are generated and written chunk by chunk: memory stays flat however many are asked for. */
async function writeWindows(trained: TrainedGenerator, args: GenerateArgs, n: number): Promise<void> {
  await checkExportPath(args.out, args.force, n * trained.header.samplesPerWindow);
  const status = new StatusLine();
  const t0 = performance.now();
  const { classNames } = trained.header;
  const perClass = new Array<number>(classNames.length).fill(0);
  const chunks = generateWindowChunks(trained, {
    n,
    label: args.label,
    seed: args.seed,
    threads: args.threads,
    onProgress: (done, total) => status.update(`${bar(done / total)} ${count(done)}/${count(total)} windows`),
  });
  async function* counted(): AsyncGenerator<GeneratedChunk> {
    for await (const chunk of chunks) {
      for (const label of chunk.labels) perClass[label]!++;
      yield chunk;
    }
  }
  const written = await exportGeneratedChunks(args.out, counted(), trained, {
    seed: args.seed,
    force: args.force,
    request: `n ${n}${args.label == null ? '' : `, label ${args.label}`}`,
  }).finally(() => status.done());
  const seconds = (performance.now() - t0) / 1000;
  const counts = classNames.map((name, c) => `${name} ${count(perClass[c]!)}`).join(', ');
  process.stderr.write(
    `generated ${count(n)} windows (${counts}) and wrote them in ${seconds.toFixed(1)} s on ${trained.backend.name}` +
      `${trained.averaged ? ' from the moving-average generator' : ''}\nwrote ${written}\n`,
  );
}

async function writeEvents(
  trained: TrainedGenerator,
  args: GenerateArgs,
  request: ReturnType<typeof eventRequest>,
): Promise<void> {
  checkEventRun(trained);
  const status = new StatusLine();
  const t0 = performance.now();
  const generated = await generateEvents(trained, {
    ...request,
    rho: args.rho,
    seam: args.seam,
    seamTaper: args['seam-taper'],
    threads: args.threads,
    onProgress: (done, total) => status.update(`${bar(done / total)} ${done}/${total} datapoints`),
  });
  status.done();
  const seconds = (performance.now() - t0) / 1000;
  const written = await exportEvents(args.out, generated, trained, { seed: args.seed, force: args.force });
  const lengths = generated.plans.map((p) => p.datapoints * 5);
  const seizures = generated.plans.filter((p) => p.seizure).length;
  const { rho, seam } = generated.settings;
  process.stderr.write(
    `generated ${generated.events.length} events of ${Math.min(...lengths)}–${Math.max(...lengths)} s (${generated.phases.length} datapoints, ${seizures} with a seizure)` +
      ` in ${seconds.toFixed(1)} s on ${trained.backend.name}; latent correlation ${rho}, seams ${seam}\nwrote ${written}\n`,
  );
}

function count(n: number): string {
  return n.toLocaleString('en-US');
}
