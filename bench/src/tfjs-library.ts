import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { getThreadsCount } from '@tensorflow/tfjs-backend-wasm';
import * as tfl from '@tensorflow/tfjs-layers';
import { benchData } from './data.js';
import type { BenchLibrary } from './library.js';
import { matmulRound } from './workloads.js';
import type { LayerSpec, Workload } from './workloads.js';

function tfjsLayer(spec: LayerSpec, inputShape: number[] | undefined): tfl.layers.Layer {
  const first = inputShape ? { inputShape } : {};
  switch (spec.type) {
    case 'dense':
      return tfl.layers.dense({ units: spec.units, activation: spec.activation, ...first });
    case 'conv2d':
      return tfl.layers.conv2d({ filters: spec.filters, kernelSize: spec.kernelSize, activation: 'relu', ...first });
    case 'maxPool2d':
      return tfl.layers.maxPooling2d({ poolSize: 2 });
    case 'flatten':
      return tfl.layers.flatten();
    case 'lstm':
      return tfl.layers.lstm({ units: spec.units, recurrentInitializer: 'glorotUniform', ...first });
  }
}

/** `@tensorflow/tfjs-layers` 4.22 on tfjs's own backend package (`wasm`: tfjs-backend-wasm as published). */
export function tfjsLibrary(backend: string): BenchLibrary {
  let run: () => Promise<void> = async () => undefined;
  return {
    name: 'tfjs-layers',
    backendDescription: () =>
      tf.getBackend() === 'wasm'
        ? `wasm (${getThreadsCount()} thread${getThreadsCount() > 1 ? 's' : ''})`
        : tf.getBackend(),
    numTensors: () => tf.memory().numTensors,
    async setup(workload: Workload) {
      if (!(await tf.setBackend(backend))) throw new Error(`tfjs could not initialise backend '${backend}'.`);
      if (workload.kind === 'matmul') {
        const [n, m] = workload.inputShape as [number, number];
        const a = tf.randomUniform([n, m]);
        const b = tf.randomUniform([m, n]);
        run = () => matmulRound(() => tf.matMul(a, b));
      } else {
        const data = benchData(workload);
        const x = tf.tensor(data.x, data.xShape);
        const y = tf.tensor1d(data.y);
        const model = tfl.sequential({
          layers: workload.layers.map((spec, i) => tfjsLayer(spec, i === 0 ? [...workload.inputShape] : undefined)),
        });
        model.compile({ optimizer: 'adam', loss: 'sparseCategoricalCrossentropy', metrics: ['acc'] });
        run =
          workload.kind === 'fit'
            ? async () => {
                const history = await model.fit(x, y, { batchSize: workload.batchSize, epochs: 1, verbose: 0 });
                void history;
              }
            : async () => {
                const predictions = model.predict(x, { batchSize: workload.batchSize }) as tf.Tensor;
                await predictions.data();
                predictions.dispose();
              };
      }
      await run();
    },
    round: () => run(),
  };
}
