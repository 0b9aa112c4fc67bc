import { ShapeError, tf } from '@strata/core';
import type { CallOptions, Config, LayerOptions } from '@strata/core';
import { requireDataFormat } from '../conv/conv-utils.js';
import type { DataFormat } from '../conv/conv-utils.js';
import { Dropout } from './dropout.js';
import { seedOption } from './seed-stream.js';

/** Options of the SpatialDropout layers. */
export interface SpatialDropoutOptions extends LayerOptions {
  /** Seed for reproducible masks. */
  seed?: number;
  /** 2D and 3D only: the position of the channels axis (default `'channels_last'`). */
  dataFormat?: DataFormat;
}

/**
 * Dropout of whole feature maps: one keep/drop draw per sample and channel, shared by every position
 * (noise shape `[batch, 1, ..., 1, channels]`), then scaled by 1/(1 − rate). Identity at inference.
 * Adjacent positions of a feature map are strongly correlated, so element-wise dropout would not
 * regularize; dropping whole channels does.
 */
export abstract class SpatialDropout extends Dropout {
  readonly dataFormat: DataFormat;
  /** The input rank this variant accepts (3 for 1D, 4 for 2D, 5 for 3D). */
  protected abstract readonly inputRank: number;

  constructor(rate: number, options: SpatialDropoutOptions = {}) {
    const { dataFormat, ...rest } = options;
    super(rate, rest);
    this.dataFormat = requireDataFormat(this.className, dataFormat);
  }

  override call(inputs: tf.Tensor, options: CallOptions = {}): tf.Tensor {
    if (inputs.rank !== this.inputRank) {
      throw new ShapeError(
        `${this.className} '${this.name}': expected inputs of rank ${this.inputRank} (batch, ${this.inputRank - 2} spatial axes, channels), received shape [${inputs.shape.join(', ')}].`,
      );
    }
    if (!options.training || this.rate === 0) return inputs;
    const channelAxis = this.dataFormat === 'channels_last' ? inputs.rank - 1 : 1;
    const noiseShape = inputs.shape.map((d, i) => (i === 0 || i === channelAxis ? d : 1));
    return this.dropWithNoiseShape(inputs, noiseShape);
  }

  override getConfig(): Config {
    const { noiseShape: _ignored, ...config } = super.getConfig();
    return this.inputRank > 3 ? { ...config, dataFormat: this.dataFormat } : config;
  }

  protected static configArgs(config: Config): [number, SpatialDropoutOptions] {
    const {
      rate,
      seed,
      noiseShape: _ignored,
      ...options
    } = config as unknown as { rate: number; seed?: unknown; noiseShape?: unknown } & SpatialDropoutOptions;
    return [rate, { ...options, ...seedOption(seed) }];
  }
}
