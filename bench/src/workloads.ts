/**
 * The workloads `pnpm bench` runs, each the same for Strata and tfjs-layers: same architecture, optimizer
 * (Adam, learning rate 1e-3), loss, batch size and data (seeded, see data.ts). One round is one `fit` epoch
 * over `samples` rows (shuffled, as both libraries do by default), one `predict` over `samples` rows, or
 * `matmulRepeats` products of two 1024×1024 matrices.
 */
export type WorkloadKind = 'fit' | 'predict' | 'matmul';

/** A benchmark workload. */
export interface Workload {
  /** Stable key used in results/latest.json. */
  readonly id: string;
  /** What the table prints. */
  readonly title: string;
  readonly kind: WorkloadKind;
  /** Layers, in order, in a notation both builders understand. */
  readonly layers: readonly LayerSpec[];
  /** One sample's shape (without the batch axis). */
  readonly inputShape: readonly number[];
  readonly batchSize: number;
  /** Rows per round (fit: one epoch; predict: one call). */
  readonly samples: number;
  /** Rounds per library; the libraries alternate round by round. */
  readonly rounds: number;
}

/** A layer both libraries build identically. */
export type LayerSpec =
  | { readonly type: 'dense'; readonly units: number; readonly activation: 'relu' | 'softmax' }
  | { readonly type: 'conv2d'; readonly filters: number; readonly kernelSize: number }
  | { readonly type: 'maxPool2d' }
  | { readonly type: 'flatten' }
  /** Recurrent kernel initialised glorot-uniform in both (tfjs-layers' orthogonal initializer needs tfjs's chained ops). */
  | { readonly type: 'lstm'; readonly units: number };

const mlpLayers: readonly LayerSpec[] = [
  { type: 'dense', units: 256, activation: 'relu' },
  { type: 'dense', units: 128, activation: 'relu' },
  { type: 'dense', units: 10, activation: 'softmax' },
];

/** Every workload, in the order the table prints them. */
export const WORKLOADS: readonly Workload[] = [
  {
    id: 'tutorial-fit',
    title: 'tutorial 16-64-64-10, fit, batch 32',
    kind: 'fit',
    layers: [
      { type: 'dense', units: 64, activation: 'relu' },
      { type: 'dense', units: 64, activation: 'relu' },
      { type: 'dense', units: 10, activation: 'softmax' },
    ],
    inputShape: [16],
    batchSize: 32,
    samples: 32 * 300,
    rounds: 12,
  },
  {
    id: 'mlp-fit',
    title: 'MLP 784-256-128-10, fit, batch 128',
    kind: 'fit',
    layers: mlpLayers,
    inputShape: [784],
    batchSize: 128,
    samples: 128 * 40,
    rounds: 8,
  },
  {
    id: 'cnn-fit',
    title: 'CNN conv32-pool-conv64-pool-128-10, fit, batch 64',
    kind: 'fit',
    layers: [
      { type: 'conv2d', filters: 32, kernelSize: 3 },
      { type: 'maxPool2d' },
      { type: 'conv2d', filters: 64, kernelSize: 3 },
      { type: 'maxPool2d' },
      { type: 'flatten' },
      { type: 'dense', units: 128, activation: 'relu' },
      { type: 'dense', units: 10, activation: 'softmax' },
    ],
    inputShape: [28, 28, 1],
    batchSize: 64,
    samples: 64 * 8,
    rounds: 4,
  },
  {
    id: 'lstm-fit',
    title: 'LSTM(64) over 32 steps of 16, fit, batch 32',
    kind: 'fit',
    layers: [
      { type: 'lstm', units: 64 },
      { type: 'dense', units: 10, activation: 'softmax' },
    ],
    inputShape: [32, 16],
    batchSize: 32,
    samples: 32 * 10,
    rounds: 4,
  },
  {
    id: 'mlp-predict',
    title: 'MLP predict, 16,384 rows, batch 1,024',
    kind: 'predict',
    layers: mlpLayers,
    inputShape: [784],
    batchSize: 1024,
    samples: 16_384,
    rounds: 6,
  },
  {
    id: 'matmul-1024',
    title: 'matmul 1024x1024x1024 (GFLOP/s)',
    kind: 'matmul',
    layers: [],
    inputShape: [1024, 1024],
    batchSize: 1,
    samples: 1,
    rounds: 6,
  },
];

/** Products per matmul round. */
export const MATMUL_REPEATS = 8;

/** One matmul round: `MATMUL_REPEATS` products, each read back (so the work really ran) and freed. */
export async function matmulRound(multiply: () => { data(): Promise<unknown>; dispose(): void }): Promise<void> {
  for (let i = 0; i < MATMUL_REPEATS; i++) {
    const product = multiply();
    await product.data();
    product.dispose();
  }
}

/** The workload with this id, or an error listing the ids. */
export function findWorkload(id: string): Workload {
  const workload = WORKLOADS.find((w) => w.id === id);
  if (!workload) throw new Error(`Unknown workload '${id}'. Known: ${WORKLOADS.map((w) => w.id).join(', ')}.`);
  return workload;
}
