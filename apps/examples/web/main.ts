/**
 * The Strata demo page: pick a backend, train the MNIST MLP or a small CNN with a live chart, draw a
 * digit and see the prediction, keep the model in IndexedDB across page loads, open a `.keras` file.
 * Bundlers find the wasm binaries and workers on their own; nothing is configured.
 */
import { getBackend, ready, setRandomSeed, tf } from '@strata/core';
import '@strata/backend-gpu';
import { wasmThreadCount } from '@strata/backend-cpu';
import { Callback } from '@strata/layers';
import type { Logs, Model } from '@strata/layers';
import { listIndexedDBModels, loadModel, saveModel } from '@strata/serialization';
import { mnistCnn, mnistMlp } from '../src/mnist-models.js';
import { TrainingChart } from './chart.js';
import { DrawPad } from './draw-pad.js';
import { browserDigits } from './mnist-browser.js';

const STORED_MODEL = 'indexeddb://strata-mnist';
const BATCH_SIZE = 64;

const $ = <T extends HTMLElement>(id: string): T => document.getElementById(id) as T;
const status = (text: string): void => void ($('status').textContent = text);

/** What the page did, for people and for the end-to-end test. */
const demo = {
  state: 'starting' as 'starting' | 'idle' | 'training' | 'trained' | 'loaded' | 'error',
  epochs: [] as { epoch: number; samplesPerSecond: number; logs: Logs }[],
  testAccuracy: undefined as number | undefined,
  prediction: undefined as { digit: number; probabilities: number[] } | undefined,
  /** Threads of the wasm backend (more than 1 only when the page is cross-origin isolated). */
  wasmThreads: 1,
};
declare global {
  interface Window {
    strataDemo: typeof demo;
  }
}
window.strataDemo = demo;

function setState(state: typeof demo.state): void {
  demo.state = state;
  document.body.dataset.state = state;
}

let model: Model | undefined;
const chart = new TrainingChart($('chart'));
const pad = new DrawPad($('pad'), () => void predict());

function describe(m: Model): string {
  return `${m.name}: ${m.layers.length} layers, ${m.countParams().toLocaleString('en')} parameters`;
}

function useModel(m: Model, state: 'trained' | 'loaded'): void {
  if (model && model !== m) model.dispose();
  model = m;
  $('model-info').textContent = describe(m);
  ($('save') as HTMLButtonElement).disabled = false;
  setState(state);
}

