import { beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, numTensors, ready, tf } from '@strata/core';
import '@strata/backend-cpu';
import {
  Dense,
  Embedding,
  GlobalAveragePooling1D,
  Input,
  IntegerLookup,
  Model,
  StringLookup,
  TextVectorization,
} from '../index.js';

beforeAll(async () => {
  await ready('cpu');
});

const ints = (t: tf.Tensor): number[] => Array.from(t.dataSync() as Int32Array);

describe('lookup layers', () => {
  it('StringLookup: OOV → 0, vocabulary from 1; mask token; invert; encodings', () => {
    const lookup = new StringLookup({ vocabulary: ['a', 'b', 'c'] });
    expect(ints(lookup.apply(tf.tensor([['a', 'c', 'z']])))).toEqual([1, 3, 0]);
    expect(lookup.getVocabulary()).toEqual(['[UNK]', 'a', 'b', 'c']);
    const masked = new StringLookup({ vocabulary: ['a', 'b'], maskToken: '' });
    expect(ints(masked.apply(tf.tensor(['', 'b', 'x'])))).toEqual([0, 3, 1]);
    const inverse = new StringLookup({ vocabulary: ['a', 'b', 'c'], invert: true });
    expect(inverse.apply(tf.tensor1d([1, 3, 0], 'int32')).arraySync()).toEqual(['a', 'c', '[UNK]']);
    expect(
      Array.from(
        new StringLookup({ vocabulary: ['a', 'b'], outputMode: 'multi_hot' })
          .apply(tf.tensor([['a', 'a', 'x']]))
          .dataSync(),
      ),
    ).toEqual([1, 1, 0]);
    expect(
      Array.from(
        new StringLookup({ vocabulary: ['a', 'b'], outputMode: 'count' })
          .apply(tf.tensor([['a', 'a', 'x']]))
          .dataSync(),
      ),
    ).toEqual([1, 2, 0]);
    expect(() => new StringLookup({ vocabulary: ['a', 'a'] })).toThrow(/repeats "a"/);
    expect(() => new StringLookup().apply(tf.tensor(['a']))).toThrow(/no vocabulary yet/);
  });

  it('adapt orders by frequency (ties: larger token first, as Keras) and respects maxTokens', () => {
    const lookup = new StringLookup({ maxTokens: 4 });
    lookup.adapt(['b', 'a', 'c', 'a', 'd', 'c', 'a']);
    expect(lookup.getVocabulary()).toEqual(['[UNK]', 'a', 'c', 'd']);
    const integers = new IntegerLookup();
    integers.adapt(tf.tensor1d([7, 7, 42, 3, 42, 7], 'int32'));
    expect(integers.getVocabulary()).toEqual([-1, 7, 42, 3]);
    expect(ints(integers.apply(tf.tensor1d([42, 5], 'int32')))).toEqual([2, 0]);
  });

  it('the vocabulary round-trips through the vocabulary.txt asset', () => {
    const lookup = new StringLookup();
    lookup.adapt(['x', 'y', 'y']);
    const assets = lookup.saveAssets();
    expect(assets['vocabulary.txt']).toBe('[UNK]\ny\nx');
    const restored = StringLookup.fromConfig(lookup.getConfig());
    restored.loadAssets(assets);
    expect(restored.getVocabulary()).toEqual(lookup.getVocabulary());
    expect(() => restored.loadAssets({})).toThrow(ConfigError);
  });

  it('TextVectorization: standardize, split, look up, pad; a text classifier trains end to end', async () => {
    const vectorize = new TextVectorization({ outputSequenceLength: 5 });
    vectorize.adapt(['the cat sat', 'The dog ran.', 'the cat ran!']);
    expect(vectorize.getVocabulary()).toEqual(['', '[UNK]', 'the', 'ran', 'cat', 'sat', 'dog']);
    expect(ints(vectorize.apply(tf.tensor(['The cat ran!', 'a dog'])))).toEqual([2, 4, 3, 0, 0, 1, 6, 0, 0, 0]);
    const text = Input({ shape: [], dtype: 'string' });
    const ids = vectorize.apply(text);
    expect(ids.shape).toEqual([null, 5]);
    const model = new Model({
      inputs: text,
      outputs: new Dense(1, { activation: 'sigmoid' }).apply(
        new GlobalAveragePooling1D().apply(new Embedding(7, 4).apply(ids)),
      ),
    });
    model.compile({ optimizer: 'adam', loss: 'binary_crossentropy' });
    const x = tf.tensor(['the cat sat', 'the dog ran', 'cat sat', 'dog ran'], undefined, 'string');
    const y = tf.tensor2d([[1], [0], [1], [0]]);
    const before = numTensors();
    const history = await model.fit(x, y, { epochs: 5, batchSize: 2, verbose: 0 });
    expect(Number.isFinite(history.history.loss![4]!)).toBe(true);
    expect(numTensors()).toBe(before + 6); // the Adam slots of the Embedding and Dense weights (3 × 2)
    const multi = new TextVectorization({ outputMode: 'multi_hot', vocabulary: ['cat', 'dog'] });
    expect(Array.from(multi.apply(tf.tensor(['Dog! dog cat'])).dataSync())).toEqual([0, 0, 1, 1]); // columns: '', [UNK], cat, dog
    expect(Array.from(multi.apply(tf.tensor(['a cat'])).dataSync())).toEqual([0, 1, 1, 0]);
  });
});
