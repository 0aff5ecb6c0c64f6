/**
 * Multi-class soft Dice loss (RobPicker eq. 15): per sample, the mean over classes of
 * 1 − (2|A∩B| + s)/(|A| + |B| + s). Written with products and sums only (Keras' losses use
 * `where`, which fails on rank-5 tensors on webgpu). The smoothing s = 1 voxel keeps a class that
 * is absent from a patch and predicted absent at zero loss instead of 0/0.
 *
 * Which classes the mean runs over:
 * - `all`: every class. With s = 1 an absent class costs 1 − 1/(|B| + 1): one voxel's worth of
 *   predicted mass already costs 0.5, while a present class rewards a matched voxel by only about
 *   2/(|A| + |B|). A rare class, absent from most patches, is pushed towards zero everywhere
 *   (measured on the ablation's `tiny`: src/ml/meta/README.md, Limits).
 * - `present`: only the classes the target holds, where some voxel gives the class at least 1/2
 *   (a hard label, or a confident correction: the corrected labels' diffuse α·S mass does not
 *   count, or every class would be present in every patch). Eq. 15 as
 *   printed has no smoothing, so there an absent class's term is the constant 1 and has no
 *   gradient: `present` gives the same gradient directions, with a loss that stays readable as the
 *   mean Dice loss over the classes in the patch. False positives of an absent class still cost,
 *   through the background's term and the terms of the classes present.
 */
import * as tf from '@tensorflow/tfjs';
import { sumOverVoxels } from './voxel-sums.ts';

export const DICE_SMOOTHING = 1;

export type DiceClasses = 'all' | 'present';
export const DICE_CLASSES: readonly DiceClasses[] = ['all', 'present'];

/** Target value a class must reach at some voxel of a patch to count as present there. */
export const PRESENT_CLASS_LEVEL = 0.5;

/**
 * Loss per sample and class [b, c]: 1 − (2|A∩B| + s)/(|A| + |B| + s). The targets may be soft
 * (meta-learning's corrected labels); the per-class reweighting of RobPicker weights these terms.
 * With `present`, absent classes' terms are 0 and present ones are scaled by c / (classes present),
 * so the mean over the class axis is the mean over the present classes and every consumer of this
 * matrix (means, per-class weights) works unchanged.
 */
export function diceLossPerClass(probs: tf.Tensor5D, target: tf.Tensor5D, classes: DiceClasses = 'all'): tf.Tensor2D {
  const intersection = sumOverVoxels(tf.mul(probs, target));
  const total = tf.add(sumOverVoxels(probs), sumOverVoxels(target));
  const dice = tf.div(tf.add(tf.mul(intersection, 2), DICE_SMOOTHING), tf.add(total, DICE_SMOOTHING));
  const loss = tf.sub(1, dice) as tf.Tensor2D;
  if (classes === 'all') return loss;
  const present = presentClasses(target);
  const count = tf.maximum(tf.sum(present, 1, true), 1);
  return tf.mul(loss, tf.div(tf.mul(present, target.shape[4]), count));
}

/**
 * [b, c]: 1 where some voxel of the sample gives the class at least PRESENT_CLASS_LEVEL, else 0.
 * step() has a zero gradient: which classes count is not something the label networks can learn.
 */
export function presentClasses(target: tf.Tensor5D): tf.Tensor2D {
  const [b, d, h, w, c] = target.shape;
  const peak = tf.max(tf.reshape(target, [b, d * h * w, c]), 1);
  // step(x) is 1 only for x > 0; the 1e-6 makes a peak of exactly the level count (a 50/50 soft label).
  return tf.step(tf.sub(peak, PRESENT_CLASS_LEVEL - 1e-6)) as tf.Tensor2D;
}

/** Loss per sample [b] from probabilities and one-hot targets, both [b, z, y, x, c]. */
export function diceLossPerSample(probs: tf.Tensor5D, target: tf.Tensor5D, classes: DiceClasses = 'all'): tf.Tensor1D {
  return tf.mean(diceLossPerClass(probs, target, classes), 1) as tf.Tensor1D;
}
