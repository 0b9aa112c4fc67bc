// Saves the same model over and over to one path, each time with every weight set to the save's
// number, and reports each finished save. The interruption test kills it at random moments.
import { ready, tf } from '@strata/core';
import '@strata/backend-cpu';
import { Dense, Input, Sequential } from '@strata/layers';
import { saveModel } from '@strata/serialization';

const [path] = process.argv.slice(2);
await ready('cpu');
const model = new Sequential([Input({ shape: [1024] }), new Dense(1024), new Dense(16)]);
console.log('ready');
for (let i = 0; ; i++) {
  model.setWeights(model.weights.map((w) => tf.fill(w.shape, i)));
  await saveModel(model, path);
  console.log(`saved ${i}`);
}
