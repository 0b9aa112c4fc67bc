"""Writes fixtures/keras3-summaries/<case>/{model.keras, summary.txt} with real Keras 3.

Models whose names, shapes and `Connected to` entries are wider than their summary columns, so that
Strata's summary must wrap and cut them exactly as Keras (through rich) does.

    /tmp/keras-venv/bin/python scripts/keras/generate_summary_fixtures.py
"""
import io
import os
import contextlib

os.environ.setdefault("KERAS_BACKEND", "jax")
# rich sizes the table to the terminal; 200 columns leave the widths Keras asks for (88, or 108 with "Connected to").
os.environ["COLUMNS"] = "200"
import keras  # noqa: E402
from keras import layers  # noqa: E402

OUT = os.path.join(os.path.dirname(__file__), "..", "..", "fixtures", "keras3-summaries")


def residual_long_names():
    """A ResNet-style block whose Add and Concatenate take several long-named inputs."""
    x = keras.Input(shape=(8, 8, 3), name="input_image_with_a_rather_long_name")
    stem = layers.Conv2D(4, 3, padding="same", name="stem_convolution_with_a_very_long_descriptive_name")(x)
    bn = layers.BatchNormalization(name="batch_normalization_1")(stem)
    a = layers.Conv2D(4, 1, name="branch_a_pointwise_projection")(bn)
    b = layers.Conv2D(4, 3, padding="same", name="branch_b_spatial_convolution")(bn)
    c = layers.BatchNormalization(name="batch_normalization_2")(b)
    added = layers.Add(name="add")([bn, a, c])
    joined = layers.Concatenate(name="concatenate_everything_together")([added, a, b, c, bn])
    pooled = layers.GlobalAveragePooling2D(name="gap")(joined)
    out = layers.Dense(3, name="classifier_head_dense_layer_with_an_extremely_long_name_indeed")(pooled)
    return keras.Model(x, out, name="residual_block_with_long_names")


def transformer_block():
    """An encoder block: attention over two uses of one tensor, residual Adds, layer norms."""
    tokens = keras.Input(shape=(6,), dtype="int32", name="token_ids")
    embedded = layers.Embedding(50, 8, name="token_embedding_lookup_table")(tokens)
    attended = layers.MultiHeadAttention(2, 4, name="multi_head_self_attention_layer")(embedded, embedded)
    res1 = layers.Add(name="residual_connection_after_attention")([embedded, attended])
    norm1 = layers.LayerNormalization(name="layer_normalization_after_attention")(res1)
    ffn = layers.Dense(16, activation="relu", name="feed_forward_expand")(norm1)
    ffn = layers.Dense(8, name="feed_forward_project_back")(ffn)
    res2 = layers.Add(name="residual_connection_after_feed_forward")([norm1, ffn])
    norm2 = layers.LayerNormalization(name="final_layer_normalization")(res2)
    return keras.Model(tokens, norm2, name="transformer_encoder_block")


def sequential_wide_shapes():
    """A Sequential with long layer names and output shapes wider than their column."""
    return keras.Sequential(
        [
            keras.Input(shape=(2, 3, 4, 5, 6)),
            layers.Reshape((1, 2, 3, 4, 5, 6, 1, 1, 1, 1), name="reshape_to_a_shape_of_many_many_dimensions"),
            layers.Reshape((60, 12, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1), name="r"),
            layers.Flatten(name="flatten_layer_whose_name_is_longer_than_the_whole_first_column_of_the_table"),
            layers.Dense(7, name="d"),
        ],
        name="sequential_with_wide_shapes",
    )


def main():
    for make in (residual_long_names, transformer_block, sequential_wide_shapes):
        model = make()
        folder = os.path.join(OUT, make.__name__)
        os.makedirs(folder, exist_ok=True)
        model.save(os.path.join(folder, "model.keras"))
        text = io.StringIO()
        with contextlib.redirect_stdout(text):
            model.summary()
        with open(os.path.join(folder, "summary.txt"), "w", encoding="utf-8") as f:
            f.write(text.getvalue())
        print(folder)
        print(text.getvalue())


if __name__ == "__main__":
    main()
