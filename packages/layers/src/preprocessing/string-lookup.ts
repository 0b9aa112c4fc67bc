import { tf } from '@strata/core';
import type { Config } from '@strata/core';
import { IndexLookup } from './index-lookup.js';
import type { IndexLookupOptions } from './index-lookup.js';

/** Options of `StringLookup` (Keras defaults: one OOV index shown as `'[UNK]'`, no mask token). */
export type StringLookupOptions = IndexLookupOptions<string>;

/**
 * Maps strings to integer indices through a vocabulary (index 0 is the OOV token `'[UNK]'`, unless a
 * mask token takes it), or back with `invert`.
 * @example
 * ```ts
 * const lookup = new StringLookup({ vocabulary: ['a', 'b', 'c'] });
 * lookup.apply(tf.tensor([['a', 'c', 'z']]));   // [[1, 3, 0]]
 * ```
 */
export class StringLookup extends IndexLookup<string> {
  static override className = 'StringLookup';

  constructor(options: StringLookupOptions = {}) {
    super(options, { oovToken: '[UNK]', tokenDtype: 'string' });
  }

  protected tokensOf(x: tf.Tensor): string[] {
    return (x.dataSync() as unknown as (string | Uint8Array | number)[]).map((v) =>
      typeof v === 'string' ? v : v instanceof Uint8Array ? new TextDecoder().decode(v) : String(v),
    );
  }

  protected decode(indices: number[], shape: number[]): tf.Tensor {
    return tf.tensor(this.tokenAt(indices), shape, 'string');
  }

  protected parseTokens(lines: string[]): string[] {
    return lines;
  }

  static override fromConfig(config: Config): StringLookup {
    const { sparse: _sparse, encoding: _encoding, ...options } = config as StringLookupOptions & Config;
    return new StringLookup(options);
  }
}
