/** The parsed flags of `accelgan models`. */
export interface ModelsArgs {
  json: boolean;
}
