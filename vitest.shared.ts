import { defineConfig, type ViteUserConfig } from 'vitest/config';

/**
 * Vitest settings shared by every workspace package: workspace packages resolve to their TypeScript
 * sources through the `strata-source` export condition, so tests never need a prior build.
 */
export function strataVitestConfig(test: { testTimeout?: number; fileParallelism?: boolean } = {}): ViteUserConfig {
  const conditions = ['strata-source', 'module', 'node', 'import', 'default'];
  return defineConfig({
    resolve: { conditions },
    ssr: { resolve: { conditions, externalConditions: ['strata-source'] } },
    test: {
      include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
      testTimeout: test.testTimeout ?? 30_000,
      pool: 'forks',
      fileParallelism: test.fileParallelism ?? true,
    },
  });
}
