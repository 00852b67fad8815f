/**
 * An error whose message is fit to show a user as one line: bad input, a missing
 * file, a refused overwrite. The CLI prints `accelgan: <message>` and exits with
 * `exitCode`; anything that is not an AccelganError is a bug and is reported as one.
 */
export class AccelganError extends Error {
  override readonly name = 'AccelganError';
  constructor(
    message: string,
    readonly exitCode: number = 1,
  ) {
    super(message);
  }
}

export function isAccelganError(error: unknown): error is AccelganError {
  return error instanceof Error && error.name === 'AccelganError';
}
