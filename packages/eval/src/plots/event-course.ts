import type { TopLevelSpec } from 'vega-lite';
import { round, sourceColor } from './render.js';
import type { CourseBin } from '../result-types.js';

export interface CoursePanel {
  readonly title: string;
  readonly xTitle: string;
  readonly yTitle: string;
  readonly series: readonly (readonly [string, readonly CourseBin[]])[];
}

/** Median (line) and interquartile band (area) of a per-datapoint quantity over the course of the events, per source; one panel per quantity and alignment. */
export function eventCourseSpec(panels: readonly CoursePanel[]): TopLevelSpec {
  return {
    concat: panels.map((panel) => {
      const values = panel.series.flatMap(([source, bins]) =>
        bins
          .filter((b) => b.n > 0)
          .map((b) => ({
            source,
            x: round(b.x, 3),
            median: round(b.median, 4),
            q25: round(b.q25, 4),
            q75: round(b.q75, 4),
            n: b.n,
          })),
      );
      const x = { field: 'x', type: 'quantitative', title: panel.xTitle } as const;
      return {
        title: panel.title,
        data: { values },
        width: 240,
        height: 150,
        layer: [
          {
            mark: { type: 'area', opacity: 0.2 },
            encoding: {
              x,
              y: { field: 'q25', type: 'quantitative', title: panel.yTitle, scale: { zero: false } },
              y2: { field: 'q75' },
              color: sourceColor,
            },
          },
          {
            mark: { type: 'line', point: true, strokeWidth: 1.5 },
            encoding: { x, y: { field: 'median', type: 'quantitative' }, color: sourceColor },
          },
        ],
      };
    }),
    columns: 2,
  } as TopLevelSpec;
}
