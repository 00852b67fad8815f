/**
 * Checks of numeric flags, for yargs' `.check()`: a flag that is not a number (yargs turns
 * `--seed abc` into NaN), not whole where it must be, or out of its range is a usage error,
 * reported in one line with exit code 2 before any work, rather than running as seed 0,
 * allocating 1e9 of something, or failing deep inside with "unexpected error".
 */

export interface NumberRule {
  /** Whole numbers only. */
  readonly integer?: boolean;
  /** Inclusive bounds. */
  readonly min?: number;
  readonly max?: number;
  /** Exclusive bounds. */
  readonly above?: number;
  readonly below?: number;
  /** The value must be a multiple of this. */
  readonly multipleOf?: number;
  /** What a valid value is, for the message: "an integer from 1 to 10,000". */
  readonly says: string;
}

/** A seed: any whole number a 32-bit generator takes. */
export const SEED: NumberRule = { integer: true, min: 0, max: 2 ** 32 - 1, says: 'an integer from 0 to 4294967295' };

/** A whole number from `min` to `max`. */
export function integer(min: number, max: number): NumberRule {
  return { integer: true, min, max, says: `an integer from ${count(min)} to ${count(max)}` };
}

/** The first failing rule's message, or true: what yargs' `.check()` wants. */
export function checkNumbers(
  args: Readonly<Record<string, unknown>>,
  rules: Readonly<Record<string, NumberRule>>,
): true | string {
  for (const [flag, rule] of Object.entries(rules)) {
    const value = args[flag];
    if (value === undefined) continue;
    const name = flag.length === 1 ? `-${flag}` : `--${flag}`;
    if (Array.isArray(value)) return `${name} is given more than once`;
    if (!fits(value, rule)) return `${name} must be ${rule.says}; got ${shown(value)}`;
  }
  return true;
}

function fits(value: unknown, rule: NumberRule): boolean {
  if (typeof value !== 'number' || !Number.isFinite(value)) return false;
  if (rule.integer && !Number.isInteger(value)) return false;
  if (rule.min !== undefined && value < rule.min) return false;
  if (rule.max !== undefined && value > rule.max) return false;
  if (rule.above !== undefined && value <= rule.above) return false;
  if (rule.below !== undefined && value >= rule.below) return false;
  if (rule.multipleOf !== undefined && !Number.isInteger(value / rule.multipleOf)) return false;
  return true;
}

function shown(value: unknown): string {
  return typeof value === 'number' && Number.isNaN(value) ? 'something that is not a number' : String(value);
}

function count(n: number): string {
  return n.toLocaleString('en-US');
}
