/** The parsed flags of `accelgan report`. */
export interface ReportArgs {
  run: string;
  out?: string;
  n?: number;
  seed: number;
  draws: number;
  force: boolean;
  png: boolean;
  events?: number;
  rho?: number;
  seam?: 'none' | 'level' | 'bridge';
  'seam-taper'?: number;
  backend: 'auto' | 'node' | 'wasm' | 'cpu';
}
