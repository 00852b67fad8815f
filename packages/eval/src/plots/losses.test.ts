import { describe, expect, test } from 'vitest';
import { parseLossCsv, lossesSpec } from './losses.js';
import { renderSvg } from './render.js';

describe("a run's metrics.csv", () => {
  test('keeps every numeric column after step, whatever it is called', async () => {
    const t = parseLossCsv('step,d_loss,g_loss,lr,note\n0,1.2,0.7,0.001,\n10,1.0,0.8,0.001,\n20,0.9,,0.001,\n');
    expect(t.columns).toEqual(['d_loss', 'g_loss', 'lr']);
    expect(t.rows.map((r) => r.step)).toEqual([0, 10, 20]);
    expect(t.rows[2]?.values[1]).toBeNaN();
    const svg = await renderSvg(lossesSpec(t));
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).toContain('d_loss');
  });
  test('rejects a file without a step column', () => {
    expect(() => parseLossCsv('epoch,loss\n1,2\n')).toThrow(/step/);
  });
});
