/**
 * Multi-class soft Dice loss (RobPicker eq. 15): per sample, the mean over classes of
 * 1 − (2|A∩B| + s)/(|A| + |B| + s). Written with products and sums only (Keras' losses use
 * `where`, which fails on rank-5 tensors on webgpu). The smoothing s = 1 voxel keeps a class that
 * is absent from a patch and predicted absent at zero loss instead of 0/0.
 */
import * as tf from '@tensorflow/tfjs';
import { sumOverVoxels } from './voxel-sums.ts';

export const DICE_SMOOTHING = 1;

/**
 * Loss per sample and class [b, c]: 1 − (2|A∩B| + s)/(|A| + |B| + s). The targets may be soft
 * (meta-learning's corrected labels); the per-class reweighting of RobPicker weights these terms.
 */
export function diceLossPerClass(probs: tf.Tensor5D, target: tf.Tensor5D): tf.Tensor2D {
  const intersection = sumOverVoxels(tf.mul(probs, target));
  const total = tf.add(sumOverVoxels(probs), sumOverVoxels(target));
  const dice = tf.div(tf.add(tf.mul(intersection, 2), DICE_SMOOTHING), tf.add(total, DICE_SMOOTHING));
  return tf.sub(1, dice);
}

/** Loss per sample [b] from probabilities and one-hot targets, both [b, z, y, x, c]. */
export function diceLossPerSample(probs: tf.Tensor5D, target: tf.Tensor5D): tf.Tensor1D {
  return tf.mean(diceLossPerClass(probs, target), 1) as tf.Tensor1D;
}
