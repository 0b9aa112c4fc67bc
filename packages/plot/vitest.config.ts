import { strataVitestConfig } from '../../vitest.shared.js';

export default strataVitestConfig();
