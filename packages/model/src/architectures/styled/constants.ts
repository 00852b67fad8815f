/** The latent's width (z [N, 128]) unless a run sets `latentDim`. */
export const LATENT_DIM = 128;
/** Slope of every leaky ReLU in the generator and the discriminator. */
export const LEAK = 0.2;
/** Hidden units of the generator's noise head and of the discriminator's level branch. */
export const LEVEL_UNITS = 64;
/**
 * The windows' sample rate. GanShape does not carry one because every window accelgan
 * reads is OSDB's 25 Hz (the data package's SAMPLE_RATE_HZ; the model does not depend on it).
 */
export const SAMPLE_RATE_HZ = 25;
