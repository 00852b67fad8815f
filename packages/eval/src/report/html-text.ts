// The text of the report's HTML sections: escaping, numbers, class and critic names, shared by the page (html.ts)
// and the sections it includes (draws, events, ladder), which therefore need nothing from the page itself.
import type { CriticName } from '../result-types.js';
import type { ClassName } from '../types.js';

export const CLASS_LABEL: Record<ClassName, string> = { all: 'all windows', ictal: 'ictal', nonIctal: 'non-ictal' };

/** How the report names each critic. */
export const CRITIC_LABEL: Readonly<Record<CriticName, string>> = {
  cnn: '1-D CNN',
  features: 'logistic (41 features)',
  trees: 'gradient-boosted trees',
};

/** A number with `digits` decimals, or an em dash where there is none. */
export function fmt(x: number | null | undefined, digits: number): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return '—';
  return x.toFixed(digits);
}

/** Text made safe inside HTML elements and double-quoted attributes. */
export function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
