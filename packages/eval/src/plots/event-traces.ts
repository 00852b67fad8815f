import type { TopLevelSpec } from 'vega-lite';
import { round, SOURCE_DOMAIN, SOURCE_RANGE } from './render.js';
import { welchInto, welchPlan } from '../dsp/welch.js';
import { DATAPOINT_SAMPLES, DATAPOINT_SECONDS, observedSeizure } from '../events/event-series.js';
import type { EventSeries } from '../result-types.js';
import { makeRng, sampleIndices, subSeed } from '../util/rng.js';

/** The events a figure shows: up to `n` per source, seeded, those with a seizure inside the recording first. */
export function pickEvents(events: readonly EventSeries[], n: number, seed: number, label: string): EventSeries[] {
  const withSeizure = events.filter((e) => observedSeizure(e));
  const pool = withSeizure.length >= n ? withSeizure : events;
  return sampleIndices(pool.length, n, makeRng(subSeed(seed, `events/${label}`)))
    .sort((a, b) => a - b)
    .map((k) => pool[k]!);
}

function panelTitle(source: string, i: number, e: EventSeries): string {
  const seizure = e.seizure ? `seizure ${e.seizure[0]}–${e.seizure[1]} s` : 'no seizure';
  return `${source} ${i + 1}: ${e.subType || e.type || 'event'}, ${e.datapoints * DATAPOINT_SECONDS} s, ${seizure}`;
}

/** Interleaves real and synthetic events so that each row shows one of each side by side. */
function rows(sources: readonly (readonly [string, readonly EventSeries[]])[]): [string, number, EventSeries][] {
  const out: [string, number, EventSeries][] = [];
  const most = Math.max(...sources.map(([, events]) => events.length));
  for (let i = 0; i < most; i++) {
    for (const [source, events] of sources) {
      const event = events[i];
      if (event) out.push([source, i, event]);
    }
  }
  return out;
}

const colour = {
  field: 'source',
  type: 'nominal',
  title: null,
  scale: { domain: SOURCE_DOMAIN.slice(0, 2), range: SOURCE_RANGE.slice(0, 2) },
} as const;

/** Whole events as time series (milli-g), the labelled seizure shaded; real (held-out) beside synthetic. */
export function eventTracesSpec(sources: readonly (readonly [string, readonly EventSeries[]])[]): TopLevelSpec {
  const values: Record<string, string | number>[] = [];
  for (const [source, i, e] of rows(sources)) {
    const panel = panelTitle(source, i, e);
    const seen = observedSeizure(e);
    if (seen) values.push({ kind: 'seizure', panel, source, t: seen[0], t2: seen[1] });
    for (let t = 0; t < e.values.length; t++)
      values.push({ kind: 'trace', panel, source, t: round(t / 25, 2), v: round(e.values[t]!, 0) });
  }
  return eventPanels(
    values,
    [
      {
        transform: [{ filter: "datum.kind === 'seizure'" }],
        mark: { type: 'rect', color: '#f4c7c3', opacity: 0.7 },
        encoding: { x: { field: 't', type: 'quantitative' }, x2: { field: 't2' } },
      },
      {
        transform: [{ filter: "datum.kind === 'trace'" }],
        mark: { type: 'line', strokeWidth: 0.6, aria: false },
        encoding: {
          x: { field: 't', type: 'quantitative', title: 'time (s)' },
          y: { field: 'v', type: 'quantitative', title: 'mg', scale: { zero: false } },
          color: colour,
        },
      },
    ],
    { x: 'independent', y: 'independent' },
  );
}

/**
 * Spectrograms of the same events, one column per 5 s datapoint: its Welch PSD (three
 * 64-sample Hann segments, 0.39 Hz bins; the PSD the per-datapoint features use), in dB
 * of mg²/Hz up to 12.5 Hz, the labelled seizure marked by two dashed lines. Datapoint
 * columns keep the figure small enough to inline, at OSD's own time resolution.
 */
export function eventSpectrogramsSpec(sources: readonly (readonly [string, readonly EventSeries[]])[]): TopLevelSpec {
  const values: Record<string, string | number>[] = [];
  const plan = welchPlan(DATAPOINT_SAMPLES);
  const psd = new Float64Array(plan.freqs.length);
  const df = plan.binHz;
  for (const [source, i, e] of rows(sources)) {
    const panel = panelTitle(source, i, e);
    for (let k = 0; k < e.datapoints; k++) {
      welchInto(plan, e.values, k * DATAPOINT_SAMPLES, psd);
      for (let b = 1; b < plan.freqs.length; b++) {
        values.push({
          kind: 'cell',
          panel,
          t: k * DATAPOINT_SECONDS,
          t2: (k + 1) * DATAPOINT_SECONDS,
          f: round(plan.freqs[b]! - df / 2, 2),
          f2: round(plan.freqs[b]! + df / 2, 2),
          db: round(10 * Math.log10(Math.max(psd[b]!, 1e-3)), 1),
        });
      }
    }
    const seen = observedSeizure(e);
    if (seen) for (const edge of seen) values.push({ kind: 'edge', panel, t: edge });
  }
  return eventPanels(
    values,
    [
      {
        transform: [{ filter: "datum.kind === 'cell'" }],
        // Thousands of cells: no per-mark aria labels, which would triple the SVG.
        mark: { type: 'rect', aria: false },
        encoding: {
          x: { field: 't', type: 'quantitative', title: 'time (s)' },
          x2: { field: 't2' },
          y: { field: 'f', type: 'quantitative', title: 'Hz', scale: { domain: [0, 12.5] } },
          y2: { field: 'f2' },
          color: { field: 'db', type: 'quantitative', title: 'dB', scale: { scheme: 'viridis' } },
        },
      },
      {
        transform: [{ filter: "datum.kind === 'edge'" }],
        mark: { type: 'rule', color: '#ff4136', strokeDash: [4, 3], strokeWidth: 1.5 },
        encoding: { x: { field: 't', type: 'quantitative' } },
      },
    ],
    { x: 'independent' },
  );
}

/** One panel per event (field `panel`), two columns, each panel the given layers; scales independent as asked. */
function eventPanels(
  values: readonly Record<string, unknown>[],
  layer: readonly unknown[],
  independent: Record<string, 'independent'>,
): TopLevelSpec {
  return {
    data: { values },
    facet: { field: 'panel', type: 'nominal', title: null, sort: null },
    columns: 2,
    spec: { width: 360, height: 110, layer },
    resolve: { scale: independent },
  } as unknown as TopLevelSpec;
}
