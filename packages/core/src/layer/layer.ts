import * as tf from '@tensorflow/tfjs-core';
import { ConfigError, ShapeError, StateError } from '../errors.js';
import { checkLayerOptionNames, explainBuildError, explainCallError } from './explained-layers.js';
import type { Config, FromConfigOptions } from '../registry/serializable.js';
import { Node, SymbolicTensor, createNode, isSymbolic } from '../symbolic/symbolic-tensor.js';
import { toTensor } from '../tensor/convert.js';
import type { TensorInput } from '../tensor/convert.js';
import { Variable } from '../tensor/variable.js';
import { isOutermostCall, resolveTraining, withCallFrame } from './call-context.js';
import { checkInputShape } from './input-shape.js';
import type { CallOptions, LayerInputs, LayerOptions, Mask, NodeCallOptions } from './layer-options.js';
import { dropMask, getMask, hasMask, maskList, setMask, warnMaskDropped } from './masks.js';
import { LayerState } from './layer-state.js';
import { isShapeList } from './shape.js';
import type { Shape } from './shape.js';
import { inferOutputSpecs, placeholder, placeholderShape } from './shape-inference.js';

/** The outputs of a layer on real tensors and their masks, as lists the caller owns. */
export interface OutputsWithMasks {
  outputs: tf.Tensor[];
  masks: (tf.Tensor | null)[];
}

let applyEagerWithMasks: (layer: Layer, inputs: tf.Tensor | tf.Tensor[], options: CallOptions) => OutputsWithMasks;

/**
 * Applies `layer` to real tensors and returns the outputs with their masks, which the caller then owns
 * (training masks its losses with them). For Strata's trainer (`@strata/core/internal`); users call `apply`.
 * @example `const { outputs, masks } = applyWithMasks(model, x, { training: true });`
 */
export function applyWithMasks(
  layer: Layer,
  inputs: tf.Tensor | tf.Tensor[],
  options: CallOptions = {},
): OutputsWithMasks {
  return applyEagerWithMasks(layer, inputs, options);
}

/**
 * The base class of every layer and model, with Keras 3 semantics: build once on first use, weights
 * created by `addWeight`, sublayers tracked automatically when held in properties (also in arrays and
 * plain objects), losses gathered recursively, `training` propagated through nested calls.
 *
 * @example
 * ```ts
 * class Linear extends Layer {
 *   private w!: Variable;
 *   build(inputShape: Shape) { this.w = this.addWeight({ shape: [inputShape[1]!, 4], name: 'kernel' }); }
 *   call(x: Tensor) { return ops.matmul(x, this.w); }   // y = x·W
 * }
 * const y = new Linear().apply(ops.ones([2, 3]));      // shape [2, 4]
 * ```
 */
export class Layer<Call extends CallOptions = CallOptions> extends LayerState {
  readonly #inboundNodes: Node[] = [];
  #lockedSublayers: Set<Layer> | undefined;
  /** The option names given to the constructor, checked once the layer is built (Strata's own layers). */
  #optionNames: string[];

  constructor(options: LayerOptions = {}) {
    super(options);
    this.#optionNames = options !== null && typeof options === 'object' ? Object.keys(options) : [];
    // Keras's build wrapper: `layer.build(shape)` builds once and marks the layer built.
    Object.defineProperty(this, 'build', {
      value: (inputShape: Shape | Shape[]) => this.#runBuild(inputShape, true),
      enumerable: false,
      writable: true,
      configurable: true,
    });
  }

  /**
   * Creates the layer's weights for inputs of `inputShape`. Runs once, on the first call (or when
   * called explicitly). Override it; the default builds sublayers by tracing `call` on placeholder data.
   */
  build(_inputShape: Shape | Shape[]): void {}

  /** The forward computation. Override it; `options.training` tells training from inference. */
  call(_inputs: tf.Tensor | tf.Tensor[], _options: Call): tf.Tensor | tf.Tensor[] {
    throw new StateError(
      `${this.className} '${this.name}': call() is not implemented. Subclasses of Layer must override call(inputs, options) ` +
        "and compute the outputs there; Layer's own call() has nothing to run, so do not call super.call() from it.",
    );
  }

  /** Optional static shape rule; when absent, output shapes are inferred by running `call` on placeholders. */
  computeOutputShape?(inputShape: Shape | Shape[]): Shape | Shape[];

  /** Whether the layer passes input masks on (Keras's `supports_masking`); `computeMask` decides how. */
  supportsMasking = false;

