/**
 * One supervised step: forward with batch statistics, per-sample loss (mean over the batch),
 * gradients of the trainable weights, optimiser update, running batch-norm statistics update.
 * Leaves no tensor behind except the returned scalar loss (the caller awaits and disposes it, so
 * the step's GPU work is not forced to sync here).
 */
import * as tf from '@tensorflow/tfjs';
import { DEFAULT_LOSS, oneHot, segmentationLossPerSample, type LossOptions } from '../losses/segmentation-loss.ts';
import type { Optimizer } from '../optim/optimizer.ts';
import { unetForward } from '../unet/forward.ts';
import { patchesToTensor, type UNetModel } from '../unet/model.ts';

export interface TrainingBatch {
  /** b·p³ normalised voxels, patch after patch, x fastest. */
  input: Float32Array;
  /** b·p³ class ids. */
  labels: Uint8Array;
  size: number;
  /** Class each patch was drawn around (0 = a background patch), when the sampler knows it. */
  centreClasses?: readonly number[];
}

/** PyTorch's default: running = 0.9·running + 0.1·batch. */
export const BATCH_NORM_MOMENTUM = 0.1;

export function targetTensor(labels: Uint8Array, batchSize: number, patch: number, nClasses: number): tf.Tensor5D {
  return tf.tensor5d(oneHot(labels, nClasses), [batchSize, patch, patch, patch, nClasses]);
}

export function trainStep(model: UNetModel, optimizer: Optimizer, batch: TrainingBatch, loss: LossOptions = DEFAULT_LOSS): tf.Scalar {
  const { config, weights } = model;
  const names = Object.keys(weights.trainable);
  const variables = names.map((n) => weights.trainable[n] as tf.Variable);
  const x = patchesToTensor(batch.input, batch.size, config.patch);
  const y = targetTensor(batch.labels, batch.size, config.patch, config.nClasses);
  const moments: { name: string; mean: tf.Tensor; variance: tf.Tensor }[] = [];
  const { value, grads } = tf.valueAndGrads((...tensors: tf.Tensor[]) => {
    const params: Record<string, tf.Tensor> = {};
    names.forEach((n, i) => (params[n] = tensors[i] as tf.Tensor));
    const logits = unetForward(params, x, config, {
      kind: 'batch',
      collect: (name, mean, variance) => moments.push({ name, mean: tf.keep(mean), variance: tf.keep(variance) }),
    });
    return tf.mean(segmentationLossPerSample(logits, y, loss)) as tf.Scalar;
  })(variables);
  const byName: Record<string, tf.Tensor> = {};
  names.forEach((n, i) => (byName[n] = grads[i] as tf.Tensor));
  optimizer.apply(weights.trainable, byName);
  updateRunningStatistics(model, moments, batch.size * config.patch ** 3);
  tf.dispose([x, y, ...grads, ...moments.flatMap((m) => [m.mean, m.variance])]);
  return value;
}

/** Folds one step's batch moments into the running averages (also used by the meta-learning step). */
export function updateRunningStatistics(model: UNetModel, moments: readonly { name: string; mean: tf.Tensor; variance: tf.Tensor }[], count: number): void {
  // Running variance uses the unbiased estimate, as PyTorch does.
  const unbias = count > 1 ? count / (count - 1) : 1;
  const m = BATCH_NORM_MOMENTUM;
  for (const { name, mean, variance } of moments) {
    const runningMean = model.weights.running[`${name}.mean`];
    const runningVar = model.weights.running[`${name}.var`];
    if (!runningMean || !runningVar) throw new Error(`no running statistics for "${name}"`);
    tf.tidy(() => {
      runningMean.assign(tf.add(tf.mul(runningMean, 1 - m), tf.mul(mean, m)));
      runningVar.assign(tf.add(tf.mul(runningVar, 1 - m), tf.mul(variance, m * unbias)));
    });
  }
}
