import { defineConfig } from 'vitest/config';

// Workspace packages expose a `source` export condition pointing at src/*.ts,
// so tests exercise the sources directly without a prior build.
const sourceFirst = {
  resolve: { conditions: ['source'] },
  ssr: { resolve: { conditions: ['source'], externalConditions: ['source'] } },
};

const packages = ['data', 'model', 'train', 'eval', 'workflows', 'cli'];

export default defineConfig({
  ...sourceFirst,
  test: {
    projects: packages.map((name) => ({
      ...sourceFirst,
      test: {
        name,
        root: `./packages/${name}`,
        include: ['src/**/*.test.ts'],
        environment: 'node',
        testTimeout: 120_000,
        hookTimeout: 120_000,
      },
    })),
  },
});
