import * as tf from '@tensorflow/tfjs-core';

export interface AdamConfig {
  readonly learningRate: number;
  readonly beta1: number;
  readonly beta2: number;
  readonly epsilon: number;
}

/**
 * Adam over a fixed, named set of variables.
 *
 * Written here rather than using tf.train.adam because tfjs keys its optimiser state
 * by auto-generated variable ids, which differ between processes; ours is keyed by
 * the networks' stable names, so a checkpoint restores it exactly for `--resume`.
 */
export class Adam {
  /** Number of updates applied so far (Adam's t). */
  step = 0;
  readonly firstMoment = new Map<string, tf.Variable>();
  readonly secondMoment = new Map<string, tf.Variable>();

  constructor(
    readonly config: AdamConfig,
    readonly variables: ReadonlyMap<string, tf.Variable>,
  ) {
    // Variables survive tidy; the zero tensors they start from do not need to.
    tf.tidy(() => {
      for (const [name, variable] of variables) {
        this.firstMoment.set(name, tf.variable(tf.zerosLike(variable), false));
        this.secondMoment.set(name, tf.variable(tf.zerosLike(variable), false));
      }
    });
  }

  /** Applies one update from gradients keyed by the same names as `variables`. */
  apply(gradients: ReadonlyMap<string, tf.Tensor>): void {
    this.step += 1;
    const { learningRate, beta1, beta2, epsilon } = this.config;
    // Bias corrections folded into the step size, as in Kingma & Ba, section 2.
    const stepSize = (learningRate * Math.sqrt(1 - beta2 ** this.step)) / (1 - beta1 ** this.step);
    tf.tidy(() => {
      for (const [name, variable] of this.variables) {
        const gradient = gradients.get(name);
        if (!gradient) continue;
        const m = this.firstMoment.get(name)!;
        const v = this.secondMoment.get(name)!;
        const newM = tf.add(tf.mul(m, beta1), tf.mul(gradient, 1 - beta1));
        const newV = tf.add(tf.mul(v, beta2), tf.mul(tf.square(gradient), 1 - beta2));
        m.assign(newM);
        v.assign(newV);
        variable.assign(tf.sub(variable, tf.div(tf.mul(newM, stepSize), tf.add(tf.sqrt(newV), epsilon))));
      }
    });
  }

  /** Optimiser state as named tensors (moments) for a checkpoint; the step travels separately. */
  namedState(prefix: string): Map<string, tf.Variable> {
    const state = new Map<string, tf.Variable>();
    for (const [name, m] of this.firstMoment) state.set(`${prefix}/m/${name}`, m);
    for (const [name, v] of this.secondMoment) state.set(`${prefix}/v/${name}`, v);
    return state;
  }

  dispose(): void {
    for (const t of this.firstMoment.values()) t.dispose();
    for (const t of this.secondMoment.values()) t.dispose();
  }
}
