import * as tf from '@tensorflow/tfjs-core';
import type { Initializer } from './initializers.js';
import { variableSeed } from './seeds.js';

/**
 * Creates one network's variables under stable names ("g/dense0/kernel") and collects them
 * into the Network maps. The tf.Variables themselves are unnamed (tfjs throws on duplicate
 * global names, and several copies of a network must coexist); each is initialised from a
 * seed derived from (build seed, stable name), so the same (shape, seed) gives the same weights.
 */
export class VariableStore {
  readonly trainable = new Map<string, tf.Variable>();
  readonly state = new Map<string, tf.Variable>();
  /** Fixed tensors the network owns (e.g. a DFT matrix), released by dispose(). */
  private readonly constants: tf.Tensor[] = [];

  constructor(
    /** Name prefix, e.g. "g" or "d". */
    readonly prefix: string,
    readonly seed: number,
  ) {
    if (!Number.isFinite(seed)) throw new Error(`build seed must be a finite number, got ${seed}`);
  }

  /** A trainable variable "prefix/name". */
  weight<R extends tf.Rank>(name: string, shape: readonly number[], init: Initializer): tf.Variable<R> {
    return this.create(this.trainable, name, shape, init, true) as tf.Variable<R>;
  }

  /** A non-trainable variable "prefix/name" that training updates (moving statistics, power-iteration vectors). */
  stateVariable<R extends tf.Rank>(name: string, shape: readonly number[], init: Initializer): tf.Variable<R> {
    return this.create(this.state, name, shape, init, false) as tf.Variable<R>;
  }

  /** Keeps a fixed tensor alive for the network's lifetime. */
  constant<T extends tf.Tensor>(tensor: T): T {
    this.constants.push(tf.keep(tensor));
    return tensor;
  }

  dispose(): void {
    for (const v of [...this.trainable.values(), ...this.state.values()]) v.dispose();
    for (const c of this.constants) c.dispose();
    this.trainable.clear();
    this.state.clear();
    this.constants.length = 0;
  }

  private create(
    into: Map<string, tf.Variable>,
    name: string,
    shape: readonly number[],
    init: Initializer,
    trainable: boolean,
  ): tf.Variable {
    const fullName = `${this.prefix}/${name}`;
    if (this.trainable.has(fullName) || this.state.has(fullName))
      throw new Error(`variable ${fullName} is defined twice`);
    const variable = tf.tidy(() => tf.variable(init(shape, variableSeed(this.seed, fullName)), trainable));
    into.set(fullName, variable);
    return variable;
  }
}
