import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import type { BackendInfo } from '@accelgan/model';

/** The files of a run directory. */
export function runPaths(runDir: string) {
  return {
    checkpoint: join(runDir, 'checkpoint.bin'),
    config: join(runDir, 'config.json'),
    record: join(runDir, 'run.json'),
    metrics: join(runDir, 'metrics.csv'),
  };
}

/** Versions of everything that can change a result: accelgan's packages, TensorFlow.js, Node. */
export function versions(backend?: BackendInfo): Record<string, string> {
  const own = (pkg: string) => {
    try {
      // src/ and dist/ both sit one level below the package root.
      const url = new URL(`../../${pkg}/package.json`, import.meta.url);
      return (JSON.parse(readFileSync(url, 'utf8')) as { version: string }).version;
    } catch {
      return 'unknown';
    }
  };
  return {
    '@accelgan/train': own('train'),
    '@accelgan/model': own('model'),
    '@accelgan/data': own('data'),
    '@tensorflow/tfjs-core': tf.version_core,
    node: process.versions.node,
    platform: `${process.platform}-${process.arch}`,
    ...(backend ? { backend: backend.name } : {}),
  };
}
