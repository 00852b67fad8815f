import { Worker } from 'node:worker_threads';
import * as tf from '@tensorflow/tfjs-core';
import { AccelganError } from '@accelgan/data';
import type { BatchSampler } from './batches.js';
import {
  architectureModule,
  type BackendName,
  MINIBATCH_GROUP_SIZE,
  type Discriminator,
  type Generator,
} from '@accelgan/model';
import type { Gan } from './gan.js';
import { workersAvailable } from './generate-threads.js';
import { discriminatorGradients, generatorGradients, type Share, type StepGradients, type Update } from './step.js';
import type { StepContext } from './step-context.js';
import { Phase, Slot, type ParallelJob } from './parallel-job.js';

const WORKER_FILE = './parallel-worker.js';
/** A helper that answers nothing for this long is taken for dead. */
const TIMEOUT_MS = 120_000;

/**
 * Data-parallel gradients on two cores, for step.ts's trainStep: this thread computes the
 * gradients of the first half of each batch, a helper worker those of the second half with
 * the same weights (both through the step's own discriminatorGradients and
 * generatorGradients), and this thread averages them; trainStep applies the update to the
 * one Gan that owns every weight, optimiser moment and moving average (so checkpoints and
 * `--resume` work as before). Losses equal the one-thread step's within float rounding; a
 * run is repeated exactly only with the same thread count.
 */
export class DataParallel implements StepGradients {
  private request = 0;
  private disposed = false;

  private constructor(
    private readonly gan: Gan,
    private readonly worker: Worker,
    private readonly job: ParallelJob,
    private readonly batchSize: number,
  ) {}

  /**
   * Starts the helper if this run can use one: an architecture whose batch's gradient is
   * the row-weighted mean of its halves' (its batchCoupling is not the whole batch), more
   * than one thread, a full batch whose halves are whole groups of its coupling and of the
   * statistics loss, and the compiled worker script (not under vitest's sources).
   */
  static async start(
    gan: Gan,
    train: { values: Float32Array; labels: Int32Array; onGrid?: Uint8Array | undefined },
    batches: BatchSampler,
    threads: number,
  ): Promise<DataParallel | null> {
    const { config } = gan;
    const coupling = gan.arch.batchCoupling;
    if (threads < 2 || coupling.kind === 'batch' || !workersAvailable()) return null;
    if (batches.batchSize !== config.batchSize || config.batchSize < 2) return null;
    if (coupling.kind === 'groups' && !splitsIntoGroups(config.batchSize, coupling.size)) return null;
    // The statistics loss, too, couples the rows of a group.
    if (config.statisticsWeight > 0 && !splitsIntoGroups(config.batchSize, MINIBATCH_GROUP_SIZE)) return null;
    const shared = <T>(make: (buffer: SharedArrayBuffer) => T, bytes: number) => make(new SharedArrayBuffer(bytes));
    const sizeOf = (vars: ReadonlyMap<string, tf.Variable>) => [...vars.values()].reduce((s, v) => s + v.size, 0);
    const sizeG = sizeOf(gan.generator.trainable);
    const sizeD = sizeOf(gan.discriminator.trainable);
    const sizeState = sizeOf(gan.generator.state) + sizeOf(gan.discriminator.state);
    const values = shared((b) => new Float32Array(b), train.values.byteLength);
    values.set(train.values);
    const labels = shared((b) => new Int32Array(b), train.labels.byteLength);
    labels.set(train.labels);
    let onGrid: Uint8Array | undefined;
    if (train.onGrid) {
      onGrid = shared((b) => new Uint8Array(b), train.onGrid.byteLength);
      onGrid.set(train.onGrid);
    }
    const job: ParallelJob = {
      backend: tf.getBackend() as BackendName,
      arch: config.arch,
      architectureModule: architectureModule(config.arch),
      shape: gan.shape,
      config,
      dequantise: gan.dequantise,
      train: { values, labels, onGrid },
      rows: { from: Math.floor(config.batchSize / 2), to: config.batchSize },
      control: shared((b) => new Int32Array(b), 8 * 4),
      weights: shared((b) => new Float32Array(b), (sizeG + sizeD + sizeState) * 4),
      grads: shared((b) => new Float32Array(b), Math.max(sizeG, sizeD) * 4),
      readings: shared((b) => new Float32Array(b), 3 * 4),
      message: shared((b) => new Uint8Array(b), 1024),
    };
    const worker = new Worker(new URL(WORKER_FILE, import.meta.url), { workerData: job });
    await new Promise<void>((resolve, reject) => {
      const fail = (why: string) => reject(new AccelganError(`training helper thread failed to start: ${why}`));
      worker.once('message', () => resolve());
      worker.once('error', (error) => fail(error.message));
      worker.once('exit', (code) => fail(`exited with code ${code}`));
    });
    worker.removeAllListeners();
    return new DataParallel(gan, worker, job, config.batchSize);
  }

