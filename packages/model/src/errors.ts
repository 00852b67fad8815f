/**
 * An error whose message is fit to show a user, e.g. an unknown architecture name.
 * It has the same shape as @accelgan/data's AccelganError (name 'AccelganError' and an
 * exit code), so the CLI's isAccelganError recognises it, without this package
 * depending on @accelgan/data.
 */
export class ModelError extends Error {
  override readonly name = 'AccelganError';
  constructor(
    message: string,
    readonly exitCode: number = 1,
  ) {
    super(message);
  }
}
