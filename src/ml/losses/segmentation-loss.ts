/**
 * The training loss of the U-Net: Dice, optionally plus cross-entropy (which gives useful
 * gradients early, when Dice on rare classes is flat). Per sample, so the reweighting network of
 * the meta-learning issue can weight each one.
 */
import * as tf from '@tensorflow/tfjs';
import { crossEntropyPerClass, type CrossEntropyAveraging } from './cross-entropy.ts';
import { diceLossPerClass, type DiceClasses } from './dice.ts';
import { channelSoftmax } from './voxel-sums.ts';

export interface LossOptions {
  /** Weight of the cross-entropy term added to Dice (0 = Dice only). */
  crossEntropyWeight: number;
  /** How the cross-entropy term averages (cross-entropy.ts); default `voxels`. */
  crossEntropyAveraging?: CrossEntropyAveraging;
  /** Which classes the Dice term averages over (dice.ts). */
  diceClasses: DiceClasses;
}

export const DEFAULT_LOSS: LossOptions = Object.freeze({ crossEntropyWeight: 1, diceClasses: 'all' });

/**
 * Loss per sample and class [b, c]: Dice's term plus the weighted cross-entropy's, each scaled so the
 * mean over classes is the sample's loss. The meta-learning's lower level weights these terms.
 */
export function segmentationLossPerClass(logits: tf.Tensor5D, target: tf.Tensor5D, options: LossOptions = DEFAULT_LOSS): tf.Tensor2D {
  const dice = diceLossPerClass(channelSoftmax(logits), target, options.diceClasses);
  if (options.crossEntropyWeight === 0) return dice;
  return tf.add(dice, tf.mul(crossEntropyPerClass(logits, target, options.crossEntropyAveraging), options.crossEntropyWeight));
}

export function segmentationLossPerSample(logits: tf.Tensor5D, target: tf.Tensor5D, options: LossOptions = DEFAULT_LOSS): tf.Tensor1D {
  return tf.mean(segmentationLossPerClass(logits, target, options), 1) as tf.Tensor1D;
}

/** "Dice over present classes + 1 × cross-entropy over classes": for logs and error messages. */
export function describeLoss(options: LossOptions): string {
  const dice = `Dice over ${options.diceClasses} classes`;
  const weight = options.crossEntropyWeight;
  return weight === 0 ? dice : `${dice} + ${weight} × cross-entropy over ${options.crossEntropyAveraging ?? 'voxels'}`;
}

/** Float32 one-hot [b·p³·c] (c fastest) from a class map, built on the CPU: cheaper than tf.oneHot + cast. */
export function oneHot(labels: Uint8Array, nClasses: number, out = new Float32Array(labels.length * nClasses)): Float32Array {
  if (out.length !== labels.length * nClasses) throw new Error(`one-hot buffer has ${out.length} values, expected ${labels.length * nClasses}`);
  out.fill(0);
  for (let i = 0; i < labels.length; i++) {
    const label = labels[i] ?? 0;
    if (label >= nClasses) throw new Error(`label ${label} at voxel ${i} is outside the ${nClasses} classes of the model`);
    out[i * nClasses + label] = 1;
  }
  return out;
}
