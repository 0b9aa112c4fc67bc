/**
 * Weight initializers as Keras 3 names them. Factories are camelCase (`initializers.glorotUniform()`);
 * identifiers resolve in either spelling (`'glorot_uniform'`, `'glorotUniform'`).
 */
import { Constant, Identity, Ones, Zeros } from './constant.js';
import { getInitializer } from './initializer.js';
import {
  GlorotNormal,
  GlorotUniform,
  HeNormal,
  HeUniform,
  LecunNormal,
  LecunUniform,
  Orthogonal,
  RandomNormal,
  RandomUniform,
  TruncatedNormal,
  VarianceScaling,
} from './random.js';

type Seed = { seed?: number };
/** `initializers.glorotUniform()` etc.: one factory per Keras initializer, plus `get`. */
export const initializers = {
  zeros: () => new Zeros(),
  ones: () => new Ones(),
  constant: (value = 0) => new Constant(value),
  identity: (gain = 1) => new Identity(gain),
  randomNormal: (options: { mean?: number; stddev?: number; seed?: number } = {}) => new RandomNormal(options),
  randomUniform: (options: { minval?: number; maxval?: number; seed?: number } = {}) => new RandomUniform(options),
  truncatedNormal: (options: { mean?: number; stddev?: number; seed?: number } = {}) => new TruncatedNormal(options),
  varianceScaling: (options: ConstructorParameters<typeof VarianceScaling>[0] = {}) => new VarianceScaling(options),
  glorotUniform: (options: Seed = {}) => new GlorotUniform(options),
  glorotNormal: (options: Seed = {}) => new GlorotNormal(options),
  heUniform: (options: Seed = {}) => new HeUniform(options),
  heNormal: (options: Seed = {}) => new HeNormal(options),
  lecunUniform: (options: Seed = {}) => new LecunUniform(options),
  lecunNormal: (options: Seed = {}) => new LecunNormal(options),
  orthogonal: (options: { gain?: number; seed?: number } = {}) => new Orthogonal(options),
  get: getInitializer,
};

export { Initializer, computeFans, getInitializer, type InitializerIdentifier } from './initializer.js';
export { Constant, Identity, Ones, Zeros } from './constant.js';
export {
  GlorotNormal,
  GlorotUniform,
  HeNormal,
  HeUniform,
  LecunNormal,
  LecunUniform,
  Orthogonal,
  RandomNormal,
  RandomUniform,
  TruncatedNormal,
  VarianceScaling,
  type FanMode,
  type ScalingDistribution,
} from './random.js';
