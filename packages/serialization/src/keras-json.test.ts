import { describe, expect, it } from 'vitest';
import { ready } from '@strata/core';
import type { Config } from '@strata/core';
import '@strata/backend-cpu';
import { Dense } from '@strata/layers';
import { fromKerasJson, toKerasJson } from './index.js';

// The Dense entry of fixtures/keras3/seed_sequential/model.keras (config.json), as Keras 3.16 wrote it.
const kerasDense = {
  name: 'dense',
  trainable: true,
  units: 64,
  activation: 'relu',
  use_bias: true,
  kernel_initializer: {
    module: 'keras.initializers',
    class_name: 'GlorotUniform',
    config: { seed: null },
    registered_name: null,
  },
  bias_initializer: { module: 'keras.initializers', class_name: 'Zeros', config: {}, registered_name: null },
  kernel_regularizer: null,
  bias_regularizer: null,
  kernel_constraint: null,
  bias_constraint: null,
  quantization_config: null,
};

describe('Keras JSON key mapping', () => {
  it('maps camelCase configs to Keras snake_case and back', () => {
    const strata = {
      useBias: true,
      kernelInitializer: { className: 'Zeros', config: {} },
      batchInputShape: [null, 16],
    };
    const keras = toKerasJson(strata);
    expect(keras).toEqual({
      use_bias: true,
      kernel_initializer: { class_name: 'Zeros', config: {} },
      batch_input_shape: [null, 16],
    });
    expect(fromKerasJson(keras)).toEqual(strata);
  });

  it('rebuilds a Dense layer from the config Keras wrote, and writes the same keys back', async () => {
    await ready('cpu');
    const dense = Dense.fromConfig(fromKerasJson(kerasDense) as Config);
    expect(dense.units).toBe(64);
    expect(dense.weightSettings.kernelInitializer.className).toBe('GlorotUniform');
    dense.build([null, 16]);
    expect(dense.kernel!.shape).toEqual([16, 64]);
    const written = toKerasJson({ ...dense.getConfig(), dtype: undefined }) as Record<string, unknown>;
    const expectedKeys = Object.keys(kerasDense).sort();
    expect(Object.keys(written).sort()).toEqual(expectedKeys);
    expect(written.activation).toBe('relu');
    expect((written.kernel_initializer as Record<string, unknown>).class_name).toBe('GlorotUniform');
  });
});
