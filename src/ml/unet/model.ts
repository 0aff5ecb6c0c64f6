/** A U-Net: its configuration plus its weights, and inference on a batch of patches. */
import * as tf from '@tensorflow/tfjs';
import type { UNetConfig } from './config.ts';
import { unetForward } from './forward.ts';
import { channelSoftmax } from '../losses/voxel-sums.ts';
import { disposeWeights, initUNetWeights, type UNetWeights } from './params.ts';

export interface UNetModel {
  config: UNetConfig;
  weights: UNetWeights;
}

export function createUNet(config: UNetConfig, seed: number): UNetModel {
  return { config, weights: initUNetWeights(config, seed) };
}

export function disposeUNet(model: UNetModel): void {
  disposeWeights(model.weights);
}

/** Input tensor [b, p, p, p, 1] from b patches of p³ values (x fastest), no copy of the layout. */
export function patchesToTensor(data: Float32Array, batchSize: number, patch: number): tf.Tensor5D {
  const expected = batchSize * patch ** 3;
  if (data.length !== expected) throw new Error(`patch buffer has ${data.length} values, expected ${expected}`);
  return tf.tensor5d(data, [batchSize, patch, patch, patch, 1]);
}

/** Class probabilities [b, p, p, p, c] with batch norm in inference mode. */
export function predictProbabilities(model: UNetModel, input: tf.Tensor5D): tf.Tensor5D {
  return tf.tidy(() => {
    const logits = unetForward(model.weights.trainable, input, model.config, { kind: 'running', stats: model.weights.running });
    return channelSoftmax(logits);
  });
}
