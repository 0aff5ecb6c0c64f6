/**
 * 2× nearest-neighbour upsampling of an NDHWC tensor, one axis at a time with rank-4 tiles
 * (tfjs has no 3-D resize, and a rank-8 reshape is not supported by every backend).
 */
import * as tf from '@tensorflow/tfjs';

export function upsampleNearest2x(x: tf.Tensor5D): tf.Tensor5D {
  const [b, d, h, w, c] = x.shape;
  const alongD = tf.tile(tf.reshape(x, [b, d, 1, h * w * c]), [1, 1, 2, 1]);
  const alongH = tf.tile(tf.reshape(alongD, [b * 2 * d, h, 1, w * c]), [1, 1, 2, 1]);
  const alongW = tf.tile(tf.reshape(alongH, [b * 2 * d * 2 * h, w, 1, c]), [1, 1, 2, 1]);
  return tf.reshape(alongW, [b, 2 * d, 2 * h, 2 * w, c]);
}
