// Beyond the tutorial: compile, fit, evaluate, predict, save and load, as a user does next.
import { ready, ops } from '@strata/core';
import '@strata/backend-cpu';
import { Sequential, Dense } from '@strata/layers';

await ready();

const model = new Sequential([
  new Dense(64, { activation: 'relu', inputShape: [16] }),
  new Dense(64, { activation: 'relu' }),
  new Dense(10, { activation: 'softmax' }),
]);
model.compile({ optimizer: 'adam', loss: 'sparse_categorical_crossentropy', metrics: ['accuracy'] });

const x = ops.randomNormal([1024, 16]);
const y = ops.randomUniformInt([1024], 0, 10);
const history = await model.fit(x, y, { epochs: 5, batchSize: 32, validationSplit: 0.2 });
// expect: a Keras-style progress bar per epoch (Epoch 1/5 ... loss: ... - accuracy: ... - val_loss: ...)
console.log(Object.keys(history.history)); // expect: ['accuracy', 'loss', 'val_accuracy', 'val_loss']
console.log(await model.evaluate(x, y, { verbose: 0 })); // expect: [loss, accuracy]
// Saving and loading (the rest of ../shared/api/13-train-save-load.ts) arrive with @strata/serialization's file formats.
