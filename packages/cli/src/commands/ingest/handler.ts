import { basename } from 'node:path';
import { AccelganError, assertWritable, ingest, sidecarPath, writeDataset, type IngestSummary } from '@accelgan/data';
import type { IngestArgs } from './options.js';
import { StatusLine } from '../../progress.js';
import { describeLabelling } from '../../labelling.js';
import { printable } from '../../printable.js';

/** Ingests the inputs and writes the dataset; prints a short summary on stderr. */
export async function runIngest(args: IngestArgs): Promise<void> {
  if (!args.out.toLowerCase().endsWith('.arrow'))
    throw new AccelganError(`--out must name an .arrow file; got ${args.out}`);
  // Refuse before reading what may be hundreds of MB, not after.
  await assertWritable(args.out, { force: args.force });
  await assertWritable(sidecarPath(args.out), { force: args.force });
  const status = new StatusLine();
  const { dataset, summary } = await ingest(args.inputs, {
    ...(args['window-seconds'] === undefined ? {} : { windowSeconds: args['window-seconds'] }),
    ...(args['stride-seconds'] === undefined ? {} : { strideSeconds: args['stride-seconds'] }),
    types: list(args.types),
    subTypes: list(args.subtypes),
    users: list(args.users),
    valFraction: args['val-fraction'],
    seed: args.seed,
    scale: args.scale,
    onProgress: ({ path, read, windows }) =>
      status.update(`reading ${printable(basename(path))}: ${count(read)} read, ${count(windows)} windows`),
  }).finally(() => status.done());
  await writeDataset(args.out, dataset, { force: args.force });
  const { normalisation, windowSeconds } = dataset.meta;
  process.stderr.write(formatSummary(summary, windowSeconds, normalisation.method));
  process.stderr.write(`wrote ${printable(args.out)} and ${printable(sidecarPath(args.out))}\n`);
}

function formatSummary(summary: IngestSummary, windowSeconds: number, scale: string): string {
  const sources = summary.sources
    .map((s) => `${printable(basename(s.path))} (${s.format}, ${events(s.events)})`)
    .join(', ');
  const percent = (n: number): string => (summary.windows ? `${((100 * n) / summary.windows).toFixed(1)}%` : '0%');
  const skipped = Object.entries(summary.skipped);
  return [
    `read:     ${sources}`,
    `windows:  ${count(summary.windows)} of ${windowSeconds} s from ${events(summary.events)}`,
    `class:    ictal ${count(summary.ictal)} (${percent(summary.ictal)}), non-ictal ${count(summary.nonIctal)} (${percent(summary.nonIctal)})`,
    `labels:   ${describeLabelling(summary.labelling)}`,
    `split:    train ${count(summary.train)} windows (${events(summary.trainEvents)}), val ${count(summary.val)} (${events(summary.valEvents)})`,
    `scale:    ${scale}, fitted on train`,
    skipped.length
      ? `skipped:  ${skipped.map(([reason, n]) => `${count(n)} × ${printable(reason)}`).join('; ')}`
      : 'skipped:  nothing',
    '',
  ].join('\n');
}

/** Flags given as `--types A B` or `--types A,B`. */
function list(values: readonly (string | number)[] | undefined): string[] {
  return (values ?? [])
    .flatMap((v) => String(v).split(','))
    .map((v) => v.trim())
    .filter((v) => v !== '');
}

function count(n: number): string {
  return n.toLocaleString('en-US');
}

function events(n: number): string {
  return `${count(n)} event${n === 1 ? '' : 's'}`;
}
