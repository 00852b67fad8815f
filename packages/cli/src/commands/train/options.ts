/** The parsed flags of `accelgan train`. */
export interface TrainArgs {
  data: string[];
  out: string;
  arch?: string;
  condition?: 'ictal' | 'subtype' | 'phase' | 'none';
  steps?: number;
  minutes?: number;
  batch?: number;
  seed?: number;
  resume?: boolean;
  force?: boolean;
  backend?: 'auto' | 'node' | 'wasm' | 'cpu';
  threads?: number;
  'window-seconds'?: number;
  'val-fraction'?: number;
  'log-every'?: number;
  'checkpoint-minutes'?: number;
  set?: string[];
}