  /** D's update k of `step`: half the batch here, half in the helper (StepGradients). */
  discriminator(context: StepContext, batches: BatchSampler, step: number, k: number): Update {
    this.ask(Phase.Discriminator, step, k);
    const share = discriminatorGradients(context, batches, step, k, this.ownRows());
    return this.combine(share, context.D.trainable);
  }

  /** G's update of `step`: half the batch here, half in the helper (StepGradients). */
  generator(context: StepContext, batches: BatchSampler, step: number): Update {
    this.ask(Phase.Generator, step, 0);
    const share = generatorGradients(context, batches, step, this.ownRows());
    return this.combine(share, context.G.trainable);
  }

  private ownRows() {
    return { from: 0, to: this.job.rows.from };
  }

  /**
   * Shares the current weights and state (spectral norm's power-iteration vectors, which
   * advance identically in both threads from here) and asks the helper for its rows' share.
   */
  private ask(phase: Phase, step: number, k: number): void {
    const { control, weights } = this.job;
    let offset = 0;
    for (const v of sharedVariables(this.gan.generator, this.gan.discriminator)) {
      weights.set(v.dataSync() as Float32Array, offset);
      offset += v.size;
    }
    control[Slot.Phase] = phase;
    control[Slot.Step] = step;
    control[Slot.K] = k;
    Atomics.store(control, Slot.Request, ++this.request);
    Atomics.notify(control, Slot.Request);
  }

  /** Waits for the helper and weights both shares by their rows: the whole batch's gradients and readings. */
  private combine(share: Share, variables: ReadonlyMap<string, tf.Variable>): Update {
    this.await();
    const { grads, readings } = this.job;
    const own = this.job.rows.from / this.batchSize;
    const theirs = 1 - own;
    const names = [...variables.keys()];
    const combined = tf.tidy(() => {
      let offset = 0;
      return [...variables.values()].map((v, i) => {
        const helper = tf.tensor(grads.subarray(offset, offset + v.size), v.shape as number[], 'float32');
        offset += v.size;
        return tf.add(tf.mul(share.grads[i]!, own), tf.mul(helper, theirs));
      });
    });
    const mine = share.readings.dataSync();
    tf.dispose([...share.grads, share.readings]);
    return {
      grads: new Map(combined.map((grad, i) => [names[i]!, grad])),
      readings: Float32Array.from(mine, (x, j) => x * own + readings[j]! * theirs),
    };
  }

  private await(): void {
    const { control } = this.job;
    while (Atomics.load(control, Slot.Done) !== this.request) {
      const seen = Atomics.load(control, Slot.Done);
      if (seen !== this.request && Atomics.wait(control, Slot.Done, seen, TIMEOUT_MS) === 'timed-out') {
        throw new AccelganError(`training helper thread gave no answer in ${TIMEOUT_MS / 1000} s`);
      }
    }
    if (Atomics.load(control, Slot.Failed) === 1) {
      const text = new TextDecoder().decode(this.job.message.slice()).replace(/\0+$/, '');
      throw new AccelganError(`training helper thread failed: ${text}`);
    }
  }

  /** Stops the helper and waits until it has exited. */
  async dispose(): Promise<void> {
    if (this.disposed) return;
    this.disposed = true;
    this.job.control[Slot.Phase] = Phase.Stop;
    Atomics.store(this.job.control, Slot.Request, ++this.request);
    Atomics.notify(this.job.control, Slot.Request);
    await this.worker.terminate();
  }
}

/** The variables the helper mirrors, in the order both threads lay them out in shared memory. */
export function sharedVariables(G: Generator, D: Discriminator): tf.Variable[] {
  return [...G.trainable.values(), ...D.trainable.values(), ...G.state.values(), ...D.state.values()];
}

/** Whether each half of a batch is whole groups of `size` rows (not so when the batch is one group, whose statistics halving would change). */
function splitsIntoGroups(batchSize: number, size: number): boolean {
  return batchSize % (2 * size) === 0;
}
