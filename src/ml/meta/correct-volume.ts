/**
 * The label-correction network over a whole tomogram, blended over overlapping patches like a
 * prediction (running batch-norm statistics, as at inference). It returns the two parts of
 * C = α·S + (1 − α)·L rather than C itself: the network's own estimate S and its trust α. The
 * correction review weighs S by α (core/labels/correction-suggestions.ts): C alone cannot say how
 * sure the estimate is, because a learned α of ~0.07 keeps every C next to the noisy label.
 */
import * as tf from '@tensorflow/tfjs';
import type { LabelCorrectionMaps } from '../../core/labels/correction-suggestions.ts';
import type { PatchSource, Shape3 } from '../../core/volume/patch-grid.ts';
import { blendOutputsOverPatches, inferenceTile, type PredictVolumeOptions } from '../infer/predict-volume.ts';
import type { NamedTensors } from '../unet/batch-norm.ts';
import { unetFeatures } from '../unet/forward.ts';
import type { UNetModel } from '../unet/model.ts';
import { correctLabels } from './label-correction-net.ts';

/**
 * `source` normalised as for prediction; `noisyLabels` = class per voxel (the picks painted as
 * spheres); `correction` = the LC weights (names `lc.*`, as in a meta-mode checkpoint).
 */
export async function correctVolume(
  model: UNetModel,
  correction: NamedTensors,
  source: PatchSource,
  noisyLabels: Uint8Array,
  shape: Shape3,
  options: PredictVolumeOptions = {},
): Promise<LabelCorrectionMaps> {
  const { config, weights } = model;
  if (noisyLabels.length !== shape[0] * shape[1] * shape[2]) throw new Error(`the label map has ${noisyLabels.length} voxels, the tomogram ${shape.join('×')}`);
  const [estimate, trust] = await blendOutputsOverPatches(
    inferenceTile(config, options.tile),
    [config.nClasses, 2],
    source,
    shape,
    (input, labels) => {
      if (!labels) throw new Error('internal: label patches missing');
      const features = unetFeatures(weights.trainable, input, config, { kind: 'running', stats: weights.running });
      const noisy = tf.oneHot(tf.tensor1d(labels, 'int32'), config.nClasses).reshape([...input.shape.slice(0, 4), config.nClasses]) as tf.Tensor5D;
      const { softmax, alpha } = correctLabels(correction, features, noisy);
      // [1 − α, α] is a two-class distribution, so the same accumulator blends it.
      return [softmax, tf.concat([tf.sub(1, alpha), alpha], -1)];
    },
    { ...options, labelMap: { dtype: 'uint8', data: noisyLabels } },
  );
  return { estimate: estimate!, trust: trust!.probabilities[0]! };
}
