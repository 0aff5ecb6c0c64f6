/**
 * tfjs 4.22 has no stopGradient: identity in the forward pass, zero gradient in the backward pass.
 * Meta-learning needs it twice — the loss fed to the reweighting network and the trunk features
 * fed to the label-correction network are inputs there, not paths for the U-Net's gradient.
 */
import * as tf from '@tensorflow/tfjs';

const identityWithZeroGradient = tf.customGrad((...inputs: Array<tf.Tensor | tf.GradSaveFunc>) => ({
  value: tf.clone(inputs[0] as tf.Tensor),
  gradFunc: (dy: tf.Tensor) => tf.zerosLike(dy),
}));

export function stopGradient<T extends tf.Tensor>(x: T): T {
  return identityWithZeroGradient(x) as T;
}
