import * as tf from '@tensorflow/tfjs-core';
import { BatchNormLayer } from '../../nn/batch-norm-layer.js';
import { Conv1dLayer } from '../../nn/conv1d-layer.js';
import type { VariableStore } from '../../nn/variable-store.js';
import { maxPool1d } from '../../ops/pooling.js';

/** Filters per inception branch; a module outputs 4× this many channels. */
const BRANCH_FILTERS = 16;
const BOTTLENECK = 16;
const KERNEL_SIZES = [9, 19, 39] as const;
/** Channels of a module's output: its four branches concatenated. */
export const MODULE_CHANNELS = 4 * BRANCH_FILTERS;

/**
 * One InceptionTime module (Ismail Fawaz et al. 2020), x [N, L, Cin] → [N, L, 4·16]:
 * a 1×1 bottleneck to 16 channels (when Cin > 1), parallel convs of kernel 9, 19 and 39
 * (16 filters each), a max-pool(3) + 1×1 conv branch on the module's input, concatenated,
 * batch norm, ReLU. No biases: batch norm follows.
 */
export class InceptionModule {
  private readonly bottleneck: Conv1dLayer | undefined;
  private readonly branches: Conv1dLayer[];
  private readonly poolBranch: Conv1dLayer;
  private readonly norm: BatchNormLayer;

  constructor(store: VariableStore, name: string, inChannels: number) {
    this.bottleneck =
      inChannels > 1
        ? new Conv1dLayer(store, `${name}/bottleneck`, {
            kernelSize: 1,
            inChannels,
            outChannels: BOTTLENECK,
            bias: false,
          })
        : undefined;
    const branchIn = this.bottleneck ? BOTTLENECK : inChannels;
    this.branches = KERNEL_SIZES.map(
      (k) =>
        new Conv1dLayer(store, `${name}/conv_k${k}`, {
          kernelSize: k,
          inChannels: branchIn,
          outChannels: BRANCH_FILTERS,
          bias: false,
        }),
    );
    this.poolBranch = new Conv1dLayer(store, `${name}/pool_conv`, {
      kernelSize: 1,
      inChannels,
      outChannels: BRANCH_FILTERS,
      bias: false,
    });
    this.norm = new BatchNormLayer(store, `${name}/bn`, 4 * BRANCH_FILTERS);
  }

  apply(x: tf.Tensor3D, training: boolean): tf.Tensor3D {
    const squeezed = this.bottleneck ? this.bottleneck.apply(x, training) : x; // [N, L, 16]
    const outputs = this.branches.map((conv) => conv.apply(squeezed, training)); // 3 × [N, L, 16]
    outputs.push(this.poolBranch.apply(maxPool1d(x, 3), training)); // [N, L, 16]
    return tf.relu(this.norm.apply(tf.concat(outputs, 2), training)); // [N, L, 64]
  }
}
