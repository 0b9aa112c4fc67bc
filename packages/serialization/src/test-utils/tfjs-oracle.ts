/**
 * Test helper: tfjs-layers 4.22 as the oracle for the TensorFlow.js format. Saves a tfjs-layers model
 * to memory the way `model.save('file://…')` would write it, and loads Strata's artifacts with
 * `tf.loadLayersModel`. Importing it registers tfjs-core's chained tensor methods (`x.flatten()`), which
 * tfjs-layers needs and which `@tensorflow/tfjs` (not installed here) would register.
 */
import '@tensorflow/tfjs-core/dist/public/chained_ops/register_all_chained_ops.js';
import * as tfl from '@tensorflow/tfjs-layers';
import { tf } from '@strata/core';
import type { ModelJson, TfjsArtifacts, WeightSpec } from '../index.js';

export { tfl };

/** A tfjs-layers model's save: `model.json` and the weight bytes (one shard). */
export interface TfjsSave {
  modelJson: ModelJson;
  data: Uint8Array;
}

/** What tfjs-layers' `model.save` writes for `model`, in memory. */
export async function saveWithTfjs(model: tfl.LayersModel): Promise<TfjsSave> {
  let saved: tf.io.ModelArtifacts | undefined;
  await model.save(
    tf.io.withSaveHandler(async (artifacts) => {
      saved = artifacts;
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }),
  );
  const modelJson: ModelJson = {
    format: 'layers-model',
    generatedBy: 'TensorFlow.js tfjs-layers v4.22.0',
    convertedBy: null,
    modelTopology: saved!.modelTopology as Record<string, unknown>,
    weightsManifest: [{ paths: ['group1-shard1of1.bin'], weights: (saved!.weightSpecs ?? []) as WeightSpec[] }],
  };
  return { modelJson, data: new Uint8Array(saved!.weightData as ArrayBuffer) };
}

/** The shards' bytes in manifest order, concatenated. */
export function concatShards(shards: Map<string, Uint8Array>): Uint8Array {
  const parts = [...shards.values()];
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  parts.reduce((offset, p) => (out.set(p, offset), offset + p.length), 0);
  return out;
}

/** `tf.loadLayersModel` on a `model.json` and its weight bytes. */
export async function loadWithTfjs(modelJson: ModelJson, data: Uint8Array): Promise<tfl.LayersModel> {
  const weightSpecs = modelJson.weightsManifest.flatMap((group) => group.weights) as tf.io.WeightsManifestEntry[];
  const weightData = data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength) as ArrayBuffer;
  return tfl.loadLayersModel(tf.io.fromMemory({ modelTopology: modelJson.modelTopology, weightSpecs, weightData }));
}

/** `tf.loadLayersModel` on Strata's artifacts. */
export async function loadArtifactsWithTfjs({ modelJson, shards }: TfjsArtifacts): Promise<tfl.LayersModel> {
  return loadWithTfjs(modelJson, concatShards(shards));
}
