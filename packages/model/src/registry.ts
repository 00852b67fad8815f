import { bench } from './architectures/bench/index.js';
import { seed } from './architectures/seed/index.js';
import { styled } from './architectures/styled/index.js';
import { ModelError } from './errors.js';
import type { Architecture, TrainingDefaults } from './types.js';

/** The architecture `accelgan train` uses unless told otherwise. */
export const DEFAULT_ARCHITECTURE = 'styled';

/**
 * The model line, the default first. Adding an architecture takes its folder under
 * architectures/ (an Architecture: name, description, defaults, batch coupling, builders)
 * and its line here.
 */
const BUILT_IN: readonly Architecture[] = [styled, seed, bench];

/**
 * Architectures that earlier releases had, with the last release line that trained them:
 * a run of one gets a line saying so instead of "unknown architecture".
 */
const REMOVED: ReadonlyMap<string, string> = new Map([
  ['spectral', '0.1.x'],
  ['factored', '0.1.x'],
  ['anchored', '0.1.x'],
]);

/** Every registered architecture by name, with the module that registers it for those added by registerArchitecture. */
const architectures = new Map<string, { readonly architecture: Architecture; readonly module?: string }>(
  BUILT_IN.map((architecture) => [architecture.name, { architecture }]),
);

/**
 * The registered architecture called `name`. Throws a ModelError (a user-facing line) for
 * an architecture an earlier release had, saying which and to train again with the
 * default, and one listing the known names for any other unknown name.
 */
export function getArchitecture(name: string): Architecture {
  const found = architectures.get(name);
  if (found) return found.architecture;
  const release = REMOVED.get(name);
  if (release) {
    throw new ModelError(
      `architecture "${name}" was removed: its runs were trained by @accelgan/model ${release} and must be trained again with the current default, ${DEFAULT_ARCHITECTURE}`,
    );
  }
  throw new ModelError(`unknown architecture "${name}"; known: ${[...architectures.keys()].join(', ')}`);
}

/** Name, description and training defaults of every registered architecture, default first. */
export function listArchitectures(): {
  readonly name: string;
  readonly description: string;
  readonly defaults: TrainingDefaults;
}[] {
  return [...architectures.values()].map(({ architecture: { name, description, defaults } }) => ({
    name,
    description,
    defaults,
  }));
}

/**
 * Adds an architecture defined outside this package (a plug-in, or a test's toy model), so
 * that getArchitecture, listArchitectures and `--arch` find it, after the built-in ones.
 * `module` is the URL of the ES module whose import registers it (`import.meta.url` where
 * this is called): worker threads (data-parallel training, threaded generation) import it
 * to find the architecture there. Throws if the name is taken or was an earlier release's.
 */
export function registerArchitecture(architecture: Architecture, module: string): void {
  const { name } = architecture;
  if (architectures.has(name) || REMOVED.has(name)) throw new ModelError(`architecture "${name}" is already taken`);
  architectures.set(name, { architecture, module });
}

/** Removes an architecture that registerArchitecture added; the built-in ones stay. */
export function unregisterArchitecture(name: string): void {
  if (BUILT_IN.some((a) => a.name === name)) throw new ModelError(`architecture "${name}" is built in`);
  architectures.delete(name);
}

/**
 * The module a worker thread must import before getArchitecture(name) finds it there: the
 * one registerArchitecture was given, or undefined for a built-in (or unknown) architecture.
 */
export function architectureModule(name: string): string | undefined {
  return architectures.get(name)?.module;
}
