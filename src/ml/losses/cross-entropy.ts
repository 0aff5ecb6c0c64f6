/** Voxel-mean categorical cross-entropy per sample, from logits (log-softmax for stability). */
import * as tf from '@tensorflow/tfjs';
import { channelLogSoftmax, sumOverVoxels } from './voxel-sums.ts';

export function crossEntropyPerSample(logits: tf.Tensor5D, target: tf.Tensor5D): tf.Tensor1D {
  const [, d, h, w] = logits.shape;
  const perClass = sumOverVoxels(tf.mul(target, channelLogSoftmax(logits)));
  return tf.div(tf.neg(tf.sum(perClass, 1)), d * h * w) as tf.Tensor1D;
}
