/**
 * Every single-input layer through the shared harness (test-utils/layer-test.ts): build, symbolic and
 * eager calls, output shape, config round trip, one training step on cpu and wasm, no leaks.
 * Merge layers (several inputs) are covered in models/functional.test.ts and the Keras fixtures.
 */
import { beforeAll, describe, it } from 'vitest';
import { ready } from '@strata/core';
import '@strata/backend-cpu';
import { LAYER_CASES } from './test-utils/layer-cases.js';
import { runLayerTest } from './test-utils/layer-test.js';

beforeAll(async () => {
  await ready('cpu');
});

describe('the layer catalog through the shared harness', () => {
  for (const [name, test] of Object.entries(LAYER_CASES)) it(name, () => runLayerTest(test));
});
