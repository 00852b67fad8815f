/** The parsed flags of `accelgan simulate`. */
export interface SimulateArgs {
  out: string;
  events: number;
  seed: number;
  force: boolean;
}
