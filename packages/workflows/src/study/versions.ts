import { readFileSync } from 'node:fs';
import type { BackendInfo } from '@accelgan/model';
import { versions } from '@accelgan/train';

/** Versions of everything that can change a unit's result: train's record, plus eval and workflows. */
export function versionsHere(backend?: BackendInfo): Record<string, string> {
  const own = (pkg: string) => {
    try {
      // src/ and dist/ both sit two levels below the packages directory here.
      const url = new URL(`../../../${pkg}/package.json`, import.meta.url);
      return (JSON.parse(readFileSync(url, 'utf8')) as { version: string }).version;
    } catch {
      return 'unknown';
    }
  };
  return { ...versions(backend), '@accelgan/eval': own('eval'), '@accelgan/workflows': own('workflows') };
}
