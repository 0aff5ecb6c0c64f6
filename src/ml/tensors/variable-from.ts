import * as tf from '@tensorflow/tfjs';

/** A Variable owning `values`; tf.variable keeps its own reference, so the source tensor is released. */
export function variableFrom(values: Float32Array, shape: number[], trainable: boolean): tf.Variable {
  const initial = tf.tensor(values, shape, 'float32');
  const variable = tf.variable(initial, trainable);
  initial.dispose();
  return variable;
}
