import type { GanShape, BackendName } from '@accelgan/model';
import type { TrainConfig } from './config.js';

/** Slots of the shared control array. */
export enum Slot {
  /** Bumped by the main thread for each request. */
  Request = 0,
  /** Set to the request's number by the helper when its share is written. */
  Done = 1,
  /** What to compute: Phase. */
  Phase = 2,
  Step = 3,
  K = 4,
  /** 1 when the helper failed; the message is in `message`. */
  Failed = 5,
}

export enum Phase {
  Stop = 0,
  Discriminator = 1,
  Generator = 2,
}

/**
 * Shared memory between the main thread and the training helper: the current weights
 * and state (in sharedVariables' order), the helper's gradients
 * and readings, and a control array the two wait on with Atomics.
 */
export interface ParallelJob {
  readonly backend: BackendName;
  readonly arch: string;
  /** The module to import before `arch` is found, for an architecture registered from outside @accelgan/model. */
  readonly architectureModule: string | undefined;
  readonly shape: GanShape;
  readonly config: TrainConfig;
  /** StepContext.dequantise of the run. */
  readonly dequantise: number;
  /** The training windows, labels and, where some recordings are on the watch's grid and some not, each window's flag. */
  readonly train: {
    readonly values: Float32Array;
    readonly labels: Int32Array;
    readonly onGrid?: Uint8Array | undefined;
  };
  /** The helper's rows of every batch, [from, to). */
  readonly rows: { readonly from: number; readonly to: number };
  readonly control: Int32Array;
  readonly weights: Float32Array;
  readonly grads: Float32Array;
  readonly readings: Float32Array;
  readonly message: Uint8Array;
}
