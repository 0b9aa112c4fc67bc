import { ShapeError, tf, type CallOptions, type Config, type LayerOptions } from '@strata/core';
import { requireDataFormat, type DataFormat } from '../conv/conv-utils.js';
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
abstract class SpatialDropout extends Dropout {
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
    const { rate, seed, noiseShape: _ignored, ...options } = config as unknown as { rate: number; seed?: unknown; noiseShape?: unknown } & SpatialDropoutOptions;
    return [rate, { ...options, ...seedOption(seed) }];
  }
}

/**
 * SpatialDropout for sequences `[batch, steps, channels]`: drops whole channels.
 * @example `new SpatialDropout1D(0.2)` — each channel of a sample is kept with probability 0.8 and scaled by 1/0.8.
 */
export class SpatialDropout1D extends SpatialDropout {
  static override className = 'SpatialDropout1D';
  protected readonly inputRank = 3;
  constructor(rate: number, options: Omit<SpatialDropoutOptions, 'dataFormat'> = {}) {
    super(rate, options);
  }
  static override fromConfig(config: Config): SpatialDropout1D {
    const [rate, { dataFormat: _ignored, ...options }] = SpatialDropout.configArgs(config);
    return new SpatialDropout1D(rate, options);
  }
}

/**
 * SpatialDropout for images `[batch, rows, cols, channels]` (or channels first): drops whole feature maps.
 * @example `new SpatialDropout2D(0.1)`
 */
export class SpatialDropout2D extends SpatialDropout {
  static override className = 'SpatialDropout2D';
  protected readonly inputRank = 4;
  static override fromConfig(config: Config): SpatialDropout2D {
    return new SpatialDropout2D(...SpatialDropout.configArgs(config));
  }
}

/**
 * SpatialDropout for volumes `[batch, d1, d2, d3, channels]` (or channels first): drops whole feature volumes.
 * @example `new SpatialDropout3D(0.1, { dataFormat: 'channels_first' })`
 */
export class SpatialDropout3D extends SpatialDropout {
  static override className = 'SpatialDropout3D';
  protected readonly inputRank = 5;
  static override fromConfig(config: Config): SpatialDropout3D {
    return new SpatialDropout3D(...SpatialDropout.configArgs(config));
  }
}
