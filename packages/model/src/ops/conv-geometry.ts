/** Padding of a 1-D convolution, with TensorFlow's conventions. */
export type Conv1dPadding = 'same' | 'valid';

/** Where a 1-D convolution reads: the output length and the zeros it pads on each side. */
export interface Conv1dGeometry {
  readonly inLength: number;
  readonly outLength: number;
  readonly kernelSize: number;
  readonly stride: number;
  /** Zeros before the first sample (TensorFlow puts the odd one on the right). */
  readonly padLeft: number;
  /**
   * Input positions the convolution actually reads, padding included:
   * (outLength - 1) * stride + kernelSize. Trailing samples beyond it ('valid' with a
   * stride) are never read and get a zero gradient.
   */
  readonly usedLength: number;
}

/**
 * Geometry of conv1d(x [N, inLength, Cin], filter [kernelSize, Cin, Cout], stride, pad).
 * 'same': outLength = ceil(inLength / stride); 'valid': ceil((inLength - kernelSize + 1) / stride).
 */
export function conv1dGeometry(
  inLength: number,
  kernelSize: number,
  stride: number,
  pad: Conv1dPadding,
): Conv1dGeometry {
  for (const [name, value] of [
    ['inLength', inLength],
    ['kernelSize', kernelSize],
    ['stride', stride],
  ] as const) {
    if (!Number.isInteger(value) || value < 1)
      throw new Error(`conv1d: ${name} must be a positive integer, got ${value}`);
  }
  if (pad === 'same') {
    const outLength = Math.ceil(inLength / stride);
    const padTotal = Math.max((outLength - 1) * stride + kernelSize - inLength, 0);
    const padLeft = Math.floor(padTotal / 2);
    return { inLength, outLength, kernelSize, stride, padLeft, usedLength: (outLength - 1) * stride + kernelSize };
  }
  if (pad !== 'valid') throw new Error(`conv1d: pad must be 'same' or 'valid', got ${String(pad)}`);
  if (kernelSize > inLength)
    throw new Error(`conv1d: kernel ${kernelSize} is longer than the input ${inLength} with 'valid' padding`);
  const outLength = Math.ceil((inLength - kernelSize + 1) / stride);
  return { inLength, outLength, kernelSize, stride, padLeft: 0, usedLength: (outLength - 1) * stride + kernelSize };
}
