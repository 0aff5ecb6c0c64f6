/**
 * The label-correction network over a whole tomogram: C = g(trunk features, noisy labels) blended
 * over overlapping patches like a prediction (running batch-norm statistics, as at inference).
 * The result feeds the correction review (core/labels/correction-suggestions.ts).
 */
import * as tf from '@tensorflow/tfjs';
import type { PatchSource, Shape3 } from '../../core/volume/patch-grid.ts';
import type { ClassProbabilityMaps } from '../../core/volume/probability-accumulator.ts';
import { blendOverPatches, type PredictVolumeOptions } from '../infer/predict-volume.ts';
import type { NamedTensors } from '../unet/batch-norm.ts';
import { unetFeatures } from '../unet/forward.ts';
import type { UNetModel } from '../unet/model.ts';
import { correctLabels } from './label-correction-net.ts';

/**
 * `source` normalised as for prediction; `noisyLabels` = class per voxel (the picks painted as
 * spheres); `correction` = the LC weights (names `lc.*`, as in a meta-mode checkpoint).
 */
export function correctVolume(
  model: UNetModel,
  correction: NamedTensors,
  source: PatchSource,
  noisyLabels: Uint8Array,
  shape: Shape3,
  options: PredictVolumeOptions = {},
): Promise<ClassProbabilityMaps> {
  const { config, weights } = model;
  if (noisyLabels.length !== shape[0] * shape[1] * shape[2]) throw new Error(`the label map has ${noisyLabels.length} voxels, the tomogram ${shape.join('×')}`);
  return blendOverPatches(
    config,
    source,
    shape,
    (input, labels) => {
      if (!labels) throw new Error('internal: label patches missing');
      const features = unetFeatures(weights.trainable, input, config, { kind: 'running', stats: weights.running });
      const noisy = tf.oneHot(tf.tensor1d(labels, 'int32'), config.nClasses).reshape([...input.shape.slice(0, 4), config.nClasses]) as tf.Tensor5D;
      return correctLabels(correction, features, noisy).corrected;
    },
    { ...options, labelMap: { dtype: 'uint8', data: noisyLabels } },
  );
}
