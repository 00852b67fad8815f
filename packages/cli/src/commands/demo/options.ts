/** The parsed flags of `accelgan demo`. */
export interface DemoArgs {
  out: string;
  steps: number;
  seed: number;
  events: number;
  backend: 'auto' | 'node' | 'wasm' | 'cpu';
  force: boolean;
}
