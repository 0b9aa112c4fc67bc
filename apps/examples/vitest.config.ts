import { strataVitestConfig } from '../../vitest.shared.js';

// One file at a time: the browser suites each drive Chromium, which needs both cores (and fair timings).
export default strataVitestConfig({ testTimeout: 120_000, fileParallelism: false });
