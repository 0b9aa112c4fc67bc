// Trains a small classifier (shuffle, dropout, Adam) for 8 epochs with BackupAndRestore and writes
// the final weights as JSON. Run it, kill it, run it again: the weights must equal an uninterrupted run.
import { writeFileSync } from 'node:fs';
import { ready, setRandomSeed, tf } from '@strata/core';
import '@strata/backend-cpu';
import { Adam, Callback, Dense, Dropout, Input, Sequential } from '@strata/layers';
import { BackupAndRestore } from '@strata/serialization';

const [backupDir, out] = process.argv.slice(2);
await ready('cpu');
setRandomSeed(2026);
const x = tf.randomNormal([2048, 32], 0, 1, 'float32', 1);
const y = tf.oneHot(tf.argMax(tf.matMul(x, tf.randomNormal([32, 4], 0, 1, 'float32', 2)), 1), 4);
setRandomSeed(1);
const model = new Sequential([
  Input({ shape: [32] }),
  new Dense(64, { activation: 'relu' }),
  new Dropout(0.2),
  new Dense(4, { activation: 'softmax' }),
]);
model.compile({ optimizer: new Adam({ learningRate: 0.005 }), loss: 'categorical_crossentropy' });
const backup = new BackupAndRestore(backupDir);
class Report extends Callback {
  onTrainBegin() {
    console.log(`resumed ${backup.resumedAt ?? 'no'}`);
  }
  onEpochEnd(epoch) {
    console.log(`epoch ${epoch}`);
  }
}
await model.fit(x, y, { epochs: 8, batchSize: 32, verbose: 0, callbacks: [backup, new Report()] });
writeFileSync(out, JSON.stringify(model.getWeights().map((w) => Array.from(w.dataSync()))));
console.log('done');
