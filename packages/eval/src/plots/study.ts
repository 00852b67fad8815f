import type { TopLevelSpec } from 'vega-lite';
import type { StudySummary } from '../result-types.js';
import { round } from './render.js';

/**
 * Sensitivity against false alarms per hour, one point per detector and arm at the mean
 * over units, with ±1 sd bars on both axes; one panel per detector.
 */
export function sensitivityFalseAlarmsSpec(
  summary: StudySummary,
  labels: { readonly arm: (id: string) => string; readonly detector: (name: string) => string },
): TopLevelSpec {
  const values = summary.rows.flatMap((row) => {
    const s = row.metrics.sensitivity;
    const f = row.metrics.falseAlarmsPerHour;
    if (s.mean === null || f.mean === null) return [];
    const sd = (x: number | null) => x ?? 0;
    return [
      {
        detector: labels.detector(row.detector),
        arm: labels.arm(row.arm),
        sensitivity: round(s.mean),
        sensitivityLo: round(Math.max(0, s.mean - sd(s.sd))),
        sensitivityHi: round(Math.min(1, s.mean + sd(s.sd))),
        falseAlarms: round(f.mean),
        falseAlarmsLo: round(Math.max(0, f.mean - sd(f.sd))),
        falseAlarmsHi: round(f.mean + sd(f.sd)),
      },
    ];
  });
  const arms = [...new Set(values.map((v) => v.arm))];
  const detectors = [...new Set(values.map((v) => v.detector))];
  const legend = { labelLimit: 320, columns: 3, title: null };
  const color = { field: 'arm', type: 'nominal', sort: arms, legend };
  return {
    data: { values },
    facet: { column: { field: 'detector', type: 'nominal', title: null, sort: detectors } },
    spec: {
      width: 260,
      height: 240,
      layer: [
        {
          mark: { type: 'rule', strokeWidth: 1.2 },
          encoding: {
            x: { field: 'falseAlarmsLo', type: 'quantitative', title: 'false alarms per hour (mean ± sd)' },
            x2: { field: 'falseAlarmsHi' },
            y: { field: 'sensitivity', type: 'quantitative' },
            color,
          },
        },
        {
          mark: { type: 'rule', strokeWidth: 1.2 },
          encoding: {
            y: {
              field: 'sensitivityLo',
              type: 'quantitative',
              title: 'sensitivity (mean ± sd)',
              scale: { domain: [0, 1] },
            },
            y2: { field: 'sensitivityHi' },
            x: { field: 'falseAlarms', type: 'quantitative' },
            color,
          },
        },
        {
          mark: { type: 'point', filled: true, size: 60 },
          encoding: {
            x: { field: 'falseAlarms', type: 'quantitative' },
            y: { field: 'sensitivity', type: 'quantitative' },
            color,
            shape: { field: 'arm', type: 'nominal', sort: arms, legend },
            tooltip: [{ field: 'arm' }, { field: 'sensitivity' }, { field: 'falseAlarms', title: 'false alarms / h' }],
          },
        },
      ],
    },
    resolve: { scale: { x: 'independent' } },
  } as TopLevelSpec;
}
