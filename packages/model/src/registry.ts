import { bench } from './architectures/bench.js';
import { anchored, factored, styled } from './architectures/factored.js';
import { seed } from './architectures/seed.js';
import { spectral } from './architectures/spectral.js';
import { ModelError } from './errors.js';
import type { Architecture, TrainingDefaults } from './types.js';

/** The architecture `accelgan train` uses unless told otherwise. */
export const DEFAULT_ARCHITECTURE = 'styled';

const architectures: ReadonlyMap<string, Architecture> = new Map(
  [styled, anchored, factored, spectral, seed, bench].map((a) => [a.name, a]),
);

/** The registered architecture called `name`; throws a ModelError listing the known names otherwise. */
export function getArchitecture(name: string): Architecture {
  const found = architectures.get(name);
  if (!found) throw new ModelError(`unknown architecture "${name}"; known: ${[...architectures.keys()].join(', ')}`);
  return found;
}

/** Name, description and training defaults of every registered architecture, default first. */
export function listArchitectures(): {
  readonly name: string;
  readonly description: string;
  readonly defaults: TrainingDefaults;
}[] {
  return [...architectures.values()].map(({ name, description, defaults }) => ({ name, description, defaults }));
}
