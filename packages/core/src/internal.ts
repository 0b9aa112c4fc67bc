/**
 * @strata/core/internal: what Strata's own packages (layers, serialization, the backends) need from core and
 * users do not: kernel routing and fused kernels, identifier tables, option checks, layer tracking and
 * naming, shape helpers. Not part of the public API: it changes without notice; import `@strata/core`.
 */
export { markBackendUnavailable } from './backend/registry.js';
export {
  routeKernelsToCpu,
  rankAtLeast5,
  type KernelRouting,
  type KernelReplacement,
} from './backend/kernel-routing.js';
export { ADAM_UPDATE_KERNEL, runFusedKernel, type AdamUpdateAttrs } from './backend/fused-kernels.js';
export { tidied } from './tensor/memory.js';
export { nextSeed } from './tensor/random-seed.js';
export {
  IdentifierTable,
  normalizeIdentifier,
  toSnakeCase,
  toCamelCase,
  closestMatch,
  resolveFromTable,
} from './registry/identifiers.js';
export { findTracked } from './layer/tracking.js';
export { isTracing } from './layer/call-context.js';
export { withWeightBudget, chargeWeight } from './layer/weight-budget.js';
export { checkOptionNames } from './registry/option-names.js';
export { markExplainedLayer, isExplainedLayer } from './layer/explained-layers.js';
export { resolveBatchInputShape, checkInputShape } from './layer/input-shape.js';
export { shapesCompatible, isShapeList } from './layer/shape.js';
export { uniqueName, namePrefix } from './layer/naming.js';
export { placeholderShape } from './layer/shape-inference.js';
export { applyWithMasks, type OutputsWithMasks } from './layer/layer.js';
