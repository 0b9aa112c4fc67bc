"""Writes fixtures/keras3-layers/<case>/{model.keras, io.json} with real Keras 3: a model, inputs, and
the outputs Keras computes for them (io.json: {"inputs": [...], "outputs": [...]}, each
{"name", "shape", "dtype", "data"} row-major). `keras3-layer-fixtures.test.ts` loads each model in
Strata and compares.

    /tmp/keras-venv/bin/python scripts/keras/generate_layer_fixtures.py
"""
import json
import os

os.environ.setdefault("KERAS_BACKEND", "jax")
import numpy as np  # noqa: E402
import keras  # noqa: E402
from keras import layers  # noqa: E402

OUT = os.path.join(os.path.dirname(__file__), "..", "..", "fixtures", "keras3-layers")


def masking_lstm():
    """Masking(-1) before an LSTM and a SimpleRNN: padded steps are skipped, the mask carried through."""
    model = keras.Sequential(
        [
            keras.Input(shape=(5, 3), name="padded_sequences"),
            layers.Masking(mask_value=-1.0, name="masking"),
            layers.LSTM(4, return_sequences=True, name="lstm"),
            layers.SimpleRNN(2, name="simple_rnn"),
        ],
        name="masking_lstm",
    )
    rng = np.random.default_rng(4234)
    data = rng.normal(size=(3, 5, 3)).astype("float32")
    data[0, 3:] = -1.0  # two padded steps
    data[1, 1:] = -1.0  # four padded steps
    data[2, 2, 1] = -1.0  # one -1 value in a real step: not masked
    return model, [data]


def masking_output():
    """Masking alone: the padded steps of its output are zeros."""
    model = keras.Sequential([keras.Input(shape=(4, 2)), layers.Masking(mask_value=0.5, name="masking")], name="masking_output")
    rng = np.random.default_rng(4235)
    data = rng.normal(size=(2, 4, 2)).astype("float32")
    data[0, 1] = 0.5
    data[1, 3] = 0.5
    data[1, 0, 0] = 0.5  # one 0.5 among other values: kept
    return model, [data]


def tensor_json(name, array):
    return {"name": name, "shape": list(array.shape), "dtype": str(array.dtype), "data": array.reshape(-1).tolist()}


def main():
    keras.utils.set_random_seed(1234)
    for make in (masking_lstm, masking_output):
        model, inputs = make()
        outputs = model.predict(inputs, verbose=0)
        outputs = outputs if isinstance(outputs, list) else [outputs]
        folder = os.path.join(OUT, make.__name__)
        os.makedirs(folder, exist_ok=True)
        model.save(os.path.join(folder, "model.keras"))
        io = {
            "inputs": [tensor_json(t.name, a) for t, a in zip(model.inputs, inputs)],
            "outputs": [tensor_json(f"output_{i}", np.asarray(a)) for i, a in enumerate(outputs)],
        }
        with open(os.path.join(folder, "io.json"), "w", encoding="utf-8") as f:
            json.dump(io, f)
        print(folder, [o.shape for o in outputs])


if __name__ == "__main__":
    main()
