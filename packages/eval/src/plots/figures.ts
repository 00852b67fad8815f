import type { TopLevelSpec } from 'vega-lite';
import { autocorrSpec } from './autocorr.js';
import { embeddingSpec } from './embedding.js';
import { histogramSpec, type HistogramSeries } from './histograms.js';
import { giveawaySpec, ladderSpec } from './ladder.js';
import { lossesSpec, type LossTable } from './losses.js';
import { nnPairsSpec } from './nn-pairs.js';
import { psdSpec } from './psd.js';
import { renderSvg, type Figure } from './render.js';
import { spectrogramSpec } from './spectrogram.js';
import { windowsGridSpec } from './windows-grid.js';
import type { Evaluation, SetProfile } from '../result-types.js';
import { osdOf, samples } from '../metrics/compare.js';
import { classIndices, sharedClasses } from '../windows.js';
import { makeRng, sampleIndices, subSeed } from '../util/rng.js';
import type { ClassName, ProgressFn } from '../types.js';

const CLASS_LABEL: Record<ClassName, string> = { all: 'all windows', ictal: 'ictal', nonIctal: 'non-ictal' };

/** Every figure of the report, rendered to SVG. */
export async function buildFigures(
  evaluation: Evaluation,
  options: { seed: number; losses?: LossTable | undefined; onProgress?: ProgressFn },
): Promise<Figure[]> {
  const { sets, profiles } = evaluation;
  const classes = sharedClasses(sets.realHeldOut, sets.synthetic);
  const sources: [string, SetProfile][] = [
    ['real (held-out)', profiles.realHeldOut],
    ['synthetic', profiles.synthetic],
  ];
  const specs: { id: string; title: string; caption: string; spec: () => TopLevelSpec }[] = [
    {
      id: 'windows',
      title: 'Example windows',
      caption: 'Randomly chosen held-out real windows (blue) and synthetic windows (red), per class.',
      spec: () => windowsGridSpec(sets.realHeldOut, sets.synthetic, { seed: options.seed, classes }),
    },
    {
      id: 'psd',
      title: 'Power spectrum',
      caption:
        'Mean Welch PSD (64-sample Hann segments, ≥50% overlap) with the 25–75th percentile band across windows; the seizure band 3–8 Hz is shaded.',
      spec: () => psdSpec(sources, classes),
    },
    {
      id: 'hist-values',
      title: 'Sample values',
      caption: 'Distribution of all sample values (mg); up to 200 windows per source and class.',
      spec: () =>
        histogramSpec(
          series(sources, classes, (p, idx) =>
            samples(
              p,
              sampleIndices(idx.length, 200, makeRng(subSeed(options.seed, 'hist'))).map((k) => idx[k] as number),
            ),
          ),
          { title: 'acceleration (mg)' },
        ),
    },
    {
      id: 'hist-std',
      title: 'Window standard deviation',
      caption: 'Distribution of each window’s standard deviation (mg, log axis).',
      spec: () =>
        histogramSpec(
          series(sources, classes, (p, idx) => Float64Array.from(idx, (i) => p.std[i] as number)),
          { title: 'log10 window std (mg)', logX: true },
        ),
    },
    {
      id: 'hist-osd',
      title: 'OpenSeizureDetector ratio',
      caption:
        'Distribution of the OSD algorithm’s roi/spec ratio per 5 s datapoint (0–100; it alarms above 57 when the ROI power is high enough).',
      spec: () =>
        histogramSpec(
          series(sources, classes, (p, idx) => osdOf(p, idx).ratio),
          { title: 'OSD ratio 10·roi/spec' },
        ),
    },
    {
      id: 'autocorr',
      title: 'Autocorrelation',
      caption: 'Mean autocorrelation at lags 1–25 samples (0.04–1 s) with the 25–75th percentile band.',
      spec: () => autocorrSpec(sources, classes),
    },
    {
      id: 'embedding',
      title: '2-D embeddings',
      caption:
        'PCA and UMAP of the standardised hand-made feature vectors; up to 400 windows per source. Overlapping clouds mean similar feature distributions.',
      spec: () =>
        embeddingSpec(
          [
            { source: 'real (held-out)', features: profiles.realHeldOut.features, ictal: sets.realHeldOut.ictal },
            { source: 'synthetic', features: profiles.synthetic.features, ictal: sets.synthetic.ictal },
          ],
          { seed: options.seed },
        ),
    },
    {
      id: 'nn-pairs',
      title: 'Nearest training windows',
      caption:
        'The six synthetic windows closest to any real training window, overlaid on that training window, with their RMS distance.',
      spec: () => nnPairsSpec(sets.synthetic, sets.realTrain, evaluation.memorisation),
    },
  ];
  const { ladder, giveaway } = evaluation.metrics;
  if (ladder)
    specs.push({
      id: 'ladder',
      title: 'Calibration ladder',
      caption:
        'Tree-critic scores (95% intervals) of known fakes made from the real training windows against the held-out real windows, the IAAFT rung (the first bar) in orange, and this generator’s scores in red.',
      spec: () => ladderSpec([['windows', ladder]]),
    });
  if (giveaway)
    specs.push({
      id: 'giveaway',
      title: 'What gives it away',
      caption:
        'The features that separate synthetic from held-out real windows most: AUROC of each alone (red), beside the same between real training and held-out windows (grey); 0.5 = no help.',
      spec: () => giveawaySpec([['windows', giveaway]]),
    });
  if (sets.synthetic.samplesPerWindow > 125) {
    specs.push({
      id: 'spectrogram',
      title: 'Spectrogram',
      caption: 'Mean spectrogram of the long windows (64-sample Hann segments every 16 samples), in dB.',
      spec: () =>
        spectrogramSpec(
          [
            ['real (held-out)', sets.realHeldOut],
            ['synthetic', sets.synthetic],
          ],
          classes.length > 1 ? classes.filter((c) => c !== 'all') : classes,
        ),
    });
  }
  if (options.losses) {
    const table = options.losses;
    specs.push({
      id: 'losses',
      title: 'Training losses',
      caption: `Columns of the run’s metrics.csv over training steps: ${table.columns.join(', ')}.`,
      spec: () => lossesSpec(table),
    });
  }
  const figures: Figure[] = [];
  for (const [k, s] of specs.entries()) {
    options.onProgress?.('plots', k / specs.length);
    figures.push({ id: s.id, title: s.title, caption: s.caption, svg: await renderSvg(s.spec()) });
  }
  return figures;
}

function series(
  sources: readonly (readonly [string, SetProfile])[],
  classes: readonly ClassName[],
  pick: (p: SetProfile, idx: number[]) => ArrayLike<number>,
): HistogramSeries[] {
  const out: HistogramSeries[] = [];
  for (const cls of classes) {
    for (const [source, p] of sources) {
      const idx = classIndices(p.set, cls);
      if (idx.length) out.push({ source, panel: CLASS_LABEL[cls], values: pick(p, idx) });
    }
  }
  return out;
}
