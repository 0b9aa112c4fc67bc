import { ConfigError, Layer, fromSerialized, tf } from '@strata/core';
import type { CallOptions, Config, FromConfigOptions, LayerOptions, Mask, Shape } from '@strata/core';
import { RNN } from '../rnn/rnn.js';

/** How the two directions are combined. */
export type MergeMode = 'concat' | 'sum' | 'mul' | 'ave' | null;

/** Options of `Bidirectional`. */
export interface BidirectionalOptions extends LayerOptions {
  /** Default `'concat'`; `null` returns both outputs (`applyMulti`). */
  mergeMode?: MergeMode;
  /** The backward layer (default: a copy of the forward layer with `goBackwards` flipped). */
  backwardLayer?: RNN;
}

const MERGE_MODES: readonly MergeMode[] = ['concat', 'sum', 'mul', 'ave', null];

/** `prefix + name` without doubling a prefix the name already has (Keras's removeprefix). */
function prefixed(prefix: string, name: string): string {
  return prefix + (name.startsWith(prefix) ? name.slice(prefix.length) : name);
}

/** A recurrent layer rebuilt from its config under a new name, optionally reversed. */
function copyOf(layer: RNN, name: string, flip: boolean): RNN {
  const config = { ...layer.getConfig(), name, ...(flip ? { goBackwards: !layer.goBackwards } : {}) };
  return (layer.constructor as typeof RNN).fromConfig(config) as RNN;
}

/**
 * Runs a recurrent layer over the sequence in both directions and merges the two outputs
 * (`concat` by default). With `returnSequences`, the backward outputs are put back in time order
 * first. Weights: the forward layer's, then the backward layer's.
 * @example `new Bidirectional(new LSTM(32, { returnSequences: true }))` — [n, t, f] → [n, t, 64]
 */
export class Bidirectional extends Layer {
  static override className = 'Bidirectional';
  override supportsMasking = true;
  readonly forwardLayer: RNN;
  readonly backwardLayer: RNN;
  readonly mergeMode: MergeMode;

  constructor(layer: RNN, options: BidirectionalOptions = {}) {
    const { mergeMode, backwardLayer, ...rest } = options;
    super(rest);
    if (!(layer instanceof RNN))
      throw new ConfigError(
        `Bidirectional: 'layer' must be a recurrent layer (SimpleRNN, LSTM, GRU, RNN), received ${String(layer)}.`,
      );
    this.mergeMode = mergeMode === undefined ? 'concat' : mergeMode;
    if (!MERGE_MODES.includes(this.mergeMode))
      throw new ConfigError(
        `Bidirectional: 'mergeMode' must be one of concat, sum, mul, ave, null; received ${JSON.stringify(mergeMode)}.`,
      );
    this.forwardLayer = copyOf(layer, prefixed('forward_', layer.name), false);
    this.backwardLayer = backwardLayer
      ? copyOf(backwardLayer, prefixed('backward_', backwardLayer.name), false)
      : copyOf(layer, prefixed('backward_', layer.name.replace(/^forward_/, '')), true);
    if (this.backwardLayer.goBackwards === this.forwardLayer.goBackwards) {
      throw new ConfigError(
        "Bidirectional: the backward layer must have the opposite 'goBackwards' of the forward layer.",
      );
    }
  }

  override build(inputShape: Shape): void {
    this.forwardLayer.build(inputShape);
    this.backwardLayer.build(inputShape);
  }

  override call(inputs: tf.Tensor, { training, mask }: CallOptions = {}): tf.Tensor | tf.Tensor[] {
    const options: CallOptions = { ...(training === undefined ? {} : { training }), ...(mask ? { mask } : {}) };
    const forward = this.forwardLayer.applyMulti(inputs, options);
    const backward = this.backwardLayer.applyMulti(inputs, options);
    const [yForward, ...statesForward] = Array.isArray(forward) ? forward : [forward];
    const [yBackwardRaw, ...statesBackward] = Array.isArray(backward) ? backward : [backward];
    const yBackward = this.forwardLayer.returnSequences ? tf.reverse(yBackwardRaw!, 1) : yBackwardRaw!;
    const merged = this.#merge(yForward!, yBackward);
    const outputs = [...merged, ...statesForward, ...statesBackward];
    return outputs.length === 1 ? outputs[0]! : outputs;
  }

  #merge(a: tf.Tensor, b: tf.Tensor): tf.Tensor[] {
    switch (this.mergeMode) {
      case 'concat':
        return [tf.concat([a, b], -1)];
      case 'sum':
        return [tf.add(a, b)];
      case 'mul':
        return [tf.mul(a, b)];
      case 'ave':
        return [tf.div(tf.add(a, b), 2)];
      default:
        return [a, b];
    }
  }

  override computeMask(_inputs: tf.Tensor | tf.Tensor[], mask: Mask | undefined): Mask {
    const output = this.forwardLayer.returnSequences ? ((Array.isArray(mask) ? mask[0] : mask) ?? null) : null;
    const count =
      (this.mergeMode === null ? 2 : 1) +
      (this.forwardLayer.returnState ? 2 * this.forwardLayer.cell.stateSize.length : 0);
    return count === 1
      ? output
      : Array.from({ length: count }, (_, i) => (i < (this.mergeMode === null ? 2 : 1) ? output : null));
  }

  override getConfig(): Config {
    return {
      ...super.getConfig(),
      mergeMode: this.mergeMode,
      // As Keras 3: the wrapped layers under their prefixed names (re-prefixing on load does not double them).
      layer: { className: this.forwardLayer.className, config: this.forwardLayer.getConfig() },
      backwardLayer: { className: this.backwardLayer.className, config: this.backwardLayer.getConfig() },
    };
  }

  static override fromConfig(config: Config, options: FromConfigOptions = {}): Bidirectional {
    type Entry = { className: string; config: Config };
    const { layer, backwardLayer, ...rest } = config as unknown as {
      layer: Entry;
      backwardLayer?: Entry;
    } & BidirectionalOptions;
    const make = (entry: Entry): RNN => fromSerialized<RNN>(entry, options, 'Bidirectional.fromConfig');
    return new Bidirectional(make(layer), {
      ...rest,
      ...(backwardLayer ? { backwardLayer: make(backwardLayer) } : {}),
    });
  }
}
