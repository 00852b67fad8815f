/**
 * Text from data made safe for a terminal: recordings carry ids, types, subtypes and
 * descriptions typed by people and programs, and a string holding ESC [ … can recolour,
 * move the cursor, retitle the window or hide what follows. Escape sequences (CSI, OSC
 * and the like) are removed whole; every other control character (C0 including line
 * breaks and tabs, DEL, C1) and the Unicode bidirectional overrides, which reorder what a
 * line appears to say, are removed too, so that a value stays on its line.
 */
const ESCAPE_SEQUENCE =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point.
  /\u009b[0-?]*[ -/]*[@-~]|\u001b(?:\[[0-?]*[ -/]*[@-~]|\][^\u0007\u001b]*(?:\u0007|\u001b\\)?|[PX^_][^\u001b]*(?:\u001b\\)?|[ -/]*[0-~])?/g;
// biome-ignore lint/suspicious/noControlCharactersInRegex: as above.
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

export function printable(text: string): string {
  return text.replace(ESCAPE_SEQUENCE, '').replace(CONTROL, '');
}