  /**
   * The mask of the outputs given the inputs and their mask. Default (Keras 3): the input mask when
   * the layer supports masking, else none. Embedding and merge layers override it.
   */
  computeMask(_inputs: tf.Tensor | tf.Tensor[], mask: Mask | undefined): Mask {
    return this.supportsMasking ? (mask ?? null) : null;
  }

  /**
   * Applies the layer, like Python's `layer(x)`: builds on first use, then runs `call`. Works on real
   * tensors (returns a tensor) and on symbolic tensors from `Input` (returns a symbolic tensor).
   */
  apply(inputs: SymbolicTensor | SymbolicTensor[], options?: Call): SymbolicTensor;
  apply(inputs: LayerInputs, options?: Call): tf.Tensor;
  apply(
    inputs: LayerInputs | SymbolicTensor | SymbolicTensor[],
    options: Call = {} as Call,
  ): tf.Tensor | SymbolicTensor {
    const outputs = this.#applyAny(inputs, options);
    if (!Array.isArray(outputs)) return outputs;
    if (outputs.length === 1) return outputs[0]!;
    throw new ShapeError(
      `${this.className} '${this.name}' returned ${outputs.length} outputs; apply() returns one. Use applyMulti() for layers with several outputs.`,
    );
  }

  /** Like `apply`, for layers that may return several outputs. */
  applyMulti(inputs: SymbolicTensor | SymbolicTensor[], options?: Call): SymbolicTensor | SymbolicTensor[];
  applyMulti(inputs: LayerInputs, options?: Call): tf.Tensor | tf.Tensor[];
  applyMulti(
    inputs: LayerInputs | SymbolicTensor | SymbolicTensor[],
    options: Call = {} as Call,
  ): tf.Tensor | tf.Tensor[] | SymbolicTensor | SymbolicTensor[] {
    return this.#applyAny(inputs, options);
  }

