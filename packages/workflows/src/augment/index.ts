export { augment, DEFAULT_RATIO, type AugmentOptions, type AugmentResult } from './augment.js';
