/** The parsed flags of `accelgan augment`. */
export interface AugmentArgs {
  input: string;
  out: string;
  run?: string;
  'run-out'?: string;
  minutes?: number;
  steps?: number;
  arch?: string;
  ratio: number;
  classic: boolean;
  seed: number;
  force: boolean;
  backend: 'auto' | 'node' | 'wasm' | 'cpu';
  threads?: number;
}
