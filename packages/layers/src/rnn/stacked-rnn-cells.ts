import { ConfigError, fromSerialized } from '@strata/core';
import type { Config, FromConfigOptions, LayerOptions, Shape, tf } from '@strata/core';
import { RNNCell } from './rnn-cell.js';

/**
 * Several cells run as one, each feeding the next within a time step (a deep RNN in one layer). Its
 * states are all the cells' states in order; its output is the last cell's.
 * @example `new RNN([new LSTMCell(32), new LSTMCell(16)])` — also `new RNN(new StackedRNNCells([...]))`
 */
export class StackedRNNCells extends RNNCell {
  static override className = 'StackedRNNCells';
  readonly cells: RNNCell[];

  constructor(cells: RNNCell[], options: LayerOptions = {}) {
    if (!Array.isArray(cells) || cells.length === 0)
      throw new ConfigError('StackedRNNCells: pass a non-empty list of cells.');
    super(cells[cells.length - 1]!.units, options);
    this.cells = cells;
  }

  override get stepRank(): number {
    return this.cells[0]!.stepRank;
  }

  get stateSize(): number[] {
    return this.cells.flatMap((c) => c.stateSize);
  }

  override build(inputShape: Shape): void {
    let shape = inputShape;
    for (const cell of this.cells) {
      cell.build(shape);
      shape = cell.stepOutputShape(shape);
    }
  }

  override stepOutputShape(stepShape: Shape): Shape {
    return this.cells.reduce((shape, cell) => cell.stepOutputShape(shape), stepShape);
  }

  override stateShapes(stepShape: number[]): number[][] {
    let shape = stepShape;
    return this.cells.flatMap((cell) => {
      const shapes = cell.stateShapes(shape);
      shape = cell.stepOutputShape(shape) as number[];
      return shapes;
    });
  }

  override startSequence(stepShape: number[], training: boolean): void {
    let shape = stepShape;
    for (const cell of this.cells) {
      cell.startSequence(shape, training);
      shape = cell.stepOutputShape(shape) as number[];
    }
  }

  override endSequence(): void {
    for (const cell of this.cells ?? []) cell.endSequence();
  }

  step(input: tf.Tensor, states: tf.Tensor[]): [tf.Tensor, tf.Tensor[]] {
    let x = input;
    let offset = 0;
    const next: tf.Tensor[] = [];
    for (const cell of this.cells) {
      const count = cell.stateSize.length;
      const [output, cellStates] = cell.step(x, states.slice(offset, offset + count));
      next.push(...cellStates);
      offset += count;
      x = output;
    }
    return [x, next];
  }

  override getConfig(): Config {
    return {
      name: this.name,
      trainable: this.trainable,
      dtype: this.dtype,
      cells: this.cells.map((c) => ({ className: c.className, config: c.getConfig() })),
    };
  }

  static override fromConfig(config: Config, options: FromConfigOptions = {}): StackedRNNCells {
    const { cells, ...rest } = config as unknown as { cells: { className: string; config: Config }[] } & LayerOptions;
    if (!Array.isArray(cells))
      throw new ConfigError(
        `StackedRNNCells.fromConfig: 'cells' must be a list, received ${JSON.stringify(cells)?.slice(0, 100)}.`,
      );
    return new StackedRNNCells(
      cells.map((c) => fromSerialized<RNNCell>(c, options, 'StackedRNNCells.fromConfig')),
      rest,
    );
  }
}
