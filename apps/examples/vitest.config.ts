import { strataVitestConfig } from '../../vitest.shared.js';

export default strataVitestConfig({ testTimeout: 120_000 });
