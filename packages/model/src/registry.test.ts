import { describe, expect, it } from 'vitest';
import { DEFAULT_ARCHITECTURE, getArchitecture, listArchitectures } from './registry.js';

describe('architecture registry', () => {
  it('lists styled, anchored, factored, spectral, seed and bench with their defaults, the default first', () => {
    const listed = listArchitectures();
    expect(listed.map((a) => a.name)).toEqual(['styled', 'anchored', 'factored', 'spectral', 'seed', 'bench']);
    expect(listed[0]?.name).toBe(DEFAULT_ARCHITECTURE);
    for (const { name, description, defaults } of listed) {
      expect(description.length, name).toBeGreaterThan(20);
      expect(getArchitecture(name).defaults).toBe(defaults);
      expect(defaults.batchSize).toBeGreaterThan(0);
      expect(defaults.learningRateG).toBeGreaterThan(0);
      expect(defaults.dStepsPerG).toBeGreaterThanOrEqual(1);
    }
  });

  it('gives bench exactly the shared benchmark settings', () => {
    expect(getArchitecture('bench').defaults).toMatchObject({
      batchSize: 64,
      latentDim: 64,
      loss: 'hinge',
      learningRateG: 2e-4,
      learningRateD: 2e-4,
      beta1: 0.5,
      beta2: 0.999,
      dStepsPerG: 1,
    });
    expect(getArchitecture('seed').defaults).toMatchObject({
      latentDim: 125,
      loss: 'bce',
      learningRateG: 2e-4,
      beta1: 0.5,
      scale: 'minmax',
    });
    expect(getArchitecture('spectral').defaults).toMatchObject({ loss: 'hinge', emaDecay: 0.999, statisticsWeight: 0 });
    expect(getArchitecture('factored').defaults.statisticsWeight).toBeGreaterThan(0);
    // anchored trains like factored, plus the consistency loss only it has and G at twice the rate.
    expect(getArchitecture('anchored').defaults).toEqual({
      ...getArchitecture('factored').defaults,
      consistencyWeight: 1,
      learningRateG: 2e-4,
    });
    // styled changes the generator's layers only, not how it trains.
    expect(getArchitecture('styled').defaults).toEqual(getArchitecture('anchored').defaults);
    for (const name of ['bench', 'seed', 'spectral', 'factored'])
      expect(getArchitecture(name).defaults.consistencyWeight).toBe(0);
  });

  it('names the known architectures when asked for an unknown one, as a user-facing error', () => {
    let caught: unknown;
    try {
      getArchitecture('dcgan');
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(Error);
    expect((caught as Error).message).toBe(
      'unknown architecture "dcgan"; known: styled, anchored, factored, spectral, seed, bench',
    );
    // Recognised by the CLI's isAccelganError (name-based) without depending on @accelgan/data.
    expect((caught as Error).name).toBe('AccelganError');
    expect((caught as { exitCode: number }).exitCode).toBe(1);
  });
});
