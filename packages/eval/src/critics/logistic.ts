import type { FeatureMatrix } from '../metrics/features.js';

/**
 * L2-regularised logistic regression fitted by Newton–Raphson (IRLS), with features
 * standardised on the training rows and, by default, their squares as extra columns
 * (also standardised), so the model can also separate sets whose features differ in
 * spread rather than in mean (a narrower synthetic distribution, say). Deterministic:
 * no seed, no learning rate. Hand-written because it is ~100 lines and the JavaScript
 * statistics libraries either lack L2 and sample weights or pull in a matrix stack.
 * Objective: Σ w_i · logloss(y_i, σ(β0 + βᵀz_i)) + (l2/2)·|β|² with Σ w_i = n.
 */
export interface LogisticOptions {
  readonly l2?: number;
  readonly quadratic?: boolean;
  readonly maxIterations?: number;
}

export interface LogisticModel {
  /** Logit β0 + βᵀz of each row; > 0 predicts class 1. */
  predictLogit(x: FeatureMatrix): Float64Array;
}

export function fitLogistic(
  x: FeatureMatrix,
  y: ArrayLike<number>,
  weights?: ArrayLike<number>,
  options: LogisticOptions = {},
): LogisticModel {
  const l2 = options.l2 ?? 1;
  const quadratic = options.quadratic ?? true;
  const maxIterations = options.maxIterations ?? 30;
  const n = x.rows;
  const { mu, sigma } = standardiser(x, quadratic);
  const p = mu.length + 1;
  const design = designMatrix(x, mu, sigma, quadratic);
  const w = new Float64Array(n);
  let wsum = 0;
  for (let i = 0; i < n; i++) wsum += w[i] = weights ? (weights[i] as number) : 1;
  for (let i = 0; i < n; i++) w[i] = ((w[i] as number) * n) / (wsum || 1);

  const beta = new Float64Array(p);
  const grad = new Float64Array(p);
  const hess = new Float64Array(p * p);
  for (let iter = 0; iter < maxIterations; iter++) {
    grad.fill(0);
    hess.fill(0);
    for (let i = 0; i < n; i++) {
      const row = i * p;
      let eta = 0;
      for (let j = 0; j < p; j++) eta += (design[row + j] as number) * (beta[j] as number);
      const prob = sigmoid(eta);
      const r = (w[i] as number) * (prob - (y[i] as number));
      const h = (w[i] as number) * prob * (1 - prob);
      for (let j = 0; j < p; j++) {
        const xj = design[row + j] as number;
        grad[j] = (grad[j] as number) + r * xj;
        const hx = h * xj;
        const hrow = j * p;
        for (let k = 0; k <= j; k++) hess[hrow + k] = (hess[hrow + k] as number) + hx * (design[row + k] as number);
      }
    }
    for (let j = 1; j < p; j++) {
      grad[j] = (grad[j] as number) + l2 * (beta[j] as number);
      hess[j * p + j] = (hess[j * p + j] as number) + l2;
    }
    hess[0] = (hess[0] as number) + 1e-9;
    const step = solveSymmetric(hess, grad, p);
    let maxStep = 0;
    for (let j = 0; j < p; j++) {
      beta[j] = (beta[j] as number) - (step[j] as number);
      maxStep = Math.max(maxStep, Math.abs(step[j] as number));
    }
    if (maxStep < 1e-7) break;
  }
  return {
    predictLogit(test: FeatureMatrix): Float64Array {
      const d = designMatrix(test, mu, sigma, quadratic);
      const out = new Float64Array(test.rows);
      for (let i = 0; i < test.rows; i++) {
        let eta = 0;
        for (let j = 0; j < p; j++) eta += (d[i * p + j] as number) * (beta[j] as number);
        out[i] = eta;
      }
      return out;
    },
  };
}

function sigmoid(t: number): number {
  return t >= 0 ? 1 / (1 + Math.exp(-t)) : Math.exp(t) / (1 + Math.exp(t));
}

/** Means and stds of the columns, then (quadratic) of the squared standardised columns. */
function standardiser(x: FeatureMatrix, quadratic: boolean): { mu: Float64Array; sigma: Float64Array } {
  const d = x.cols;
  const width = quadratic ? 2 * d : d;
  const mu = new Float64Array(width);
  const sigma = new Float64Array(width);
  columnStats(x.data, x.rows, d, 0, mu, sigma);
  if (quadratic) {
    const z2 = new Float64Array(x.rows * d);
    for (let i = 0; i < x.rows; i++) {
      for (let j = 0; j < d; j++) {
        const z = ((x.data[i * d + j] as number) - (mu[j] as number)) / (sigma[j] as number);
        z2[i * d + j] = z * z;
      }
    }
    columnStats(z2, x.rows, d, d, mu, sigma);
  }
  return { mu, sigma };
}

function columnStats(
  data: Float64Array,
  rows: number,
  d: number,
  at: number,
  mu: Float64Array,
  sigma: Float64Array,
): void {
  for (let j = 0; j < d; j++) {
    let s = 0;
    for (let i = 0; i < rows; i++) s += data[i * d + j] as number;
    const m = s / Math.max(1, rows);
    let v = 0;
    for (let i = 0; i < rows; i++) {
      const e = (data[i * d + j] as number) - m;
      v += e * e;
    }
    const sd = Math.sqrt(v / Math.max(1, rows));
    mu[at + j] = m;
    sigma[at + j] = sd > 1e-12 * Math.max(1, Math.abs(m)) ? sd : Number.POSITIVE_INFINITY; // constant column → 0
  }
}

/** [rows × (1 + width)]: an intercept column, then standardised (and squared) features. */
function designMatrix(x: FeatureMatrix, mu: Float64Array, sigma: Float64Array, quadratic: boolean): Float64Array {
  const d = x.cols;
  const p = mu.length + 1;
  const out = new Float64Array(x.rows * p);
  for (let i = 0; i < x.rows; i++) {
    const row = i * p;
    out[row] = 1;
    for (let j = 0; j < d; j++) {
      const z = ((x.data[i * d + j] as number) - (mu[j] as number)) / (sigma[j] as number);
      out[row + 1 + j] = z;
      if (quadratic) out[row + 1 + d + j] = (z * z - (mu[d + j] as number)) / (sigma[d + j] as number);
    }
  }
  return out;
}

/** Solves H s = g for symmetric positive-definite H (lower triangle filled) by Cholesky. */
function solveSymmetric(h: Float64Array, g: Float64Array, p: number): Float64Array {
  const l = new Float64Array(p * p);
  for (let j = 0; j < p; j++) {
    let diag = h[j * p + j] as number;
    for (let k = 0; k < j; k++) diag -= (l[j * p + k] as number) ** 2;
    const ljj = Math.sqrt(Math.max(diag, 1e-12));
    l[j * p + j] = ljj;
    for (let i = j + 1; i < p; i++) {
      let s = h[i * p + j] as number;
      for (let k = 0; k < j; k++) s -= (l[i * p + k] as number) * (l[j * p + k] as number);
      l[i * p + j] = s / ljj;
    }
  }
  const z = new Float64Array(p);
  for (let i = 0; i < p; i++) {
    let s = g[i] as number;
    for (let k = 0; k < i; k++) s -= (l[i * p + k] as number) * (z[k] as number);
    z[i] = s / (l[i * p + i] as number);
  }
  const out = new Float64Array(p);
  for (let i = p - 1; i >= 0; i--) {
    let s = z[i] as number;
    for (let k = i + 1; k < p; k++) s -= (l[k * p + i] as number) * (out[k] as number);
    out[i] = s / (l[i * p + i] as number);
  }
  return out;
}
