import * as tf from '@tensorflow/tfjs-core';

/**
 * Exponential moving average of the generator's weights (Karras et al.; Yazıcı et al.),
 * which smooths the oscillation of adversarial training and is what we sample from.
 * The decay ramps up as min(decay, (1 + t) / (10 + t)) so that short runs are not
 * dominated by the random initial weights.
 */
export class WeightAverage {
  readonly shadow = new Map<string, tf.Variable>();

  constructor(
    readonly decay: number,
    readonly source: ReadonlyMap<string, tf.Variable>,
  ) {
    tf.tidy(() => {
      for (const [name, variable] of source) this.shadow.set(name, tf.variable(variable.clone(), false));
    });
  }

  update(step: number): void {
    const decay = Math.min(this.decay, (1 + step) / (10 + step));
    tf.tidy(() => {
      for (const [name, variable] of this.source) {
        const average = this.shadow.get(name)!;
        average.assign(tf.add(tf.mul(average, decay), tf.mul(variable, 1 - decay)));
      }
    });
  }

  dispose(): void {
    for (const t of this.shadow.values()) t.dispose();
  }
}
