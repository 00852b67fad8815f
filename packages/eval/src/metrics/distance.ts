import { sorted } from '../util/stats.js';

/**
 * Wasserstein-1 (earth mover's) distance between two empirical 1-D distributions:
 * ∫ |F_a(x) - F_b(x)| dx over the merged sample points, with F the empirical CDFs
 * (as scipy.stats.wasserstein_distance). In the units of the values. NaN if a side is empty.
 */
export function wasserstein1(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length === 0 || b.length === 0) return Number.NaN;
  const sa = sorted(a);
  const sb = sorted(b);
  let i = 0;
  let j = 0;
  let prev = Math.min(sa[0] as number, sb[0] as number);
  let total = 0;
  while (i < sa.length || j < sb.length) {
    const va = i < sa.length ? (sa[i] as number) : Number.POSITIVE_INFINITY;
    const vb = j < sb.length ? (sb[j] as number) : Number.POSITIVE_INFINITY;
    const x = Math.min(va, vb);
    total += Math.abs(i / sa.length - j / sb.length) * (x - prev);
    prev = x;
    if (va === x) i++;
    else j++;
  }
  return total;
}

/** Two-sample Kolmogorov–Smirnov statistic sup_x |F_a(x) - F_b(x)|, in [0, 1]. */
export function ksStatistic(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length === 0 || b.length === 0) return Number.NaN;
  const sa = sorted(a);
  const sb = sorted(b);
  let i = 0;
  let j = 0;
  let d = 0;
  while (i < sa.length && j < sb.length) {
    const x = Math.min(sa[i] as number, sb[j] as number);
    while (i < sa.length && (sa[i] as number) === x) i++;
    while (j < sb.length && (sb[j] as number) === x) j++;
    d = Math.max(d, Math.abs(i / sa.length - j / sb.length));
  }
  return d;
}

/**
 * Area under the ROC curve of scores for positives (label 1) against negatives (0): the
 * Mann–Whitney probability that a random positive outscores a random negative, ties
 * counting one half (average ranks). NaN unless both classes are present.
 */
export function auroc(scores: ArrayLike<number>, labels: ArrayLike<number>): number {
  const n = scores.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((x, y) => (scores[x] as number) - (scores[y] as number));
  let positives = 0;
  let rankSum = 0;
  for (let start = 0; start < n; ) {
    let end = start;
    while (end + 1 < n && (scores[order[end + 1] as number] as number) === (scores[order[start] as number] as number))
      end++;
    const rank = (start + end) / 2 + 1;
    for (let k = start; k <= end; k++) {
      if (labels[order[k] as number]) {
        positives++;
        rankSum += rank;
      }
    }
    start = end + 1;
  }
  const negatives = n - positives;
  if (positives === 0 || negatives === 0) return Number.NaN;
  return (rankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}
