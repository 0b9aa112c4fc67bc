/**
 * The smallest GPU-only Strata app: only @strata/core, @strata/layers and @strata/backend-gpu are
 * installed. It trains a small classifier on the GPU backend `ready()` picks and reports the result.
 */
import { listBackends, ready, setRandomSeed, tf } from '@strata/core';
import '@strata/backend-gpu';
import { Dense, Input, Sequential } from '@strata/layers';

const backend = await ready();
document.getElementById('backend')!.textContent = backend;

setRandomSeed(7);
// Points inside the unit circle (class 1) or outside it (class 0).
const x = tf.randomUniform([512, 2], -1.5, 1.5, 'float32', 7);
const y = tf.tidy(() => tf.cast(tf.less(tf.sum(tf.square(x), 1), 1), 'float32'));
const model = new Sequential([
  Input({ shape: [2] }),
  new Dense(16, { activation: 'relu' }),
  new Dense(16, { activation: 'relu' }),
  new Dense(1, { activation: 'sigmoid' }),
]);
model.compile({ optimizer: 'adam', loss: 'binary_crossentropy', metrics: ['accuracy'] });
const history = await model.fit(x, y, { epochs: 30, batchSize: 32, verbose: 0 });
const losses = history.history.loss!;
document.getElementById('losses')!.textContent = losses.map((l) => l.toFixed(3)).join(' ');

const result = {
  backend,
  registered: listBackends().map((b) => b.name),
  firstLoss: losses[0]!,
  lastLoss: losses[losses.length - 1]!,
  accuracy: history.history.accuracy![losses.length - 1]!,
};
(window as unknown as { strataGpuOnly: typeof result }).strataGpuOnly = result;
document.body.dataset.done = 'true';
tf.dispose([x, y]);
