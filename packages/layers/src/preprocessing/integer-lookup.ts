import { tf } from '@strata/core';
import type { Config } from '@strata/core';
import { IndexLookup } from './index-lookup.js';
import type { IndexLookupOptions } from './index-lookup.js';

/** Options of `IntegerLookup` (Keras defaults: one OOV index shown as −1, no mask token). */
export type IntegerLookupOptions = IndexLookupOptions<number>;

/**
 * Maps arbitrary integer ids (e.g. product codes) to contiguous indices through a vocabulary
 * (index 0 is OOV, shown as −1, unless a mask token takes it), or back with `invert`.
 * @example `new IntegerLookup({ vocabulary: [12, 36, 1138] }).apply(tf.tensor1d([36, 7], 'int32'))` → `[2, 0]`
 */
export class IntegerLookup extends IndexLookup<number> {
  static override className = 'IntegerLookup';

  constructor(options: IntegerLookupOptions = {}) {
    super(options, { oovToken: -1, tokenDtype: 'int32' });
  }

  protected tokensOf(x: tf.Tensor): number[] {
    return Array.from(x.dataSync() as ArrayLike<number>);
  }

  protected decode(indices: number[], shape: number[]): tf.Tensor {
    return tf.tensor(this.tokenAt(indices), shape, 'int32');
  }

  protected parseTokens(lines: string[]): number[] {
    return lines.map(Number);
  }

  static override fromConfig(config: Config): IntegerLookup {
    const { sparse: _sparse, vocabularyDtype: _dtype, ...options } = config as IntegerLookupOptions & Config;
    return new IntegerLookup(options);
  }
}
