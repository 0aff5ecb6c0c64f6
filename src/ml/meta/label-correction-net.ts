/**
 * The label-correction (LC) network g of RobPicker (eq. 14, appendix E). From the U-Net trunk's
 * features M and the noisy one-hot labels L:
 *   S = softmax(1×1×1 conv(M))                     — the LC's own class estimate
 *   α = sigmoid(conv(relu(conv([S, L]))))           — 1×1×1 convs 2c → hidden → 1: how much to trust S
 *   C = α·S + (1 − α)·L                             — the corrected (soft) labels
 * The trunk is the segmentation network's (shared weights I, paper: "for efficiency"); C holds only
 * the LC's own weights. Whether the LC loss trains the trunk is the caller's choice (meta-step.ts
 * stops that gradient). 1×1×1 convolutions are matrix products on [voxels, channels] views: cheaper
 * than conv3d and free of the rank-5 broadcasting that fails on tfjs-webgpu 4.22; conv([S, L]) is
 * S·W_S + L·W_L (same weights as one conv on the concatenation, no concat).
 *
 * Size: w₀·c + c + 2c·h + h + h + 1 weights (hidden h = c as in the paper: "shrink the channel size
 * to the number of classes"); 106 for the cpu preset (w₀ = 8, c = 5), 146 for the gpu preset. The
 * paper's "~1.3k" counts a wider trunk output; the architecture is the same.
 */
import * as tf from '@tensorflow/tfjs';
import type { NamedTensors } from '../unet/batch-norm.ts';
import { levelWidth, type UNetConfig } from '../unet/config.ts';
import { constant, heNormal, seededVariable } from './seeded-init.ts';

export interface LabelCorrectionOptions {
  /** Hidden channels of the α branch (default: the number of classes, as in the paper). */
  hidden?: number;
  /**
   * α at initialisation, through the last bias. Small (default 0.1) so training starts from the
   * noisy labels and S — which is random at first — earns trust only through the hypergradient.
   */
  initialAlpha?: number;
  /**
   * Start S's 1×1×1 conv as a copy of the segmentation head (default true), so S is the U-Net's own
   * prediction at first — the bootstrapping target of Reed et al. — instead of a random map the
   * weak hypergradient must first turn into a segmenter. It then learns its own way.
   */
  startFromHead?: boolean;
}

export const DEFAULT_INITIAL_ALPHA = 0.1;

function required(params: NamedTensors, name: string): tf.Tensor2D {
  const t = params[name];
  if (!t) throw new Error(`label-correction weight "${name}" is missing`);
  return t as tf.Tensor2D;
}

export function initLabelCorrectionParams(config: UNetConfig, seed: number, options: LabelCorrectionOptions = {}): Record<string, tf.Variable> {
  const c = config.nClasses;
  const w0 = levelWidth(config, 0);
  const hidden = options.hidden ?? c;
  const initialAlpha = options.initialAlpha ?? DEFAULT_INITIAL_ALPHA;
  if (!Number.isInteger(hidden) || hidden < 1) throw new Error(`label-correction hidden width must be a positive integer, got ${hidden}`);
  if (!(initialAlpha > 0 && initialAlpha < 1)) throw new Error(`initial α must lie in (0, 1), got ${initialAlpha}`);
  const v = (name: string, shape: number[], sample: Parameters<typeof seededVariable>[3]) => seededVariable(seed, name, shape, sample);
  return {
    'lc.features.w': v('lc.features.w', [w0, c], heNormal(w0)),
    'lc.features.b': v('lc.features.b', [c], constant(0)),
    'lc.mix.wS': v('lc.mix.wS', [c, hidden], heNormal(2 * c)),
    'lc.mix.wL': v('lc.mix.wL', [c, hidden], heNormal(2 * c)),
    'lc.mix.b': v('lc.mix.b', [hidden], constant(0)),
    'lc.alpha.w': v('lc.alpha.w', [hidden, 1], heNormal(hidden)),
    'lc.alpha.b': v('lc.alpha.b', [1], constant(Math.log(initialAlpha / (1 - initialAlpha)))),
  };
}

/** C = α·S + (1 − α)·L on [voxels, c] views, α [voxels, 1]. */
export function mixLabels(alpha: tf.Tensor2D, softmax: tf.Tensor2D, noisy: tf.Tensor2D): tf.Tensor2D {
  return tf.add(tf.mul(alpha, softmax), tf.mul(tf.sub(1, alpha), noisy));
}

export interface CorrectedLabels {
  /** C [b, z, y, x, c]: a distribution over classes at every voxel. */
  corrected: tf.Tensor5D;
  /** α [b, z, y, x, 1]: trust in S over L. */
  alpha: tf.Tensor5D;
  /** S [b, z, y, x, c]. */
  softmax: tf.Tensor5D;
}

/** g(features, L; C): features [b, z, y, x, w₀] from the U-Net trunk, L one-hot [b, z, y, x, c]. */
export function correctLabels(params: NamedTensors, features: tf.Tensor5D, noisy: tf.Tensor5D): CorrectedLabels {
  const [b, d, h, w, c] = noisy.shape;
  const [fb, fd, fh, fw, width] = features.shape;
  if (fb !== b || fd !== d || fh !== h || fw !== w) throw new Error(`features ${features.shape.join('×')} do not match labels ${noisy.shape.join('×')}`);
  const featureWeights = required(params, 'lc.features.w');
  if (featureWeights.shape[0] !== width || featureWeights.shape[1] !== c) {
    throw new Error(`label-correction network expects ${featureWeights.shape[0]} feature channels and ${featureWeights.shape[1]} classes, got ${width} and ${c}`);
  }
  const labels = tf.reshape(noisy, [-1, c]) as tf.Tensor2D;
  const logits = tf.add(tf.matMul(tf.reshape(features, [-1, width]) as tf.Tensor2D, featureWeights), required(params, 'lc.features.b'));
  const softmax = tf.softmax(logits) as tf.Tensor2D;
  const mixed = tf.add(tf.add(tf.matMul(softmax, required(params, 'lc.mix.wS')), tf.matMul(labels, required(params, 'lc.mix.wL'))), required(params, 'lc.mix.b'));
  const alpha = tf.sigmoid(tf.add(tf.matMul(tf.relu(mixed), required(params, 'lc.alpha.w')), required(params, 'lc.alpha.b'))) as tf.Tensor2D;
  return {
    corrected: tf.reshape(mixLabels(alpha, softmax, labels), noisy.shape),
    alpha: tf.reshape(alpha, [b, d, h, w, 1]),
    softmax: tf.reshape(softmax, noisy.shape),
  };
}

/** S's conv ← the U-Net head's weights (head.w [1, 1, 1, w₀, c] → [w₀, c]). */
export function copyHeadIntoCorrection(correction: Readonly<Record<string, tf.Variable>>, unet: NamedTensors): void {
  const head = unet['head.w'];
  const bias = unet['head.b'];
  const w = correction['lc.features.w'];
  const b = correction['lc.features.b'];
  if (!head || !bias || !w || !b) throw new Error('internal: head or label-correction weights missing');
  if (head.size !== w.size || bias.size !== b.size) throw new Error(`the head (${head.shape.join('×')}) does not fit the label correction (${w.shape.join('×')})`);
  tf.tidy(() => {
    w.assign(tf.reshape(head, w.shape));
    b.assign(tf.reshape(bias, b.shape));
  });
}
