import { getBackend, listBackends, numTensors, ops, ready } from '@strata/core';
import type { Layer, Tensor } from '@strata/core';
import '@strata/backend-cpu';
import { Conv2D, Dense, Flatten, Input, LSTM, MaxPooling2D, Sequential } from '@strata/layers';
import { benchData } from './data.js';
import type { BenchLibrary } from './library.js';
import { matmulRound } from './workloads.js';
import type { LayerSpec, Workload } from './workloads.js';

function strataLayer(spec: LayerSpec): Layer {
  switch (spec.type) {
    case 'dense':
      return new Dense(spec.units, { activation: spec.activation });
    case 'conv2d':
      return new Conv2D(spec.filters, spec.kernelSize, { activation: 'relu' });
    case 'maxPool2d':
      return new MaxPooling2D(2);
    case 'flatten':
      return new Flatten();
    case 'lstm':
      return new LSTM(spec.units, { recurrentInitializer: 'glorot_uniform' });
  }
}

/** Strata on the backend named by `backend` (`@strata/backend-cpu`: 'wasm' or 'cpu'). */
export function strataLibrary(backend: string): BenchLibrary {
  let run: () => Promise<void> = async () => undefined;
  return {
    name: 'strata',
    backendDescription: () => {
      const info = listBackends().find((b) => b.name === getBackend());
      return `${getBackend()}${info?.capabilities.multiThreaded?.() ? ' (multi-threaded)' : ''}`;
    },
    numTensors,
    async setup(workload: Workload) {
      await ready(backend);
      if (workload.kind === 'matmul') {
        const [n, m] = workload.inputShape as [number, number];
        const a = ops.randomUniform([n, m]);
        const b = ops.randomUniform([m, n]);
        run = () => matmulRound(() => ops.matmul(a, b));
      } else {
        const data = benchData(workload);
        const x: Tensor = ops.reshape(ops.convertToTensor(data.x), data.xShape);
        const y: Tensor = ops.convertToTensor(data.y, 'int32');
        const model = new Sequential([Input({ shape: [...workload.inputShape] }), ...workload.layers.map(strataLayer)]);
        model.compile({ optimizer: 'adam', loss: 'sparse_categorical_crossentropy', metrics: ['accuracy'] });
        run =
          workload.kind === 'fit'
            ? async () => {
                await model.fit(x, y, { batchSize: workload.batchSize, epochs: 1, verbose: 0 });
              }
            : async () => {
                const predictions = model.predict(x, { batchSize: workload.batchSize }) as Tensor;
                await predictions.data();
                predictions.dispose();
              };
      }
      await run();
    },
    round: () => run(),
  };
}
