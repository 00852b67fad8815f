import { describe, expect, it } from 'vitest';
import {
  DEFAULT_ARCHITECTURE,
  architectureModule,
  getArchitecture,
  listArchitectures,
  registerArchitecture,
  unregisterArchitecture,
} from './registry.js';
import type { Architecture } from './types.js';

/** The error getArchitecture throws for `name`. */
function errorFor(name: string): Error & { exitCode?: number } {
  try {
    getArchitecture(name);
  } catch (error) {
    return error as Error & { exitCode?: number };
  }
  throw new Error(`getArchitecture("${name}") did not throw`);
}

describe('architecture registry', () => {
  it('lists every architecture with its description and defaults, the default first', () => {
    const listed = listArchitectures();
    expect(listed[0]?.name).toBe(DEFAULT_ARCHITECTURE);
    expect(new Set(listed.map((a) => a.name)).size).toBe(listed.length);
    for (const { name, description, defaults } of listed) {
      const arch = getArchitecture(name);
      expect(arch.name).toBe(name);
      expect(description.length, name).toBeGreaterThan(20);
      // Descriptions say what an architecture is, not what it replaced.
      expect(description, name).not.toMatch(/previous|formerly|used to/i);
      expect(arch.defaults).toBe(defaults);
      expect(defaults.batchSize).toBeGreaterThan(0);
      expect(defaults.learningRateG).toBeGreaterThan(0);
      expect(defaults.dStepsPerG).toBeGreaterThanOrEqual(1);
      const coupling = arch.batchCoupling;
      expect(['rows', 'groups', 'batch'], name).toContain(coupling.kind);
      if (coupling.kind === 'groups') expect(Number.isInteger(coupling.size) && coupling.size > 1, name).toBe(true);
      // Only architectures defined outside the package name a module for worker threads.
      expect(architectureModule(name)).toBeUndefined();
    }
  });

  it('gives bench exactly the shared benchmark settings, seed the prototype’s, styled its losses', () => {
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
    expect(getArchitecture('styled').defaults).toMatchObject({
      loss: 'hinge',
      emaDecay: 0.999,
      learningRateG: 2e-4,
      learningRateD: 4e-4,
      statisticsWeight: 10,
      consistencyWeight: 1,
    });
    // Only a generator that draws from the data has a consistency loss to weigh.
    for (const name of ['bench', 'seed']) expect(getArchitecture(name).defaults.consistencyWeight).toBe(0);
  });

  it('declares how each architecture couples a batch’s rows', () => {
    expect(getArchitecture('styled').batchCoupling).toEqual({ kind: 'groups', size: 32 });
    expect(getArchitecture('seed').batchCoupling).toEqual({ kind: 'batch' });
    expect(getArchitecture('bench').batchCoupling).toEqual({ kind: 'rows' });
  });

  it('names the known architectures when asked for an unknown one, as a user-facing error', () => {
    const caught = errorFor('dcgan');
    expect(caught).toBeInstanceOf(Error);
    expect(caught.message).toBe(
      `unknown architecture "dcgan"; known: ${listArchitectures()
        .map((a) => a.name)
        .join(', ')}`,
    );
    // Recognised by the CLI's isAccelganError (name-based) without depending on @accelgan/data.
    expect(caught.name).toBe('AccelganError');
    expect(caught.exitCode).toBe(1);
  });

  it.each(['spectral', 'factored', 'anchored'])(
    'says in one line that %s was removed, which release trained its runs, and to train again',
    (name) => {
      const caught = errorFor(name);
      expect(caught.name).toBe('AccelganError');
      expect(caught.message).toBe(
        `architecture "${name}" was removed: its runs were trained by @accelgan/model 0.1.x and must be trained again with the current default, ${DEFAULT_ARCHITECTURE}`,
      );
      expect(caught.message).not.toContain('\n');
    },
  );

  it('registers and unregisters an architecture from outside, leaving the built-in list as it was', () => {
    const before = listArchitectures();
    const toy: Architecture = {
      ...getArchitecture('bench'),
      name: 'toy',
      description: 'A toy architecture registered by a test.',
    };
    registerArchitecture(toy, 'file:///plugins/toy.js');
    try {
      expect(getArchitecture('toy')).toBe(toy);
      expect(architectureModule('toy')).toBe('file:///plugins/toy.js');
      expect(listArchitectures().map((a) => a.name)).toEqual([...before.map((a) => a.name), 'toy']);
      // A name is taken once, and a removed architecture's name stays reserved for its message.
      expect(() => registerArchitecture(toy, 'file:///plugins/other.js')).toThrow(/"toy" is already taken/);
      expect(() => registerArchitecture({ ...toy, name: 'spectral' }, 'file:///x.js')).toThrow(/already taken/);
      expect(() => unregisterArchitecture('styled')).toThrow(/"styled" is built in/);
    } finally {
      unregisterArchitecture('toy');
    }
    expect(listArchitectures()).toEqual(before);
    expect(architectureModule('toy')).toBeUndefined();
    expect(errorFor('toy').message).toMatch(/^unknown architecture "toy"/);
  });
});
