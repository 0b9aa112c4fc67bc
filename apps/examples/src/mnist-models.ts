import { Conv2D, Dense, Dropout, Flatten, Input, MaxPooling2D, Reshape, Sequential } from '@strata/layers';

/**
 * The MNIST MLP of the examples: 784 → Dense(256, relu) → Dropout(0.2) → Dense(128, relu) → Dense(10, softmax).
 * @example `const model = mnistMlp(); model.compile({ optimizer: 'adam', loss: 'sparse_categorical_crossentropy', metrics: ['accuracy'] });`
 */
export function mnistMlp(): Sequential {
  return new Sequential(
    [
      Input({ shape: [784] }),
      new Dense(256, { activation: 'relu' }),
      new Dropout(0.2),
      new Dense(128, { activation: 'relu' }),
      new Dense(10, { activation: 'softmax' }),
    ],
    { name: 'mnist_mlp' },
  );
}

/**
 * A small MNIST CNN taking the same flat 784 inputs: Reshape(28, 28, 1) → Conv2D(8, 3, relu) → MaxPooling2D →
 * Conv2D(16, 3, relu) → MaxPooling2D → Flatten → Dense(10, softmax).
 */
export function mnistCnn(): Sequential {
  return new Sequential(
    [
      Input({ shape: [784] }),
      new Reshape([28, 28, 1]),
      new Conv2D(8, 3, { activation: 'relu' }),
      new MaxPooling2D(2),
      new Conv2D(16, 3, { activation: 'relu' }),
      new MaxPooling2D(2),
      new Flatten(),
      new Dense(10, { activation: 'softmax' }),
    ],
    { name: 'mnist_cnn' },
  );
}
