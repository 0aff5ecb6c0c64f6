/**
 * The correction review's recipe, shared by `tomopick suggest` and the studio's training worker:
 * paint the picks as spheres (the noisy labels L), run the label-correction network over the
 * tomogram (its estimate S and trust α), and list where S, weighted by α, disagrees with L
 * (core/labels/correction-suggestions.ts).
 */
import { correctionSuggestions, type Suggestion } from '../../core/labels/correction-suggestions.ts';
import { paintSphereLabels, type LabelPoint } from '../../core/labels/sphere-labels.ts';
import { normaliseForNetwork } from '../../core/training/normalise.ts';
import type { Volume } from '../../core/volume/volume.ts';
import type { PredictVolumeOptions } from '../infer/predict-volume.ts';
import type { SerializedModel } from '../io/model-format.ts';
import { unetFromSerialized } from '../io/unet-serialization.ts';
import { disposeUNet } from '../unet/model.ts';
import { correctVolume } from './correct-volume.ts';
import { correctionFromState } from './meta-state.ts';

/**
 * `meta` = the meta entries of an lc-only / robpicker run (`splitMetaState(...).meta`);
 * `radiusVoxels` = particle radius per class in voxels (undefined for a class the model lacks).
 */
export async function suggestLabelFixes(
  saved: SerializedModel,
  meta: Readonly<Record<string, Float32Array>>,
  volume: Pick<Volume, 'nx' | 'ny' | 'nz' | 'dtype' | 'data'>,
  picks: readonly LabelPoint[],
  radiusVoxels: (classId: number) => number | undefined,
  options: PredictVolumeOptions = {},
): Promise<Suggestion[]> {
  const shape: [number, number, number] = [volume.nx, volume.ny, volume.nz];
  const noisy = paintSphereLabels(shape, picks, (id) => {
    const r = radiusVoxels(id);
    if (!r) throw new Error(`class ${id} of the picks is not a class of the model (or has no radius)`);
    return r;
  });
  const model = unetFromSerialized(saved.json, saved.weights);
  let correction;
  let lc;
  try {
    correction = correctionFromState(model.config, meta);
    lc = await correctVolume(model, correction, normaliseForNetwork(volume), noisy, shape, options);
  } finally {
    for (const v of Object.values(correction ?? {})) v.dispose();
    disposeUNet(model);
  }
  return correctionSuggestions(lc, noisy, picks, shape, { radiusVoxels });
}
