import { strataVitestConfig } from '../../vitest.shared.js';

// --expose-gc: the soak test collects garbage before it measures the JS heap.
export default strataVitestConfig({ execArgv: ['--expose-gc'] });
