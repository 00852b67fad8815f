import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test, vi } from 'vitest';
import { evaluate } from './evaluate.js';
import { sineWindows, noiseWindows } from './test-helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'accelgan-eval-png-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** The SVG root's width and height attributes (Vega writes them in px). */
function svgSize(svg: string): { width: number; height: number } {
  const root = /<svg\b[^>]*>/.exec(svg)?.[0] ?? '';
  const width = Number(/\swidth="([\d.]+)"/.exec(root)?.[1]);
  const height = Number(/\sheight="([\d.]+)"/.exec(root)?.[1]);
  return { width, height };
}

describe('evaluate with png', () => {
  test('writes plots/<id>.png beside every plots/<id>.svg, a real PNG of the same aspect at 2×', async () => {
    // Small hand-made arrays: real = sinusoids, synthetic = noise, no labels or events.
    const real = sineWindows(60, 4, { seed: 1 });
    const synthetic = noiseWindows(60, { seed: 2 });
    const outDir = join(dir, 'report');
    const r = await evaluate({
      real,
      synthetic,
      outDir,
      seed: 1,
      png: true,
      critics: ['features'],
      folds: 2,
      seeds: 1,
    });
    expect(r.figures.length).toBeGreaterThan(3);
    const files = readdirSync(join(outDir, 'plots')).sort();
    expect(files).toEqual(r.figures.flatMap((id) => [`${id}.png`, `${id}.svg`]).sort());
    for (const id of r.figures) {
      const png = readFileSync(join(outDir, 'plots', `${id}.png`));
      expect([...png.subarray(0, 8)], id).toEqual(PNG_SIGNATURE);
      expect(png.toString('latin1', 12, 16), id).toBe('IHDR');
      const width = png.readUInt32BE(16);
      const height = png.readUInt32BE(20);
      expect(width, id).toBeGreaterThan(0);
      expect(height, id).toBeGreaterThan(0);
      const svg = svgSize(readFileSync(join(outDir, 'plots', `${id}.svg`), 'utf8'));
      expect(svg.width, id).toBeGreaterThan(0);
      expect(width / height, id).toBeCloseTo(svg.width / svg.height, 1);
      expect(width / svg.width, id).toBeCloseTo(2, 1);
    }
  });

  test('without png no PNG is written', async () => {
    const outDir = join(dir, 'svg-only');
    const r = await evaluate({
      real: sineWindows(40, 4, { seed: 3 }),
      synthetic: noiseWindows(40, { seed: 4 }),
      outDir,
      critics: ['features'],
      folds: 2,
      seeds: 1,
    });
    expect(readdirSync(join(outDir, 'plots')).filter((f) => f.endsWith('.png'))).toEqual([]);
    expect(r.figures.length).toBeGreaterThan(0);
  });

  test('a missing sharp is a clear AccelganError, raised before any work', async () => {
    vi.resetModules();
    vi.doMock('sharp', () => {
      throw Object.assign(new Error("Cannot find package 'sharp'"), { code: 'ERR_MODULE_NOT_FOUND' });
    });
    try {
      const { evaluate: fresh } = await import('./evaluate.js');
      const outDir = join(dir, 'no-sharp');
      const stages: string[] = [];
      await expect(
        fresh({
          real: sineWindows(20, 4),
          synthetic: noiseWindows(20),
          outDir,
          png: true,
          onProgress: (s) => stages.push(s),
        }),
      ).rejects.toMatchObject({
        name: 'AccelganError',
        message: 'PNG output needs the optional dependency sharp, which is not installed here',
      });
      expect(stages).toEqual([]);
    } finally {
      vi.doUnmock('sharp');
      vi.resetModules();
    }
  });
});
