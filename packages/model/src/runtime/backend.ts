import * as tf from '@tensorflow/tfjs-core';
import { ModelError } from '../errors.js';
import { ensureTfjsGradients } from '../ops/tfjs-gradients.js';

/** Backends accelgan can run on, fastest first. */
export type BackendName = 'node' | 'wasm' | 'cpu';
export type BackendChoice = BackendName | 'auto';

export interface BackendInfo {
  readonly name: BackendName;
  /** Versions of the TensorFlow.js packages in use. */
  readonly versions: Readonly<Record<string, string>>;
  /** Why faster backends were not used, for `accelgan info --backend` and run records. */
  readonly notes: readonly string[];
}

const loaders: Record<BackendName, () => Promise<void>> = {
  // tfjs-node is an optional dependency: its native library is downloaded at install
  // time, which fails on machines without open internet. Importing it registers 'tensorflow'.
  node: async () => {
    const name = '@tensorflow/tfjs-node';
    await import(/* @vite-ignore */ name);
  },
  wasm: async () => {
    await import('@tensorflow/tfjs-backend-wasm');
  },
  cpu: async () => {
    await import('@tensorflow/tfjs-backend-cpu');
  },
};

const tfName: Record<BackendName, string> = { node: 'tensorflow', wasm: 'wasm', cpu: 'cpu' };

let active: BackendInfo | undefined;

/**
 * Selects and initialises a TensorFlow.js backend. `auto` tries node, then wasm, then cpu.
 * Idempotent for the same choice; switching backends later in the process is allowed
 * (tests compare backends) and re-runs the selection.
 */
export async function initBackend(choice: BackendChoice = 'auto'): Promise<BackendInfo> {
  // tfjs-core's Node bundle registers no gradients; training anything needs them.
  ensureTfjsGradients();
  if (active && (choice === 'auto' || choice === active.name) && tf.getBackend() === tfName[active.name]) return active;
  const order: BackendName[] = choice === 'auto' ? ['node', 'wasm', 'cpu'] : [choice];
  const notes: string[] = [];
  for (const name of order) {
    try {
      await loaders[name]();
      if (!(await tf.setBackend(tfName[name]))) throw new Error('backend failed to initialise');
      await tf.ready();
      active = { name, versions: { 'tfjs-core': tf.version_core }, notes };
      return active;
    } catch (error) {
      notes.push(`${name}: ${firstLine(error)}`);
    }
  }
  throw new ModelError(`backend ${choice} is not available here (${notes.join('; ')})`);
}

/** Lists which backends load on this machine, without changing the active one for long. */
export async function availableBackends(): Promise<BackendName[]> {
  const previous = tf.getBackend();
  const found: BackendName[] = [];
  for (const name of ['node', 'wasm', 'cpu'] as const) {
    try {
      await loaders[name]();
      if (await tf.setBackend(tfName[name])) found.push(name);
    } catch {
      // not available: skip
    }
  }
  if (previous) await tf.setBackend(previous);
  return found;
}

function firstLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n')[0] ?? message;
}
