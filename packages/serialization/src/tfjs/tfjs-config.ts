/**
 * What tfjs-layers writes into a `model.json` topology that Keras does not, and back: the reader's
 * `fromTfjsTopology` and the writer's `toTfjsActivation`. Keras 2 conventions both share (list-style
 * nodes, Keras 2's hard_sigmoid) are `keras2ToKeras3`'s.
 */
import { ConfigError, activations, registerActivation } from '@strata/core';
import type { WeightSpec } from './model-json.js';

/** tfjs-layers' `gelu_new`: gelu's tanh approximation, ½x(1 + tanh(√(2/π)(x + 0.044715x³))). */
export const TFJS_GELU_NEW = 'gelu_new';
registerActivation(TFJS_GELU_NEW, (x) => activations.gelu(x, true));

/** The keys of an RNN's own config; tfjs-layers adds its cell's config keys beside them. */
const RNN_KEYS = new Set([
  'name',
  'trainable',
  'dtype',
  'batch_input_shape',
  'batch_size',
  'input_dim',
  'input_length',
  'cell',
  'return_sequences',
  'return_state',
  'go_backwards',
  'stateful',
  'unroll',
  'zero_output_for_mask',
  'time_major',
]);

type Json = Record<string, unknown>;
const isRecord = (value: unknown): value is Json =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

/** One `{ class_name, config }` layer entry made readable for Strata; the layer's weights shapes come from `shapeOf`. */
function fromTfjsLayer(className: string, config: Json, shapeOf: (name: string) => number[] | undefined): Json {
  const out: Json = { ...config };
  if (className === 'RNN') for (const key of Object.keys(out)) if (!RNN_KEYS.has(key)) delete out[key];
  if (className === 'Embedding' && out.input_length === null) delete out.input_length;
  // tfjs-layers leaves depth_multiplier out of SeparableConv2D's config; its depthwise kernel's last axis is it.
  if (className === 'SeparableConv2D' && out.depth_multiplier === undefined) {
    const shape = shapeOf(`${String(out.name)}/depthwise_kernel`);
    if (shape) out.depth_multiplier = shape[shape.length - 1];
  }
  return out;
}

/**
 * A tfjs-layers topology (or any part of it) with tfjs-layers' additions turned into what Keras writes:
 * an `RNN`'s copy of its cell's options removed, `input_length: null` dropped, SeparableConv2D's missing
 * `depth_multiplier` taken from the manifest.
 * @example `fromTfjsTopology(modelJson.modelTopology, specs)`
 */
export function fromTfjsTopology(value: unknown, specs: readonly WeightSpec[]): unknown {
  const shapes = new Map(specs.map((s) => [s.name, s.shape]));
  const walk = (v: unknown, level: number): unknown => {
    if (level > 64) return v; // keras2ToKeras3 refuses configs this deep
    if (Array.isArray(v)) return v.map((item) => walk(item, level + 1));
    if (!isRecord(v)) return v;
    const out: Json = {};
    for (const [key, item] of Object.entries(v)) out[key] = walk(item, level + 1);
    if (typeof out.class_name === 'string' && isRecord(out.config))
      out.config = fromTfjsLayer(out.class_name, out.config, (name) => shapes.get(name));
    return out;
  };
  return walk(value, 0);
}

/** Strata activation names that tfjs-layers spells another way. */
const TFJS_ACTIVATION_NAMES: Readonly<Record<string, string>> = { hard_sigmoid_keras2: 'hard_sigmoid', silu: 'swish' };

/**
 * An activation name as tfjs-layers reads it (`silu` → `swish`; Keras 2's hard_sigmoid → `hard_sigmoid`).
 * @throws ConfigError for Keras 3's `hard_sigmoid` (relu6(x + 3) / 6): tfjs-layers would read the name as
 * Keras 2's clip(0.2x + 0.5, 0, 1) and compute something else.
 */
export function toTfjsActivation(name: string, where: string): string {
  if (name === 'hard_sigmoid') {
    throw new ConfigError(
      `${where}: activation 'hard_sigmoid' is Keras 3's relu6(x + 3) / 6, but tfjs-layers reads that name as Keras 2's clip(0.2x + 0.5, 0, 1); ` +
        `save this model as .keras, or use 'sigmoid' before saving it as model.json.`,
    );
  }
  return TFJS_ACTIVATION_NAMES[name] ?? name;
}

/** Two layer configs equal but for their names and `go_backwards`. */
function mirrored(a: Json, b: Json): boolean {
  const strip = ({ name: _name, go_backwards: _backwards, ...rest }: Json): string => JSON.stringify(rest);
  return strip(a) === strip(b);
}

/**
 * A Bidirectional's Keras 3 config as tfjs-layers reads it: `layer` under its own name (tfjs-layers adds
 * `forward_` itself) and no `backward_layer` (tfjs-layers always mirrors the forward layer).
 * @throws ConfigError for a backward layer that is not the forward layer's mirror, which tfjs-layers cannot represent.
 */
export function toTfjsBidirectional(config: Json, where: string): Json {
  const layer = config.layer as { class_name: string; config: Json } | undefined;
  const backward = config.backward_layer as { class_name: string; config: Json } | undefined;
  if (!isRecord(layer) || !isRecord(layer.config)) return config;
  if (backward && (backward.class_name !== layer.class_name || !mirrored(backward.config, layer.config))) {
    throw new ConfigError(
      `${where}: Bidirectional '${String(config.name)}' has its own backward layer, which tfjs-layers' Bidirectional cannot hold (it always mirrors the forward layer); save this model as .keras.`,
    );
  }
  const name = String(layer.config.name);
  const { backward_layer: _backward, ...rest } = config;
  return {
    ...rest,
    layer: {
      ...layer,
      config: { ...layer.config, name: name.startsWith('forward_') ? name.slice('forward_'.length) : name },
    },
  };
}
