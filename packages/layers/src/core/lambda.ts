import { ConfigError, Layer, tf } from '@strata/core';
import type { CallOptions, Config, FromConfigOptions, LayerOptions, Shape } from '@strata/core';

/** A Lambda's function: tensors in, tensors out. */
export type LambdaFunction = (inputs: tf.Tensor | tf.Tensor[], options: CallOptions) => tf.Tensor | tf.Tensor[];

/** Options of `Lambda`. */
export interface LambdaOptions extends LayerOptions {
  /** The output shape (batch excluded) when it cannot be inferred by running the function on placeholders. */
  outputShape?: (number | null)[] | null;
}

const registeredFunctions = new Map<string, LambdaFunction>();

/**
 * Wraps a function as a layer, for small glue computations: `y = fn(x)`. It has no weights. In a
 * saved model the function is stored by name only, and loading it requires the function to be
 * registered (`Lambda.register`) or passed in `customObjects`: code from a file is never executed.
 * @example
 * ```ts
 * const double = Lambda.register('double', (x) => ops.multiply(x as Tensor, 2));
 * const y = new Lambda(double).apply(x);
 * ```
 */
export class Lambda extends Layer {
  static override className = 'Lambda';
  readonly fn: LambdaFunction;
  readonly outputShape: (number | null)[] | undefined;

  constructor(fn: LambdaFunction, options: LambdaOptions = {}) {
    const { outputShape, ...rest } = options;
    super(rest);
    if (typeof fn !== 'function') throw new ConfigError(`Lambda: expected a function, received ${String(fn)}.`);
    this.fn = fn;
    this.outputShape = outputShape ?? undefined;
    if (this.outputShape)
      this.computeOutputShape = (inputShape: Shape | Shape[]): Shape => [
        (Array.isArray(inputShape[0]) ? (inputShape[0] as Shape) : (inputShape as Shape))[0]!,
        ...this.outputShape!,
      ];
  }

  /** Registers `fn` under `name` so Lambda layers using it can be saved and loaded; returns `fn`. */
  static register(name: string, fn: LambdaFunction): LambdaFunction {
    if (!name) throw new ConfigError('Lambda.register: the name must be a non-empty string.');
    registeredFunctions.set(name, fn);
    return fn;
  }

  override call(inputs: tf.Tensor | tf.Tensor[], options: CallOptions = {}): tf.Tensor | tf.Tensor[] {
    return this.fn(inputs, options);
  }

  /** The name the function is stored under: its registered name, else its JavaScript name. */
  get functionName(): string {
    for (const [name, fn] of registeredFunctions) if (fn === this.fn) return name;
    return this.fn.name || 'anonymous';
  }

  override getConfig(): Config {
    return { ...super.getConfig(), function: this.functionName, outputShape: this.outputShape ?? null };
  }

  /**
   * Rebuilds a Lambda from a config: the function is looked up by name in `customObjects`, then in the
   * registry. Nothing else is accepted (no code is ever evaluated).
   * @throws ConfigError naming the function and how to register it.
   */
  static override fromConfig(config: Config, options: FromConfigOptions = {}): Lambda {
    const { function: name, ...rest } = config as unknown as { function: unknown } & LambdaOptions;
    if (typeof name !== 'string') {
      throw new ConfigError(
        `Lambda.fromConfig: the function is stored as ${JSON.stringify(name)?.slice(0, 60)}, not as a registered name. ` +
          'Strata never executes code from a file; rebuild the layer in code or register the function with Lambda.register(name, fn).',
      );
    }
    const custom =
      options.customObjects && Object.prototype.hasOwnProperty.call(options.customObjects, name)
        ? options.customObjects[name]
        : undefined;
    const fn = (typeof custom === 'function' && !('fromConfig' in custom) ? custom : registeredFunctions.get(name)) as
      LambdaFunction | undefined;
    if (!fn) {
      throw new ConfigError(
        `Lambda.fromConfig: function '${name}' is not registered. Register it with Lambda.register('${name}', fn) or pass it in customObjects: { ${name}: fn }. ` +
          'Code stored in files is never executed.',
      );
    }
    return new Lambda(fn, rest);
  }
}
