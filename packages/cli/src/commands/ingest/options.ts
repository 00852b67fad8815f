/** The parsed flags of `accelgan ingest`. */
export interface IngestArgs {
  inputs: string[];
  out: string;
  'window-seconds'?: number;
  'stride-seconds'?: number;
  types?: string[];
  subtypes?: string[];
  users?: string[];
  'val-fraction': number;
  seed: number;
  scale: 'minmax' | 'minmax01' | 'zscore' | 'none';
  force: boolean;
}
