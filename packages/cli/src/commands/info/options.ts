/** The parsed flags of `accelgan info`. */
export interface InfoArgs {
  file?: string;
  backend: boolean;
}
