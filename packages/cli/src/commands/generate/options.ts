/** The parsed flags of `accelgan generate`. */
export interface GenerateArgs {
  run: string;
  n?: number;
  events?: number;
  out: string;
  label?: string;
  duration?: number;
  'seizure-duration'?: number;
  onset?: number;
  subtype?: string;
  rho?: number;
  seam?: 'none' | 'level' | 'bridge';
  'seam-taper'?: number;
  seed: number;
  force: boolean;
  backend: 'auto' | 'node' | 'wasm' | 'cpu';
  threads?: number;
}
