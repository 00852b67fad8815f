/** The parsed flags of `accelgan evaluate`. */
export interface EvaluateArgs {
  real: string[];
  synthetic: string[];
  out: string;
  train?: string[] | undefined;
  losses?: string | undefined;
  seed: number;
  folds: number;
  seeds: number;
  force: boolean;
  png: boolean;
  events: boolean;
  backend: 'auto' | 'node' | 'wasm' | 'cpu';
}
