import type { TopLevelSpec } from 'vega-lite';
import { eventCourseSpec } from './event-course.js';
import { eventSpectrogramsSpec, eventTracesSpec, pickEvents } from './event-traces.js';
import { histogramSpec } from './histograms.js';
import { giveawaySpec, ladderSpec } from './ladder.js';
import { renderSvg, type Figure } from './render.js';
import type { EventEvaluation } from '../result-types.js';
import { seizureDurations } from '../events/durations.js';
import type { ProgressFn } from '../types.js';

const REAL = 'real (held-out)';
const SYNTHETIC = 'synthetic';

/** The whole-event figures of the report, rendered to SVG. */
export async function buildEventFigures(
  evaluation: EventEvaluation,
  options: { seed: number; shown?: number; onProgress?: ProgressFn },
): Promise<Figure[]> {
  const { sets, alarms, metrics } = evaluation;
  const shown = options.shown ?? 3;
  const examples = [
    [REAL, pickEvents(sets.realHeldOut, shown, options.seed, 'real')],
    [SYNTHETIC, pickEvents(sets.synthetic, shown, options.seed, 'synthetic')],
  ] as const;
  const panel = (title: string, feature: 'band38' | 'dominantHz', alignment: 'onset' | 'seizure', yTitle: string) => {
    const c = metrics.courses[feature][alignment];
    return {
      title,
      xTitle: alignment === 'onset' ? 'seconds from seizure onset' : 'fraction of the seizure',
      yTitle,
      series: [
        [REAL, c.realHeldOut],
        [SYNTHETIC, c.synthetic],
      ] as const,
    };
  };
  const latency = (a: typeof alarms.realHeldOut) =>
    Float64Array.from(
      a.filter((x) => x.latency !== null),
      (x) => x.latency!,
    );
  const specs: { id: string; title: string; caption: string; spec: () => TopLevelSpec }[] = [
    {
      id: 'event-traces',
      title: 'Whole events',
      caption:
        'Held-out real events (left) and synthetic events (right) as recorded: vector magnitude in mg over the whole event, the labelled seizure shaded.',
      spec: () => eventTracesSpec(examples),
    },
    {
      id: 'event-spectrograms',
      title: 'Spectrograms of whole events',
      caption:
        'The same events: power spectral density over time (64-sample Hann segments, 2.56 s apart; dB of mg²/Hz). Dashed lines mark the labelled seizure.',
      spec: () => eventSpectrogramsSpec(examples),
    },
    {
      id: 'event-course',
      title: 'Course of the seizure',
      caption:
        'Per 5 s datapoint, pooled over events: median (line) and interquartile band of the 3–8 Hz power and of the dominant frequency (largest Welch bin in 1–12.5 Hz), by seconds from the seizure’s onset and by how far into the seizure.',
      spec: () =>
        eventCourseSpec([
          panel('3–8 Hz power around the onset', 'band38', 'onset', 'log10(1 + P 3–8 Hz)'),
          panel('3–8 Hz power through the seizure', 'band38', 'seizure', 'log10(1 + P 3–8 Hz)'),
          panel('dominant frequency around the onset', 'dominantHz', 'onset', 'Hz'),
          panel('dominant frequency through the seizure', 'dominantHz', 'seizure', 'Hz'),
        ]),
    },
    {
      id: 'event-durations',
      title: 'Seizure duration and OSD alarms',
      caption:
        'Distributions over events: labelled seizure duration; OpenSeizureDetector’s alarm latency after the seizure’s observed onset (alarmed events only); seconds in ALARM during the seizure.',
      spec: () =>
        histogramSpec(
          [
            { source: REAL, panel: 'seizure duration (s)', values: seizureDurations(sets.realHeldOut).annotated },
            { source: SYNTHETIC, panel: 'seizure duration (s)', values: seizureDurations(sets.synthetic).annotated },
            { source: REAL, panel: 'OSD alarm latency (s)', values: latency(alarms.realHeldOut) },
            { source: SYNTHETIC, panel: 'OSD alarm latency (s)', values: latency(alarms.synthetic) },
            {
              source: REAL,
              panel: 'seconds in ALARM during the seizure',
              values: alarms.realHeldOut.filter((a) => a.seizure).map((a) => a.alarmSeconds),
            },
            {
              source: SYNTHETIC,
              panel: 'seconds in ALARM during the seizure',
              values: alarms.synthetic.filter((a) => a.seizure).map((a) => a.alarmSeconds),
            },
          ],
          { title: 'seconds', bins: 15 },
        ),
    },
  ];
  const { ladder, giveaway } = metrics;
  if (ladder)
    specs.push({
      id: 'event-ladder',
      title: 'Calibration ladder on windows cut from the events',
      caption:
        'As the window report’s ladder, on the 30 s and 5 s windows cut from the events: known fakes of the real training events’ windows (the IAAFT rung in orange) and the synthetic events’ (red).',
      spec: () =>
        ladderSpec([
          ['30 s windows', ladder.window30s],
          ['5 s windows', ladder.window5s],
        ]),
    });
  if (giveaway)
    specs.push({
      id: 'event-giveaway',
      title: 'What gives the events away',
      caption:
        'The features that separate the synthetic events’ 30 s and 5 s windows from the held-out real events’ most: AUROC of each alone (red), beside real training against held-out (grey).',
      spec: () =>
        giveawaySpec([
          ['30 s windows', giveaway.window30s],
          ['5 s windows', giveaway.window5s],
        ]),
    });
  const figures: Figure[] = [];
  for (const [k, s] of specs.entries()) {
    options.onProgress?.('event plots', k / specs.length);
    figures.push({ id: s.id, title: s.title, caption: s.caption, svg: await renderSvg(s.spec()) });
  }
  return figures;
}
