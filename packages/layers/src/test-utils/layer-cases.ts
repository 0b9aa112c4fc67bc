/**
 * The layer configurations every harness runs: the Node harness (layer-catalog.test.ts, on cpu and
 * wasm) and the browser parity suite (apps/examples/browser, webgl and webgpu against cpu). Each family
 * folder declares its layers' cases in its `cases.ts`; `layer-cases.generated.ts` gathers them. No test
 * framework is imported here, so browsers can load it.
 */
import type { Layer, tf } from '@strata/core';

/** One layer configuration to test. */
export interface LayerTestCase {
  /** Makes a fresh layer (called several times). */
  make: () => Layer;
  /** The input shape including the batch dimension (the batch size is the first entry); a list of shapes for several inputs. */
  inputShape: number[] | number[][];
  /** The expected output shape, batch included. */
  outputShape: number[];
  inputDtype?: 'float32' | 'int32' | 'string';
  /** Input values; default standard normal (floats) or ids in [0, 10) (ints). */
  input?: () => tf.Tensor;
  /** The symbolic output shape where it is not `outputShape` with a `null` batch (a dimension known only at run time). */
  symbolicOutputShape?: (number | null)[];
  /** Whether a model of this layer can be fit to a target of `outputShape` (default true; not for layers that change the shape in training). */
  fits?: boolean;
  /** Expected numbers of trainable and non-trainable weights after build. */
  weights?: { trainable: number; nonTrainable: number };
  /** Whether a training step must change the trainable weights (default: when there are any). */
  trains?: boolean;
  /** Check gradients against finite differences (default true for float inputs; false for non-differentiable layers). */
  gradients?: boolean;
}

export { LAYER_CASES } from './layer-cases.generated.js';
