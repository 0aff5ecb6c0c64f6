/**
 * Sums over the spatial axes of [b, z, y, x, c] as a batched product with a row of ones: the
 * cpu backend's reduction over middle axes transposes the whole tensor first.
 */
import * as tf from '@tensorflow/tfjs';

/** [b, z, y, x, c] → [b, c]. */
export function sumOverVoxels(x: tf.Tensor5D): tf.Tensor2D {
  const [b, d, h, w, c] = x.shape;
  const n = d * h * w;
  const sums = tf.matMul(tf.ones([b, 1, n]), tf.reshape(x, [b, n, c]) as tf.Tensor3D);
  return tf.reshape(sums, [b, c]);
}

/** Softmax over the channel axis through a [voxels, c] matrix (the rank-5 softmax is slow on cpu). */
export function channelSoftmax(logits: tf.Tensor5D): tf.Tensor5D {
  const c = logits.shape[4];
  return tf.reshape(tf.softmax(tf.reshape(logits, [-1, c])), logits.shape);
}

export function channelLogSoftmax(logits: tf.Tensor5D): tf.Tensor5D {
  const c = logits.shape[4];
  return tf.reshape(tf.logSoftmax(tf.reshape(logits, [-1, c])), logits.shape);
}
