import { defineConfig } from 'vitest/config';
import type { ViteUserConfig } from 'vitest/config';

/**
 * Vitest settings shared by every workspace package: workspace packages resolve to their TypeScript
 * sources through the `strata-source` export condition, so tests never need a prior build.
 */
export function strataVitestConfig(
  test: { testTimeout?: number; fileParallelism?: boolean; execArgv?: string[] } = {},
): ViteUserConfig {
  const conditions = ['strata-source', 'module', 'node', 'import', 'default'];
  return defineConfig({
    resolve: { conditions },
    ssr: { resolve: { conditions, externalConditions: ['strata-source'] } },
    test: {
      include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
      testTimeout: test.testTimeout ?? 30_000,
      pool: 'forks',
      fileParallelism: test.fileParallelism ?? true,
      ...(test.execArgv ? { execArgv: test.execArgv } : {}),
      // h5wasm prints HDF5's diagnostics for every corrupt file the fuzz suites feed it; the errors
      // themselves reach the tests as FormatErrors.
      onConsoleLog: (log: string) => !isHdf5Diagnostic(log),
    },
  });
}

/** Whether a console line is one of HDF5's own diagnostics ("HDF5-DIAG: Error detected ...", "  #001: ...", "    major: ..."). */
function isHdf5Diagnostic(log: string): boolean {
  return log.startsWith('HDF5-DIAG') || /^\s+(#\d{3}:|major:|minor:)/.test(log);
}
