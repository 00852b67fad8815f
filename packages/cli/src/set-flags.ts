import { AccelganError } from '@accelgan/data';
import { TRAINING_DEFAULT_KEYS } from '@accelgan/train';

/** `--set KEY=VALUE` pairs, checked against the training settings a run may change: numbers where the default is a number. */
export function parseSettings(pairs: readonly string[]): Record<string, number | string> {
  const overrides: Record<string, number | string> = {};
  for (const pair of pairs) {
    const match = /^([A-Za-z0-9]+)=(.+)$/.exec(pair.trim());
    const key = match?.[1];
    if (!match || !key) throw new AccelganError(`--set expects KEY=VALUE, got "${pair}"`, 2);
    const kind = TRAINING_DEFAULT_KEYS[key as keyof typeof TRAINING_DEFAULT_KEYS];
    if (!kind)
      throw new AccelganError(`--set: unknown key "${key}"; keys: ${Object.keys(TRAINING_DEFAULT_KEYS).join(', ')}`, 2);
    const value = match[2]!;
    if (kind === 'number') {
      const number = Number(value);
      if (!Number.isFinite(number)) throw new AccelganError(`--set ${key} must be a number, got "${value}"`, 2);
      overrides[key] = number;
    } else overrides[key] = value;
  }
  return overrides;
}
