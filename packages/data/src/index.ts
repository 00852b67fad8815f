export * from './types.js';
export { AccelganError, isAccelganError } from './errors.js';
