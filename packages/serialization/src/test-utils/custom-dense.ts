/** Test helper: the tutorial's CustomDense, as the custom_dense_registered fixture defines it in Python. */
import { Layer, ops } from '@strata/core';
import type { Config, Shape, Tensor, Variable } from '@strata/core';

export class CustomDense extends Layer {
  static override className = 'CustomDense';
  w!: Variable;
  b!: Variable;
  readonly units: number;
  constructor(config: Config = {}) {
    const { units = 32, ...rest } = config;
    super(rest);
    this.units = units as number;
  }
  override build(inputShape: Shape): void {
    this.w = this.addWeight({ shape: [inputShape[inputShape.length - 1]!, this.units], initializer: 'random_normal' });
    this.b = this.addWeight({ shape: [this.units], initializer: 'random_normal' });
  }
  override call(x: Tensor): Tensor {
    return ops.add(ops.matmul(x, this.w), this.b);
  }
  override getConfig(): Config {
    return { ...super.getConfig(), units: this.units };
  }
}
