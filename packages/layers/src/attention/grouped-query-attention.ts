import { ConfigError } from '@strata/core';
import type { Config } from '@strata/core';
import { requirePositiveInteger } from '../core/validate.js';
import { MultiHeadAttention } from './multi-head-attention.js';
import type { MultiHeadAttentionOptions } from './multi-head-attention.js';

/** Options of `GroupedQueryAttention`. */
export type GroupedQueryAttentionOptions = Omit<
  MultiHeadAttentionOptions,
  'valueDim' | 'outputShape' | 'attentionAxes'
>;

/**
 * Grouped-query attention (Ainslie et al.): `numQueryHeads` query heads share `numKeyValueHeads` key/value
 * heads (each serving `numQueryHeads / numKeyValueHeads` consecutive query heads), which cuts the key/value
 * projections and cache. `numKeyValueHeads = numQueryHeads` is multi-head attention; 1 is multi-query attention.
 * @example `new GroupedQueryAttention(16, 8, 2).apply([x, x])` — 8 query heads of size 16, 2 key/value heads
 */
export class GroupedQueryAttention extends MultiHeadAttention {
  static override className = 'GroupedQueryAttention';
  readonly headDim: number;
  readonly numQueryHeads: number;
  readonly numKeyValueHeads: number;

  constructor(
    headDim: number,
    numQueryHeads: number,
    numKeyValueHeads: number,
    options: GroupedQueryAttentionOptions = {},
  ) {
    super(numQueryHeads, headDim, options);
    this.headDim = headDim;
    this.numQueryHeads = numQueryHeads;
    this.numKeyValueHeads = requirePositiveInteger('GroupedQueryAttention', 'numKeyValueHeads', numKeyValueHeads);
    if (numQueryHeads % numKeyValueHeads !== 0) {
      throw new ConfigError(
        `GroupedQueryAttention: 'numQueryHeads' (${numQueryHeads}) must be a multiple of 'numKeyValueHeads' (${numKeyValueHeads}).`,
      );
    }
  }

  protected override get keyValueHeads(): number {
    return this.numKeyValueHeads;
  }

  override getConfig(): Config {
    const {
      numHeads: _numHeads,
      keyDim: _keyDim,
      valueDim: _valueDim,
      outputShape: _outputShape,
      attentionAxes: _axes,
      ...config
    } = super.getConfig();
    return {
      ...config,
      headDim: this.headDim,
      numQueryHeads: this.numQueryHeads,
      numKeyValueHeads: this.numKeyValueHeads,
    };
  }

  static override fromConfig(config: Config): GroupedQueryAttention {
    const { headDim, numQueryHeads, numKeyValueHeads, ...options } = config as unknown as {
      headDim: number;
      numQueryHeads: number;
      numKeyValueHeads: number;
    } & GroupedQueryAttentionOptions;
    return new GroupedQueryAttention(headDim, numQueryHeads, numKeyValueHeads, options);
  }
}
