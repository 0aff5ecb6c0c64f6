/**
 * Optimisers written against named tensors (not tf.train.*): they take explicit gradients, so
 * the plain trainer and the meta-learning trainer share them, and their state can be saved in a
 * checkpoint and restored after a lost GPU device.
 */
import type * as tf from '@tensorflow/tfjs';

export interface OptimizerSettings {
  kind: 'sgd' | 'adam';
  learningRate: number;
  /** SGD momentum (ignored by Adam). */
  momentum: number;
  /** L2 penalty added to the gradient (coupled weight decay, as torch.optim.SGD). */
  weightDecay: number;
}

export const DEFAULT_OPTIMIZER: OptimizerSettings = { kind: 'sgd', learningRate: 0.01, momentum: 0.9, weightDecay: 1e-4 };

export interface Optimizer {
  readonly settings: OptimizerSettings;
  /** Updates `variables` in place from `grads` (same names). Disposes nothing it was given. */
  apply(variables: Readonly<Record<string, tf.Variable>>, grads: Readonly<Record<string, tf.Tensor>>): void;
  /** Slot values by name, for checkpoints. */
  readState(): Promise<Record<string, Float32Array>>;
  /** Restores slots from a checkpoint. */
  loadState(state: Readonly<Record<string, Float32Array>>, shapes: Readonly<Record<string, number[]>>): void;
  dispose(): void;
}
