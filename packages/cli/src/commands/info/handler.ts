import { basename } from 'node:path';
import { describeDataset, loadWindows, type Dataset, type ValueStats } from '@accelgan/data';
import type { InfoArgs } from './options.js';
import { describeLabelling } from '../../labelling.js';
import { printable } from '../../printable.js';

/** Prints what a dataset, or any file loadWindows reads, holds, on stdout. */
export async function runInfo(args: InfoArgs): Promise<void> {
  if (args.backend) process.stdout.write(await backendReport());
  if (!args.file) return;
  const dataset = await loadWindows([args.file]);
  process.stdout.write(formatInfo(args.file, dataset));
}

/** Which backends load here and which one `--backend auto` picks, with the reason faster ones were passed over. */
async function backendReport(): Promise<string> {
  const { availableBackends, initBackend } = await import('@accelgan/model');
  const available = await availableBackends();
  const chosen = await initBackend('auto');
  const lines = [
    `backend:   ${chosen.name} (what --backend auto uses here)`,
    `available: ${available.join(', ')}`,
    ...chosen.notes.map((note) => `skipped:   ${note}`),
    `tfjs-core: ${chosen.versions['tfjs-core']}`,
  ];
  if (chosen.name !== 'node') {
    lines.push(
      'hint:      install @tensorflow/tfjs-node where libtensorflow can be downloaded for native speed (see the README).',
    );
  }
  return `${lines.join('\n')}\n`;
}

export function formatInfo(file: string, dataset: Dataset): string {
  const d = describeDataset(dataset);
  const { meta } = dataset;
  const percent = (n: number): string => (d.windows ? `${((100 * n) / d.windows).toFixed(1)}%` : '0%');
  const tally = (counts: ReadonlyMap<string, number>): string =>
    [...counts.entries()].map(([value, n]) => `${value === '' ? '(blank)' : printable(value)} ${count(n)}`).join(', ');
  const formats = [...new Set(meta.sources.map((s) => s.format))].join(', ');
  const sources = meta.sources.map((s) => printable(basename(s.path))).join(', ');
  const { method, offset, scale } = d.normalisation;
  const lines = [
    `file:      ${printable(file)} (${formats || 'dataset'}${sources ? `; sources: ${sources}` : ''})`,
    `windows:   ${count(d.windows)} of ${d.windowSeconds} s (${d.samplesPerWindow} samples at ${meta.sampleRateHz} Hz) from ${events(d.events)}`,
    `class:     ictal ${count(d.ictal)} (${percent(d.ictal)}), non-ictal ${count(d.nonIctal)} (${percent(d.nonIctal)})`,
    `labels:    ${describeLabelling(meta.labelling ?? 'window')}`,
    `split:     train ${count(d.split.train.windows)} (${events(d.split.train.events)}), val ${count(d.split.val.windows)} (${events(d.split.val.events)})`,
    `type:      ${tally(d.byType)}`,
    `subtype:   ${tally(d.bySubType)}`,
    `user:      ${tally(d.byUser)}`,
    `milli-g:   ${stats(d.values.milliG, 1)}`,
    `stored:    ${stats(d.values.normalised, method === 'none' ? 1 : 3)} (${method === 'none' ? 'milli-g, not normalised' : `${method}: (milli-g - ${round(offset, 3)}) / ${round(scale, 3)}`})`,
  ];
  const skipped = Object.entries(meta.skipped);
  if (skipped.length)
    lines.push(`skipped:   ${skipped.map(([reason, n]) => `${count(n)} × ${printable(reason)}`).join('; ')}`);
  return `${lines.join('\n')}\n`;
}

function stats(s: ValueStats, digits: number): string {
  return `min ${round(s.min, digits)}, max ${round(s.max, digits)}, mean ${round(s.mean, digits)}, std ${round(s.std, digits)}`;
}

function round(value: number, digits: number): string {
  return value.toFixed(digits);
}

function count(n: number): string {
  return n.toLocaleString('en-US');
}

function events(n: number): string {
  return `${count(n)} event${n === 1 ? '' : 's'}`;
}
