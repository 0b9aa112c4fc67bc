import { beforeAll, describe, expect, it } from 'vitest';
import { ops, ready, tf } from '@strata/core';
import '@strata/backend-cpu';
import { checkGradient, checkVariableGradient } from '../test-utils/gradient-check.js';
import {
  AdditiveAttention,
  Attention,
  Embedding,
  GroupedQueryAttention,
  Input,
  Model,
  MultiHeadAttention,
} from '../index.js';

beforeAll(async () => {
  await ready('cpu');
});

const values = (t: tf.Tensor): number[] => Array.from(t.dataSync());
const softmax = (xs: number[]): number[] => {
  const m = Math.max(...xs);
  const e = xs.map((x) => Math.exp(x - m));
  const s = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / s);
};

describe('attention layers', () => {
  it('Attention: softmax(q·kᵀ)·v by hand; value mask and causal mask exclude keys; query mask zeroes rows', () => {
    const q = tf.tensor3d([
      [
        [1, 0],
        [0, 1],
      ],
    ]);
    const v = tf.tensor3d([
      [
        [1, 2],
        [3, 4],
        [5, 6],
      ],
    ]);
    const [out, scores] = new Attention().applyMulti([q, v], { returnAttentionScores: true }) as tf.Tensor[];
    const qs = [
      [1, 0],
      [0, 1],
    ];
    const vs = [
      [1, 2],
      [3, 4],
      [5, 6],
    ];
    qs.forEach((qi, i) => {
      const w = softmax(vs.map((k) => qi[0]! * k[0]! + qi[1]! * k[1]!));
      values(scores!)
        .slice(i * 3, i * 3 + 3)
        .forEach((s, j) => expect(s).toBeCloseTo(w[j]!, 5));
      [0, 1].forEach((d) =>
        expect(values(out!)[i * 2 + d]).toBeCloseTo(
          w.reduce((acc, wj, j) => acc + wj * vs[j]![d]!, 0),
          4,
        ),
      );
    });
    const masked = new Attention().applyMulti([q, v], {
      mask: [null, tf.tensor2d([[1, 1, 0]], undefined, 'bool')],
      returnAttentionScores: true,
    }) as tf.Tensor[];
    expect(values(masked[1]!)[2]).toBeCloseTo(0, 6);
    const causal = new Attention().applyMulti([q, v], {
      useCausalMask: true,
      returnAttentionScores: true,
    }) as tf.Tensor[];
    expect(values(causal[1]!).slice(0, 3)).toEqual([1, 0, 0]);
    const queryMasked = new Attention().apply([q, v], { mask: [tf.tensor2d([[1, 0]], undefined, 'bool'), null] });
    expect(values(queryMasked).slice(2)).toEqual([0, 0]);
  });

  it('AdditiveAttention: scores Σ scale·tanh(q + k)', () => {
    const layer = new AdditiveAttention();
    const q = tf.tensor3d([[[0.5, -1]]]);
    const v = tf.tensor3d([
      [
        [1, 0],
        [0, 1],
      ],
    ]);
    const [out, scores] = layer.applyMulti([q, v], { returnAttentionScores: true }) as tf.Tensor[];
    const scale = values(layer.scale!.value);
    const raw = [
      [1, 0],
      [0, 1],
    ].map((k) => scale.reduce((acc, s, d) => acc + s * Math.tanh([0.5, -1][d]! + k[d]!), 0));
    const w = softmax(raw);
    values(scores!).forEach((s, j) => expect(s).toBeCloseTo(w[j]!, 5));
    values(out!).forEach((o, d) => expect(o).toBeCloseTo(w[d]!, 5));
  });

  it('MultiHeadAttention: one head with identity projections is scaled dot-product attention', () => {
    const mha = new MultiHeadAttention(1, 2, { useBias: false });
    const x = ops.randomNormal([1, 3, 2], 0, 1, 1);
    mha.build([
      [null, 3, 2],
      [null, 3, 2],
    ]);
    const eye = tf.reshape(tf.eye(2), [2, 1, 2]);
    mha.setWeights([eye, eye, eye, tf.reshape(tf.eye(2), [1, 2, 2])]);
    const [out, scores] = mha.applyMulti([x, x], { returnAttentionScores: true }) as tf.Tensor[];
    expect(scores!.shape).toEqual([1, 1, 3, 3]);
    const expected = new Attention().apply([tf.div(x, Math.sqrt(2)), x, x]);
    expect(ops.allClose(out!, expected, 1e-5, 1e-6)).toBe(true);
  });

  it('MultiHeadAttention: padding masks from Embedding(maskZero) and the causal mask, in a functional model', () => {
    const ids = Input({ shape: [4], dtype: 'int32' });
    const embedded = new Embedding(10, 4, { maskZero: true }).apply(ids);
    const mha = new MultiHeadAttention(2, 2);
    const model = new Model({
      inputs: ids,
      outputs: mha.applyMulti([embedded, embedded], { useCausalMask: true, returnAttentionScores: true }) as never,
    });
    const [, scores] = model.predictMulti(tf.tensor2d([[3, 5, 0, 0]], undefined, 'int32'));
    const s = values(scores!);
    // Query 0 sees only key 0; query 1 keys 0-1 (no padded key); a padded query masks every key, so it is uniform (as in Keras).
    for (let head = 0; head < 2; head++) {
      const row = (i: number): number[] => s.slice(head * 16 + i * 4, head * 16 + i * 4 + 4);
      expect(row(0)[0]).toBeCloseTo(1, 6);
      expect(row(1)[2]! + row(1)[3]!).toBeCloseTo(0, 6);
      row(3).forEach((p) => expect(p).toBeCloseTo(0.25, 6));
    }
    const config = model.getConfig() as { layers: { inboundNodes: { kwargs: Record<string, unknown> }[] }[] };
    expect(config.layers.find((l) => l.inboundNodes[0]?.kwargs.useCausalMask)?.inboundNodes[0]!.kwargs).toEqual({
      useCausalMask: true,
      returnAttentionScores: true,
    });
    expect(() => mha.apply([embedded, embedded], { attentionMask: tf.ones([1, 4, 4]) })).toThrow(
      /'attentionMask' is a tensor, which can be given only in eager calls/,
    );
  });

  it('MultiHeadAttention attentionAxes: over all pixels = over the flattened sequence; over axis 2 = row by row', () => {
    const image = ops.randomNormal([2, 3, 4, 5], 0, 1, 6);
    const all = new MultiHeadAttention(2, 3);
    const [out, scores] = all.applyMulti([image, image], { returnAttentionScores: true }) as tf.Tensor[];
    expect(out!.shape).toEqual([2, 3, 4, 5]);
    expect(scores!.shape).toEqual([2, 2, 3, 4, 3, 4]);
    const flat = tf.reshape(image, [2, 12, 5]);
    expect(ops.allClose(tf.reshape(out!, [2, 12, 5]), all.apply([flat, flat]), 1e-5, 1e-6)).toBe(true);
    const rows = new MultiHeadAttention(1, 2, { attentionAxes: [2] });
    const y = rows.apply([image, image]);
    const firstRow = tf.slice(image, [0, 1, 0, 0], [2, 1, 4, 5]);
    const sequence = new MultiHeadAttention(1, 2);
    sequence.build([
      [null, 4, 5],
      [null, 4, 5],
    ]);
    sequence.setWeights(rows.getWeights());
    const alone = sequence.apply([tf.reshape(firstRow, [2, 4, 5]), tf.reshape(firstRow, [2, 4, 5])]);
    expect(ops.allClose(tf.reshape(tf.slice(y, [0, 1, 0, 0], [2, 1, 4, 5]), [2, 4, 5]), alone, 1e-5, 1e-6)).toBe(true);
    expect(MultiHeadAttention.fromConfig(rows.getConfig()).attentionAxes).toEqual([2]);
    expect(() => new MultiHeadAttention(1, 2, { attentionAxes: [3] }).apply([image, image])).toThrow(
      /must lie between the batch and the feature axes/,
    );
  });

  it('GroupedQueryAttention: shared key/value heads equal multi-head attention with repeated key/value weights', () => {
    const gqa = new GroupedQueryAttention(2, 4, 2);
    const x = ops.randomNormal([2, 3, 5], 0, 1, 5);
    gqa.build([
      [null, 3, 5],
      [null, 3, 5],
    ]);
    expect(gqa.weights.map((w) => w.shape)).toEqual([
      [5, 4, 2],
      [4, 2],
      [5, 2, 2],
      [2, 2],
      [5, 2, 2],
      [2, 2],
      [4, 2, 5],
      [5],
    ]);
    const mha = new MultiHeadAttention(4, 2);
    mha.build([
      [null, 3, 5],
      [null, 3, 5],
    ]);
    const repeat = (t: tf.Tensor, axis: number): tf.Tensor =>
      tf.concat(
        tf.split(t, 2, axis).flatMap((part) => [part, part]),
        axis,
      );
    const [qk, qb, kk, kb, vk, vb, ok, ob] = gqa.getWeights();
    mha.setWeights([qk!, qb!, repeat(kk!, 1), repeat(kb!, 0), repeat(vk!, 1), repeat(vb!, 0), ok!, ob!]);
    expect(ops.allClose(gqa.apply([x, x]), mha.apply([x, x]), 1e-5, 1e-6)).toBe(true);
    expect(() => new GroupedQueryAttention(2, 4, 3)).toThrow(/multiple of 'numKeyValueHeads'/);
  });

  it('gradients match finite differences', () => {
    const q = ops.randomNormal([2, 3, 4], 0, 1, 2);
    const v = ops.randomNormal([2, 5, 4], 0, 1, 3);
    const w = ops.randomNormal([2, 3, 4], 0, 1, 4);
    for (const layer of [
      new MultiHeadAttention(2, 3),
      new GroupedQueryAttention(2, 2, 1),
      new Attention({ useScale: true, scoreMode: 'concat' }),
      new AdditiveAttention(),
    ]) {
      const loss = (query: tf.Tensor): tf.Scalar => tf.sum(tf.mul(layer.apply([query, v]), w));
      checkGradient(loss, q);
      for (const weight of layer.trainableWeights) checkVariableGradient(() => loss(q), weight.value, { samples: 6 });
    }
  });
});
