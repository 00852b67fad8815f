import { AccelganError } from '@accelgan/data';
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
export const sourceColor = {
  field: 'source',
  type: 'nominal',
  title: null,
  scale: { domain: SOURCE_DOMAIN.slice(0, 2), range: SOURCE_RANGE.slice(0, 2) },
} as const;

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

/** The part of sharp's API used here (declared locally so type-checking never needs sharp). */
interface SharpImage {
  png(options?: { compressionLevel?: number }): SharpImage;
  toBuffer(): Promise<Buffer>;
}
type SharpFactory = (input: Buffer, options?: { density?: number }) => SharpImage;

let sharpLoad: Promise<SharpFactory> | undefined;

/**
 * Loads the optional dependency sharp (libvips, with librsvg for SVG) on first use only,
 * so SVG-only reports never load it. Throws an AccelganError when it is missing or broken.
 */
export function loadSharp(): Promise<SharpFactory> {
  sharpLoad ??= import('sharp' as string).then(
    (m: { default?: SharpFactory }) => {
      if (typeof m.default !== 'function')
        throw new AccelganError('PNG output needs the optional dependency sharp, which did not load as expected');
      return m.default;
    },
    (error: unknown) => {
      sharpLoad = undefined;
      const e = error as NodeJS.ErrnoException;
      if (isMissingSharp(error))
        throw new AccelganError('PNG output needs the optional dependency sharp, which is not installed here');
      throw new AccelganError(
        `PNG output needs the optional dependency sharp, which failed to load: ${e.message ?? String(error)}`,
      );
    },
  );
  return sharpLoad;
}

/** Whether a failed import of sharp failed because sharp itself is not there (also when wrapped, as test runners do). */
function isMissingSharp(error: unknown): boolean {
  for (
    let e = error as NodeJS.ErrnoException | undefined, depth = 0;
    e && depth < 5;
    e = e.cause as NodeJS.ErrnoException | undefined, depth++
  ) {
    if (
      (e.code === 'ERR_MODULE_NOT_FOUND' || e.code === 'MODULE_NOT_FOUND') &&
      /'sharp'|"sharp"|\bsharp\b/.test(String(e.message))
    )
      return true;
  }
  return false;
}

/** Pixels per SVG pixel in PNG output. */
export const PNG_SCALE = 2;

/** Rasterises a figure's SVG to PNG at {@link PNG_SCALE}× (SVG px are CSS px at 72 dpi to librsvg). */
export async function svgToPng(svg: string, scale = PNG_SCALE): Promise<Buffer> {
  const sharp = await loadSharp();
  return sharp(Buffer.from(svg, 'utf8'), { density: 72 * scale })
    .png({ compressionLevel: 9 })
    .toBuffer();
}
