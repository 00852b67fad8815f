import { PCA } from 'ml-pca';
import { UMAP } from 'umap-js';
import type { TopLevelSpec } from 'vega-lite';
import { SOURCE_DOMAIN, SOURCE_RANGE, round } from './render.js';
import type { FeatureMatrix } from '../result-types.js';
import { makeRng, sampleIndices, subSeed } from '../util/rng.js';

export interface EmbeddingInput {
  readonly source: string;
  readonly features: FeatureMatrix;
  readonly ictal?: Uint8Array | undefined;
}

/**
 * 2-D embeddings of the windows' hand-made feature vectors (docs/metrics.md lists them),
 * standardised on the pooled points: PCA (ml-pca, SVD) and UMAP (umap-js: 15 neighbours,
 * min_dist 0.1, 200 epochs, seeded). At most `maxPerSource` windows per source (seeded).
 */
export function embeddingSpec(
  inputs: readonly EmbeddingInput[],
  options: { seed: number; maxPerSource?: number },
): TopLevelSpec {
  const max = options.maxPerSource ?? 400;
  const rows: number[][] = [];
  const meta: { source: string; cls: string }[] = [];
  for (const input of inputs) {
    const rand = makeRng(subSeed(options.seed, `embed/${input.source}`));
    for (const i of sampleIndices(input.features.rows, max, rand)) {
      rows.push(Array.from(input.features.data.subarray(i * input.features.cols, (i + 1) * input.features.cols)));
      meta.push({ source: input.source, cls: input.ictal ? (input.ictal[i] ? 'ictal' : 'non-ictal') : 'unlabelled' });
    }
  }
  const d = rows[0]?.length ?? 0;
  // Standardise columns on the pooled points; constant columns become 0.
  for (let j = 0; j < d; j++) {
    let m = 0;
    for (const r of rows) m += r[j] as number;
    m /= rows.length;
    let v = 0;
    for (const r of rows) v += ((r[j] as number) - m) ** 2;
    const sd = Math.sqrt(v / rows.length) || 1;
    for (const r of rows) r[j] = ((r[j] as number) - m) / sd;
  }
  const values: { method: string; source: string; cls: string; x: number; y: number }[] = [];
  if (rows.length >= 3) {
    const pca = new PCA(rows, { center: true, scale: false });
    const projected = pca.predict(rows, { nComponents: 2 }).to2DArray();
    projected.forEach((p, i) =>
      values.push({
        method: 'PCA',
        ...(meta[i] as { source: string; cls: string }),
        x: round(p[0] ?? 0),
        y: round(p[1] ?? 0),
      }),
    );
  }
  if (rows.length >= 20) {
    const umap = new UMAP({
      nComponents: 2,
      nNeighbors: Math.min(15, rows.length - 1),
      minDist: 0.1,
      nEpochs: 200,
      random: makeRng(subSeed(options.seed, 'umap')),
    });
    const embedded = umap.fit(rows);
    embedded.forEach((p, i) =>
      values.push({
        method: 'UMAP',
        ...(meta[i] as { source: string; cls: string }),
        x: round(p[0] ?? 0),
        y: round(p[1] ?? 0),
      }),
    );
  }
  return {
    data: { values },
    facet: { column: { field: 'method', type: 'nominal', title: null, sort: ['PCA', 'UMAP'] } },
    spec: {
      width: 300,
      height: 300,
      mark: { type: 'point', filled: true, size: 14, opacity: 0.55 },
      encoding: {
        x: { field: 'x', type: 'quantitative', title: null, axis: { labels: false, ticks: false } },
        y: { field: 'y', type: 'quantitative', title: null, axis: { labels: false, ticks: false } },
        color: {
          field: 'source',
          type: 'nominal',
          title: null,
          scale: { domain: SOURCE_DOMAIN.slice(0, 2), range: SOURCE_RANGE.slice(0, 2) },
        },
        shape: { field: 'cls', type: 'nominal', title: null },
      },
    },
    resolve: { scale: { x: 'independent', y: 'independent' } },
  } as TopLevelSpec;
}
