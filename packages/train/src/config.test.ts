import { describe, expect, it } from 'vitest';
import { DEFAULT_STEPS, resolveConfig } from './config.js';

describe('resolveConfig', () => {
  it("fills the architecture's defaults", () => {
    const config = resolveConfig({ arch: 'bench' });
    expect(config.loss).toBe('hinge');
    expect(config.batchSize).toBe(64);
    expect(config.latentDim).toBe(64);
    expect(config.steps).toBe(DEFAULT_STEPS);
    expect(config.minutes).toBeNull();
  });

  it('keeps user overrides and drops the default step budget when minutes are given', () => {
    const config = resolveConfig({ arch: 'seed', batchSize: 16, minutes: 3, seed: 9 });
    expect(config).toMatchObject({ batchSize: 16, minutes: 3, steps: null, seed: 9, loss: 'bce' });
  });

  it.each([
    [{ steps: 0 }, /--steps/],
    [{ steps: 2.5 }, /--steps/],
    [{ batchSize: -1 }, /--batch/],
    [{ minutes: 0 }, /--minutes/],
    [{ emaDecay: 1 }, /^--set emaDecay must be in \[0, 1\), got 1$/],
    [{ arch: 'nope' }, /nope/],
  ])('rejects %j', (overrides, message) => {
    expect(() => resolveConfig(overrides)).toThrow(message);
  });
});
