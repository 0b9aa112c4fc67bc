/**
 * Test helper: builds the small Keras models of the keras-js graph and pipeline cases from the
 * Python that made them (cases-index.json), with a tiny interpreter for the literal subset those
 * scripts use: `X = Layer(args)(inputs)`, `layers = [Layer(args), ...]`, `Input(shape=...)`, `Model(...)`.
 */
import { Layer, SymbolicTensor } from '@strata/core';
import { toCamelCase } from '@strata/core/internal';
import * as strata from '../index.js';

type Value =
  | number
  | string
  | boolean
  | null
  | Value[]
  | { call: string; args: Value[]; kwargs: Record<string, Value> }
  | { name: string };

/** Parses one Python expression of the supported subset. */
function parse(source: string, variables: Record<string, Value>): Value {
  let i = 0;
  const skip = (): void => {
    while (i < source.length && /\s/.test(source[i]!)) i++;
  };
  const expr = (): Value => {
    skip();
    const c = source[i]!;
    if (c === '(' || c === '[') {
      const close = c === '(' ? ')' : ']';
      i++;
      const items: Value[] = [];
      skip();
      while (source[i] !== close) {
        items.push(expr());
        skip();
        if (source[i] === ',') i++;
        skip();
      }
      i++;
      return items;
    }
    if (c === "'" || c === '"') {
      const end = source.indexOf(c, i + 1);
      const text = source.slice(i + 1, end);
      i = end + 1;
      return text;
    }
    const match = /^-?[\d.]+(e-?\d+)?|^[A-Za-z_]\w*/.exec(source.slice(i))!;
    const token = match[0];
    i += token.length;
    if (/^-?[\d.]/.test(token)) return Number(token);
    if (token === 'True' || token === 'False') return token === 'True';
    if (token === 'None') return null;
    skip();
    if (source[i] !== '(') return token in variables ? variables[token]! : { name: token };
    i++;
    const args: Value[] = [];
    const kwargs: Record<string, Value> = {};
    skip();
    while (source[i] !== ')') {
      const kw = /^(\w+)\s*=(?!=)/.exec(source.slice(i));
      if (kw) {
        i += kw[0].length;
        kwargs[kw[1]!] = expr();
      } else args.push(expr());
      skip();
      if (source[i] === ',') i++;
      skip();
    }
    i++;
    return { call: token, args, kwargs };
  };
  return expr();
}

/** Keras positional parameter names of the layers these scripts use. */
const POSITIONAL: Record<string, string[]> = {
  Conv2D: ['filters', 'kernel_size'],
  SeparableConv2D: ['filters', 'kernel_size'],
  Dense: ['units'],
  Activation: ['activation'],
  MaxPooling2D: ['pool_size'],
  AveragePooling2D: ['pool_size'],
  ZeroPadding2D: ['padding'],
  Cropping2D: ['cropping'],
  Dropout: ['rate'],
  Permute: ['dims'],
};

function toOptions(kwargs: Record<string, Value>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(kwargs)
      .filter(([, v]) => v !== null)
      .map(([k, v]) => [toCamelCase(k), v]),
  );
}

/** Constructs the Strata layer a parsed Keras call describes. */
export function makeLayer(value: Value): Layer {
  const { call, args, kwargs } = value as { call: string; args: Value[]; kwargs: Record<string, Value> };
  const cls = (strata as unknown as Record<string, new (...a: unknown[]) => Layer>)[call];
  if (!cls) throw new Error(`keras-python: no Strata layer for ${call}`);
  const names = POSITIONAL[call] ?? [];
  const rest = { ...kwargs };
  const positional = names.map((name, index) => {
    const v = index < args.length ? args[index]! : rest[name]!;
    delete rest[name];
    return v;
  });
  return new cls(...positional, toOptions(rest));
}

/** Builds the model of a pipeline_* or graph_* case script. */
export function buildCaseModel(code: string): strata.Model {
  // Join statements that continue over several lines (open brackets).
  const statements: string[] = [];
  let current = '';
  let depth = 0;
  for (const line of code.split('\n')) {
    if (!current && (line.trim() === '' || line.trim().startsWith('#'))) continue;
    current += `${line}\n`;
    for (const ch of line) depth += ch === '(' || ch === '[' ? 1 : ch === ')' || ch === ']' ? -1 : 0;
    if (depth === 0) {
      statements.push(current.trim());
      current = '';
    }
  }
  const variables: Record<string, Value> = {};
  const tensors: Record<string, SymbolicTensor> = {};
  let layers: Layer[] = [];
  for (const statement of statements) {
    if (statement.startsWith('model =')) {
      const model = parse(statement.slice(statement.indexOf('=') + 1), variables) as { kwargs: Record<string, Value> };
      if (layers.length) break; // pipelines: built below
      const pick = (v: Value): SymbolicTensor | SymbolicTensor[] =>
        Array.isArray(v)
          ? v.map((x) => tensors[(x as { name: string }).name]!)
          : tensors[(v as { name: string }).name]!;
      return new strata.Model({
        inputs: pick(model.kwargs.inputs!),
        outputs: pick(model.kwargs.outputs!) as SymbolicTensor,
      });
    }
    const assignment = /^(\w+)\s*=\s*([\s\S]+)$/.exec(statement);
    if (!assignment || /^(for|np|data_in\b|weights|result)/.test(statement) || statement.startsWith('    ')) continue;
    const [, name, rhs] = assignment;
    if (layers.length) continue; // a pipeline: its chaining code is replaced by the reduce below
    if (name === 'layers') {
      layers = (parse(rhs!, variables) as Value[]).map(makeLayer);
      continue;
    }
    if (name === 'random_seed' || name === 'data_in_shape') {
      variables[name] = parse(rhs!, variables);
      continue;
    }
    // `X = Input(shape=...)`, or `X = Layer(...)(inputs)`: split the trailing application.
    if (rhs!.startsWith('Input(')) {
      const input = parse(rhs!, variables) as { kwargs: Record<string, Value> };
      tensors[name!] = strata.Input({ shape: input.kwargs.shape as number[] });
      continue;
    }
    let level = 0;
    let split = -1;
    for (let k = 0; k < rhs!.length; k++) {
      if (rhs![k] === '(') level++;
      if (rhs![k] === ')' && --level === 0) {
        split = k + 1;
        break;
      }
    }
    const layer = makeLayer(parse(rhs!.slice(0, split), variables));
    const applied = parse(rhs!.slice(split), {}) as Value[];
    const target = applied[0]!;
    tensors[name!] = layer.apply(
      Array.isArray(target)
        ? target.map((t) => tensors[(t as { name: string }).name]!)
        : tensors[(target as { name: string }).name]!,
    );
  }
  const input = strata.Input({ shape: variables.data_in_shape as number[] });
  const output = layers.reduce<SymbolicTensor>((x, layer) => layer.apply(x), input);
  return new strata.Model({ inputs: input, outputs: output });
}
