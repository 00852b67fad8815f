import { parse, View } from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';

/** One rendered figure: an id (also its file name), a title, a caption and the SVG text. */
export interface Figure {
  readonly id: string;
  readonly title: string;
  readonly caption: string;
  readonly svg: string;
}

/** Colours and labels of the sets in every plot. */
export const SOURCE_DOMAIN = ['real (held-out)', 'synthetic', 'real (training)'];
export const SOURCE_RANGE = ['#1f77b4', '#d62728', '#7f7f7f'];
/** Colour encoding of the held-out real and synthetic sets (the two most plots show). */
export const sourceColor = { field: 'source', type: 'nominal', title: null, scale: { domain: SOURCE_DOMAIN.slice(0, 2), range: SOURCE_RANGE.slice(0, 2) } } as const;

const CONFIG = {
  font: 'Helvetica, Arial, sans-serif',
  axis: { labelFontSize: 10, titleFontSize: 11, grid: true, gridColor: '#eee' },
  legend: { labelFontSize: 11, orient: 'top' },
  header: { labelFontSize: 11, titleFontSize: 11 },
  title: { fontSize: 13 },
  view: { stroke: '#ddd' },
} as const;

/**
 * Compiles a Vega-Lite spec and renders it to SVG in Node with Vega's headless View
 * (renderer 'none', no browser, no canvas). Text is measured by Vega's estimate.
 */
export async function renderSvg(spec: TopLevelSpec): Promise<string> {
  const vegaSpec = compile({ ...spec, config: { ...CONFIG, ...(spec.config ?? {}) } } as TopLevelSpec).spec;
  const view = new View(parse(vegaSpec), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

/** Rounds for compact plot data (SVG size grows with the digits of every data point). */
export function round(x: number, digits = 3): number {
  if (!Number.isFinite(x)) return x;
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}
