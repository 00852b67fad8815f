import * as tf from '@tensorflow/tfjs-core';
import type { VariableStore } from '../nn/variable-store.js';
import type { Discriminator, Generator } from '../types.js';
import { checkDiscriminatorInputs, checkGeneratorInputs } from './inputs.js';

/**
 * A Generator over a store's variables: apply checks its inputs and runs `forward`
 * inside tf.tidy, so an architecture only writes its forward pass.
 */
export function generatorNetwork(
  store: VariableStore,
  latentDim: number,
  forward: (z: tf.Tensor2D, labels: tf.Tensor1D, training: boolean) => tf.Tensor3D,
): Generator {
  return {
    latentDim,
    trainable: store.trainable,
    state: store.state,
    dispose: () => store.dispose(),
    apply: (z, labels, training) => {
      checkGeneratorInputs(z, labels, latentDim);
      return tf.tidy(() => forward(z, labels, training));
    },
  };
}

/** A Discriminator over a store's variables, as generatorNetwork. */
export function discriminatorNetwork(
  store: VariableStore,
  samplesPerWindow: number,
  forward: (x: tf.Tensor3D, labels: tf.Tensor1D, training: boolean) => tf.Tensor2D,
): Discriminator {
  return {
    trainable: store.trainable,
    state: store.state,
    dispose: () => store.dispose(),
    apply: (x, labels, training) => {
      checkDiscriminatorInputs(x, labels, samplesPerWindow);
      return tf.tidy(() => forward(x, labels, training));
    },
  };
}