  #applyAny(
    inputs: LayerInputs | SymbolicTensor | SymbolicTensor[],
    options: CallOptions,
  ): tf.Tensor | tf.Tensor[] | SymbolicTensor | SymbolicTensor[] {
    if (isSymbolic(inputs)) return this.#applySymbolic(inputs, options);
    const given = Array.isArray(inputs) && inputs.length > 0 && inputs.every((x) => x instanceof tf.Tensor);
    const tensors = given ? (inputs as tf.Tensor[]) : toTensor(inputs as TensorInput);
    // A tensor converted here from arrays is freed after the call, unless the call returns it.
    const converted =
      !given && !(inputs instanceof tf.Tensor) && !(inputs instanceof Variable) ? (tensors as tf.Tensor) : undefined;
    const outermost = isOutermostCall();
    try {
      const { outputs, masks } = this.#applyEager(tensors, options);
      // Masks of a top-level call have no later call to read them: free them now.
      if (outermost)
        for (const [i, output] of (Array.isArray(outputs) ? outputs : [outputs]).entries())
          dropMask(output, masks[i] ?? null);
      return outputs;
    } finally {
      if (converted && !converted.isDisposed) converted.dispose();
    }
  }

  static {
    applyEagerWithMasks = (layer, inputs, options) => {
      const { outputs, masks } = layer.#applyEager(inputs, options);
      return { outputs: Array.isArray(outputs) ? outputs : [outputs], masks };
    };
  }

  #applyEager(
    tensors: tf.Tensor | tf.Tensor[],
    options: CallOptions,
  ): { outputs: tf.Tensor | tf.Tensor[]; masks: (tf.Tensor | null)[] } {
    const training = resolveTraining(options.training);
    if (isOutermostCall()) this.clearLosses();
    return withCallFrame(training, () => {
      const shapes = Array.isArray(tensors) ? tensors.map((t) => t.shape as Shape) : (tensors.shape as Shape);
      this.#checkInputShape(shapes);
      try {
        this.#runBuild(shapes, false);
      } catch (error) {
        throw explainBuildError(this, error, shapes);
      }
      this.#checkStateLocked();
      const inputMask = options.mask ?? (Array.isArray(tensors) ? maskList(tensors) : getMask(tensors));
      const callOptions: CallOptions = {
        ...layerArguments(options),
        ...(training === undefined ? {} : { training }),
        ...(hasMask(inputMask) ? { mask: inputMask } : {}),
      };
      const result = tf.tidy(() => {
        let outputs = this.#checkOutputs(this.#callExplained(tensors, callOptions));
        if (this.activityRegularizer) this.#addActivityLoss(outputs);
        // An identity call returns its (possibly converted) input: hand back a copy the caller owns.
        if (outputs === tensors && !Array.isArray(outputs)) outputs = tf.clone(outputs);
        const list = Array.isArray(outputs) ? outputs : [outputs];
        // Masks attached by inner layers (models) win; otherwise the layer computes them.
        let masks: (tf.Tensor | null)[] = list.map((o) => getMask(o));
        if (masks.every((m) => m === null)) {
          if (hasMask(inputMask) && !this.supportsMasking && this.computeMask === Layer.prototype.computeMask)
            warnMaskDropped(this);
          const computed = this.computeMask(tensors, hasMask(inputMask) ? inputMask : undefined);
          masks = list.map((_, i) => (Array.isArray(computed) ? (computed[i] ?? null) : computed));
        }
        // Each output gets its own handle (sharing data), so whoever owns the output owns its mask.
        return {
          outputs,
          masks: masks.flatMap((m) => (m ? [tf.clone(m)] : [])),
          hasMask: masks.map((m) => m !== null),
        };
      });
      const list = Array.isArray(result.outputs) ? result.outputs : [result.outputs];
      let next = 0;
      const masks = result.hasMask.map((has) => (has ? result.masks[next++]! : null));
      list.forEach((o, i) => setMask(o, masks[i] ?? null));
      this.#lockState();
      return { outputs: result.outputs, masks };
    });
  }

  /**
   * Strata's own layers reject option names they do not know (a misspelt `activaton` would otherwise
   * be ignored): the known names are the layer's config keys, the base layer options and the class's
   * `optionAliases`. Checked once, when the layer is first built.
   */
  #checkOptionNames(): void {
    const names = this.#optionNames;
    this.#optionNames = [];
    if (names.length > 0) checkLayerOptionNames(this, names, (this.constructor as typeof Layer).optionAliases ?? []);
  }

  /**
   * Runs `call`; for Strata's own leaf layers, an error that is not a StrataError (a kernel's
   * assertion on an input it cannot take) becomes a ShapeError naming the layer and the inputs.
   * Errors from user code (subclassed layers, user cells) pass through untouched.
   */
  #callExplained(tensors: tf.Tensor | tf.Tensor[], callOptions: CallOptions): unknown {
    try {
      return this.call(tensors, callOptions as Call);
    } catch (error) {
      throw explainCallError(this, error, tensors);
    }
  }

  /** A variable returned from `call` becomes a tensor; anything else that is not a tensor is an error. */
  #checkOutputs(outputs: unknown): tf.Tensor | tf.Tensor[] {
    const check = (value: unknown, where: string): tf.Tensor => {
      if (value instanceof tf.Tensor) return value;
      if (value instanceof Variable) return tf.clone(value.value);
      const kind =
        value === null || value === undefined
          ? String(value)
          : Array.isArray(value)
            ? 'a nested list'
            : typeof value === 'object'
              ? `a ${value.constructor?.name ?? 'plain object'}`
              : `a ${typeof value}`;
      throw new StateError(
        `${this.className} '${this.name}': call() must return a tensor or a list of tensors, but ${where} ${kind}. ` +
          'Compute outputs with ops.* (e.g. ops.add(x, 1)) and return them.',
      );
    };
    return Array.isArray(outputs) ? outputs.map((o, i) => check(o, `output ${i} is`)) : check(outputs, 'it returned');
  }

  #addActivityLoss(outputs: tf.Tensor | tf.Tensor[]): void {
    for (const output of Array.isArray(outputs) ? outputs : [outputs]) {
      const penalty = this.activityRegularizer!.call(output);
      this.addLoss(output.rank > 0 ? tf.div(penalty, output.shape[0]!) : penalty);
    }
  }

  #applySymbolic(inputs: SymbolicTensor | SymbolicTensor[], options: CallOptions): SymbolicTensor | SymbolicTensor[] {
    const list = Array.isArray(inputs) ? inputs : [inputs];
    const shapes = Array.isArray(inputs) ? list.map((s) => s.shape) : list[0]!.shape;
    this.#checkInputShape(shapes);
    this.#runBuild(shapes, false);
    this.#checkStateLocked();
    const specs = this.computeOutputShape
      ? asShapeList(this.computeOutputShape(shapes)).map((shape) => ({ shape, dtype: this.dtype }))
      : inferOutputSpecs(this, list, options.training, (xs, o) => this.#traceCall(xs, o, options));
    const recorded: NodeCallOptions = {
      ...nodeArguments(this, options),
      ...(options.training === undefined ? {} : { training: options.training }),
    };
    const node = createNode(this, list, recorded, this.#inboundNodes.length, specs, Array.isArray(inputs));
    this.#inboundNodes.push(node);
    this.#lockState();
    const outputs = node.outputs;
    return outputs.length === 1 ? outputs[0]! : outputs;
  }

  #traceCall(inputs: tf.Tensor[], training: boolean | undefined, options: CallOptions = {}): tf.Tensor | tf.Tensor[] {
    const outputs = withCallFrame(
      training,
      () =>
        this.call(inputs.length === 1 ? inputs[0]! : inputs, {
          ...(layerArguments(options) as Call),
          ...(training === undefined ? {} : { training }),
        }),
      true,
    );
    return outputs;
  }

  #runBuild(inputShape: Shape | Shape[], explicit: boolean): void {
    if (this.built) return;
    const build = (Object.getPrototypeOf(this) as Layer).build;
    build.call(this, inputShape);
    this.#checkOptionNames();
    if (explicit && build === Layer.prototype.build) {
      // Keras 3: a layer without its own build() is built by running call() on placeholder data.
      const shapes = isShapeList(inputShape) ? inputShape : [inputShape];
      tf.tidy(() => {
        const placeholders = shapes.map((s) => placeholder(placeholderShape(s, 2), this.dtype));
        withCallFrame(
          undefined,
          () => this.call(placeholders.length === 1 ? placeholders[0]! : placeholders, {} as Call),
          true,
        );
      });
      this.clearLosses();
    }
    this.built = true;
    if (explicit) this.#lockState();
  }

  /**
   * Whether the sublayers are fixed once the layer is built and first called (Keras 3 locks a layer's
   * state then). Containers that may grow (Sequential.add) or are defined by a graph return false.
   */
  protected get locksState(): boolean {
    return true;
  }

  /** Records the sublayers the built layer holds; sublayers added later are an error. */
  #lockState(): void {
    if (this.#lockedSublayers === undefined && this.locksState) this.#lockedSublayers = new Set(this.trackedLayers());
  }

  #checkStateLocked(): void {
    if (this.#lockedSublayers === undefined) return;
    for (const layer of this.trackedLayers()) {
      if (!this.#lockedSublayers.has(layer)) {
        throw new StateError(
          `${this.className} '${this.name}': sublayer '${layer.name}' (${layer.className}) was added after the layer was built. ` +
            'Create sublayers in the constructor or in build(), not in call().',
        );
      }
    }
  }

  #checkInputShape(shapes: Shape | Shape[]): void {
    checkInputShape(`${this.className} '${this.name}'`, this.batchInputShape, shapes);
  }

  /** The symbolic applications of this layer, in order (the functional graph's edges). */
  get inboundNodes(): readonly Node[] {
    return this.#inboundNodes;
  }

  /** Records a node this layer produced outside `apply` (the InputLayer's own node). */
  protected addInboundNode(node: Node): void {
    this.#inboundNodes.push(node);
  }

  /** Rebuilds a layer from its config. Layers whose constructors take positional arguments override it. */
  static fromConfig(config: Config, _options?: FromConfigOptions): Layer {
    return new (this as unknown as new (config: Config) => Layer)(config);
  }
}

/** The layer-specific call arguments of `options` (all but `training` and `mask`). */
function layerArguments(options: CallOptions): CallOptions {
  const { training: _training, mask: _mask, ...rest } = options;
  return rest;
}

/** The layer-specific call arguments a graph node records; tensors cannot be recorded. */
function nodeArguments(layer: Layer, options: CallOptions): NodeCallOptions {
  const rest = layerArguments(options) as Record<string, unknown>;
  const tensor = Object.keys(rest).find((key) => rest[key] instanceof tf.Tensor);
  if (tensor !== undefined) {
    throw new ConfigError(
      `${layer.className} '${layer.name}': '${tensor}' is a tensor, which can be given only in eager calls. In a functional model, ` +
        'pass it as an input of the layer or derive it from masks (Embedding maskZero; attention layers also take useCausalMask).',
    );
  }
  return rest;
}

function asShapeList(shapes: Shape | Shape[]): Shape[] {
  return isShapeList(shapes) ? shapes : [shapes];
}
