/**
 * Categorical cross-entropy per sample, from logits (log-softmax for stability), averaged one of two
 * ways:
 * - `voxels`: the mean over every voxel of the patch. A class's pull is its share of the voxels, so a
 *   ~120-voxel particle in a 32³ patch weighs 0.4 %.
 * - `classes`: each class present in the patch gets the mean over its own voxels, and the sample's
 *   loss is the mean of those over the present classes (class-balanced). Unlike Dice through a
 *   softmax, its gradient at a voxel does not vanish when the voxel's own class has probability ≈ 0,
 *   so a small class that an early, larger look-alike has taken over keeps a pull back
 *   (src/ml/meta/README.md, Limits: on one fixed batch the rare globule's voxels reach p 0.84 in 40
 *   steps with it, 0.20 in 150 with Dice alone; a 500-step warm-up with it still misses the class).
 */
import * as tf from '@tensorflow/tfjs';
import { presentClasses } from './dice.ts';
import { channelLogSoftmax, sumOverVoxels } from './voxel-sums.ts';

export type CrossEntropyAveraging = 'voxels' | 'classes';
export const CROSS_ENTROPY_AVERAGING: readonly CrossEntropyAveraging[] = ['voxels', 'classes'];

/**
 * Loss per sample and class [b, c], scaled so that its mean over the class axis is the sample's
 * loss (as diceLossPerClass is): the per-class reweighting and the meta-learning's lower level
 * weight these terms.
 */
export function crossEntropyPerClass(logits: tf.Tensor5D, target: tf.Tensor5D, averaging: CrossEntropyAveraging = 'voxels'): tf.Tensor2D {
  const [, d, h, w, c] = logits.shape;
  const perClass = tf.neg(sumOverVoxels(tf.mul(target, channelLogSoftmax(logits))));
  if (averaging === 'voxels') return tf.mul(perClass, c / (d * h * w));
  // Present as for Dice over present classes (a diffuse soft mass does not count); a present class's
  // mean weighs its voxels by their target value.
  const mass = sumOverVoxels(target);
  const present = presentClasses(target);
  const meanPerClass = tf.mul(tf.div(perClass, tf.maximum(mass, 1e-6)), present);
  return tf.mul(meanPerClass, tf.div(c, tf.maximum(tf.sum(present, 1, true), 1)));
}

export function crossEntropyPerSample(logits: tf.Tensor5D, target: tf.Tensor5D, averaging: CrossEntropyAveraging = 'voxels'): tf.Tensor1D {
  return tf.mean(crossEntropyPerClass(logits, target, averaging), 1) as tf.Tensor1D;
}
