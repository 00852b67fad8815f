/** The latent's width (z [N, 64], as the PyTorch reference has it) unless a run sets `latentDim`. */
export const LATENT_DIM = 64;
/** Channels of the generator's convs and of the discriminator's first conv (its others have twice as many). */
export const CHANNELS = 64;
/** Slope of every leaky ReLU. */
export const LEAK = 0.2;
