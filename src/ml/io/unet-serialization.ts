/** Between a live U-Net (tfjs Variables) and its file format (model.json + weights.bin). */
import { weightsFromValues, readWeightValues } from '../unet/params.ts';
import type { UNetModel } from '../unet/model.ts';
import { deserializeWeights, serializeModel, type ModelClass, type ModelJson, type ModelProvenance, type SerializedModel } from './model-format.ts';

export async function serializeUNet(model: UNetModel, classes: readonly ModelClass[], provenance: ModelProvenance): Promise<SerializedModel> {
  return serializeModel(model.config, classes, provenance, await readWeightValues(model.weights));
}

export function unetFromSerialized(json: ModelJson, weights: ArrayBuffer): UNetModel {
  return { config: json.config, weights: weightsFromValues(json.config, deserializeWeights(json, weights)) };
}