/** Updates the epoch progress and the chart; reads nothing (fit hands over the values it last read). */
class PageProgress extends Callback {
  override readonly batchLogs = 'latest';
  #epoch = 0;
  #started = 0;
  #trainedAt = 0;
  #lastLoss: number | undefined;
  constructor(
    private readonly steps: number,
    private readonly samples: number,
    private readonly epochs: number,
  ) {
    super();
  }
  override onEpochBegin(epoch: number): void {
    this.#epoch = epoch;
    this.#started = performance.now();
    $('epoch').textContent = `${epoch + 1}/${this.epochs}`;
  }
  override onTrainBatchEnd(batch: number, logs: Logs = {}): void {
    ($('epoch-progress') as HTMLProgressElement).value = (batch + 1) / this.steps;
    this.#trainedAt = performance.now();
    if (logs.loss !== undefined && logs.loss !== this.#lastLoss) {
      this.#lastLoss = logs.loss;
      chart.add(this.#epoch + (batch + 1) / this.steps, logs);
      $('metrics').textContent = `loss ${logs.loss.toFixed(4)} · accuracy ${(logs.accuracy ?? 0).toFixed(4)}`;
    }
  }
  override onEpochEnd(epoch: number, logs: Logs = {}): void {
    const samplesPerSecond = this.samples / ((this.#trainedAt - this.#started) / 1000);
    demo.epochs.push({ epoch, samplesPerSecond, logs: { ...logs } });
    chart.add(epoch + 1, logs);
    $('metrics').textContent =
      `loss ${logs.loss!.toFixed(4)} · accuracy ${logs.accuracy!.toFixed(4)} · val_accuracy ${logs.val_accuracy!.toFixed(4)}`;
    $('throughput').textContent = `${Math.round(samplesPerSecond).toLocaleString('en')} samples/s`;
  }
}

/** Shows the backend in use, with the wasm thread count (served with COOP/COEP headers, wasm uses every core). */
function showBackend(name: string): void {
  demo.wasmThreads = wasmThreadCount();
  $('active-backend').textContent =
    name === 'wasm' ? `wasm (${demo.wasmThreads} thread${demo.wasmThreads > 1 ? 's' : ''})` : name;
}

async function train(): Promise<void> {
  const choice = ($('backend') as HTMLSelectElement).value;
  const epochs = Number(($('epochs') as HTMLInputElement).value);
  const count = Number(($('samples') as HTMLInputElement).value);
  setState('training');
  ($('train') as HTMLButtonElement).disabled = true;
  const owned: tf.Tensor[] = [];
  try {
    showBackend(await ready(choice === 'auto' ? undefined : choice));
    status('Loading digits…');
    setRandomSeed(1234);
    const { train: trainSet, test } = await browserDigits(count, 1000);
    const next = ($('model') as HTMLSelectElement).value === 'cnn' ? mnistCnn() : mnistMlp();
    next.compile({ optimizer: 'adam', loss: 'sparse_categorical_crossentropy', metrics: ['accuracy'] });
    const x = tf.tensor2d(trainSet.images, [trainSet.count, 784]);
    const y = tf.tensor1d(trainSet.labels, 'int32');
    const xTest = tf.tensor2d(test.images, [test.count, 784]);
    const yTest = tf.tensor1d(test.labels, 'int32');
    owned.push(x, y, xTest, yTest);
    chart.reset();
    demo.epochs = [];
    status(`Training ${next.name} on ${getBackend()}…`);
    const steps = Math.ceil(trainSet.count / BATCH_SIZE);
    await next.fit(x, y, {
      epochs,
      batchSize: BATCH_SIZE,
      verbose: 0,
      validationData: [xTest, yTest],
      callbacks: [new PageProgress(steps, trainSet.count, epochs)],
    });
    const result = (await next.evaluate(xTest, yTest, { verbose: 0, returnDict: true })) as Logs;
    demo.testAccuracy = result.accuracy;
    $('test-accuracy').textContent = `${(result.accuracy! * 100).toFixed(2)}%`;
    useModel(next, 'trained');
    status('Trained. Draw a digit, or save the model.');
  } catch (error) {
    setState('error');
    status(`Training failed: ${(error as Error).message}`);
    throw error;
  } finally {
    tf.dispose(owned);
    ($('train') as HTMLButtonElement).disabled = false;
  }
}

async function predict(): Promise<void> {
  if (!model) return status('Train or load a model first.');
  const pixels = pad.pixels();
  const input = tf.tensor2d(pixels, [1, 784]);
  const shape = model.inputs[0]?.shape ?? [null, 784];
  const reshaped = shape.length === 2 ? input : tf.reshape(input, [1, ...shape.slice(1).map((d) => d ?? 1)]);
  const output = model.predict(reshaped) as tf.Tensor;
  const probabilities = Array.from(await output.data());
  tf.dispose([input, reshaped, output]);
  const digit = probabilities.indexOf(Math.max(...probabilities));
  demo.prediction = { digit, probabilities };
  $('prediction').textContent = String(digit);
  $('probabilities').innerHTML = probabilities
    .map((p, i) => `<li class="${i === digit ? 'best' : ''}">${(p * 100).toFixed(1)}%</li>`)
    .join('');
}

async function save(): Promise<void> {
  if (!model) return;
  const bytes = await saveModel(model, STORED_MODEL);
  status(`Saved ${model.name} to IndexedDB (${(bytes.length / 1024).toFixed(0)} KB, .keras format).`);
  document.body.dataset.saved = 'true';
}

async function load(source: string | File, label: string): Promise<void> {
  try {
    useModel(await loadModel(source), 'loaded');
    status(`Loaded ${label}.`);
    if (pad.pixels().some((v) => v > 0)) await predict();
  } catch (error) {
    status(`Could not load ${label}: ${(error as Error).message}`);
  }
}

$('train').addEventListener('click', () => void train().catch(() => undefined));
$('predict').addEventListener('click', () => void predict());
$('clear').addEventListener('click', () => {
  pad.clear();
  $('prediction').textContent = '–';
  $('probabilities').innerHTML = '';
});
$('save').addEventListener('click', () => void save());
$('load').addEventListener('click', () => void load(STORED_MODEL, 'the model saved in IndexedDB'));
$('file').addEventListener('change', (event) => {
  const file = (event.target as HTMLInputElement).files?.[0];
  if (file) void load(file, file.name);
});

// ?backend=webgl (or webgpu, wasm, cpu) picks the backend from the start; otherwise the best one.
const requested = new URLSearchParams(location.search).get('backend');
if (requested) ($('backend') as HTMLSelectElement).value = requested;
const backend = await ready(requested ?? undefined);
showBackend(backend);
document.body.dataset.backend = backend;
const stored = await listIndexedDBModels().catch(() => []);
const previous = stored.find((m) => `indexeddb://${m.name}` === STORED_MODEL);
status(
  previous
    ? `A model saved on ${new Date(previous.savedAt).toLocaleString()} is in IndexedDB: press "Load from IndexedDB".`
    : 'Train a model to begin.',
);
setState('idle');
