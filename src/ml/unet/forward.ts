/**
 * The U-Net forward pass as a pure function of named weight tensors. Training, inference and
 * meta-learning's look-ahead weights (I − η∇L, I ± ε·v) all call this with different tensors,
 * without building or copying a model. Layout NDHWC = [batch, z, y, x, channels].
 */
import * as tf from '@tensorflow/tfjs';
import { registerConv3dTransposeGradient } from '../kernels/conv3d-transpose-grad.ts';
import { batchNorm, type BatchNormMode, type NamedTensors } from './batch-norm.ts';
import { levelWidth, type UNetConfig } from './config.ts';
import { upsampleNearest2x } from './upsample.ts';

registerConv3dTransposeGradient();

function param(params: NamedTensors, name: string): tf.Tensor {
  const t = params[name];
  if (!t) throw new Error(`U-Net weight "${name}" is missing`);
  return t;
}

/**
 * Rank-5 pad/slice and broadcasting shaders fail to compile on tfjs-webgpu 4.22 ("cannot index
 * type vec5"), so weights are sliced and biases added through rank-3/rank-2 views.
 */
function inputChannelSlice(weight: tf.Tensor5D, offset: number, channels: number): tf.Tensor5D {
  const [kd, kh, kw, cin, cout] = weight.shape;
  const taps = tf.reshape(weight, [kd * kh * kw, cin, cout]);
  return tf.reshape(tf.slice(taps, [0, offset, 0], [-1, channels, cout]), [kd, kh, kw, channels, cout]);
}

function addChannelBias(x: tf.Tensor5D, bias: tf.Tensor): tf.Tensor5D {
  const channels = x.shape[4];
  return tf.reshape(tf.add(tf.reshape(x, [-1, channels]), bias), x.shape);
}

/**
 * conv(concat([a, b]), W) computed as conv(a, W_a) + conv(b, W_b) with W split along its input
 * channels: same result and weights, but no concat, whose gradient (SplitV on the channel axis)
 * cost as much as a convolution on the cpu backend.
 */
function convOfConcat(parts: readonly tf.Tensor5D[], weight: tf.Tensor5D): tf.Tensor5D {
  let offset = 0;
  let sum: tf.Tensor5D | null = null;
  for (const part of parts) {
    const channels = part.shape[4];
    const slice = parts.length === 1 ? weight : inputChannelSlice(weight, offset, channels);
    const conv = tf.conv3d(part, slice, 1, 'same');
    sum = sum ? tf.add<tf.Tensor5D>(sum, conv) : conv;
    offset += channels;
  }
  if (!sum || offset !== weight.shape[3]) throw new Error(`conv input has ${offset} channels, weight expects ${weight.shape[3]}`);
  return sum;
}

/** Two [conv 3×3×3 → batch norm → ReLU] blocks; the first takes the (virtual) concatenation of `inputs`. */
function convBlock(inputs: readonly tf.Tensor5D[], prefix: string, params: NamedTensors, bn: BatchNormMode): tf.Tensor5D {
  let out = convOfConcat(inputs, param(params, `${prefix}.conv0.w`) as tf.Tensor5D);
  out = tf.relu(batchNorm(out, `${prefix}.bn0`, params, bn));
  const conv = tf.conv3d(out, param(params, `${prefix}.conv1.w`) as tf.Tensor5D, 1, 'same');
  return tf.relu(batchNorm(conv, `${prefix}.bn1`, params, bn));
}

function upsample(x: tf.Tensor5D, level: number, params: NamedTensors, config: UNetConfig): tf.Tensor5D {
  if (config.upsampling === 'nearest') return upsampleNearest2x(x);
  const [b, d, h, w] = x.shape;
  const shape: [number, number, number, number, number] = [b, 2 * d, 2 * h, 2 * w, levelWidth(config, level)];
  const up = tf.conv3dTranspose(x, param(params, `dec${level}.up.w`) as tf.Tensor5D, shape, 2, 'same');
  return addChannelBias(up, param(params, `dec${level}.up.b`));
}

/**
 * The trunk: features [b, p, p, p, baseWidth] of the last decoder block, before the 1×1×1 head.
 * The label-correction network of the meta-learning issue shares it.
 */
export function unetFeatures(params: NamedTensors, input: tf.Tensor5D, config: UNetConfig, bn: BatchNormMode): tf.Tensor5D {
  const [, d, h, w, c] = input.shape;
  const multiple = 2 ** config.depth;
  if (c !== 1) throw new Error(`U-Net input must have 1 channel, got ${c}`);
  if (d % multiple || h % multiple || w % multiple) {
    throw new Error(`U-Net input ${w}×${h}×${d} must be a multiple of ${multiple} on every axis`);
  }
  let x = input;
  const skips: tf.Tensor5D[] = [];
  for (let l = 0; l < config.depth; l++) {
    x = convBlock([x], `enc${l}`, params, bn);
    skips.push(x);
    x = tf.maxPool3d(x, 2, 2, 'valid');
  }
  x = convBlock([x], 'mid', params, bn);
  for (let l = config.depth - 1; l >= 0; l--) {
    const skip = skips[l];
    if (!skip) throw new Error(`internal: no skip connection at level ${l}`);
    x = convBlock([upsample(x, l, params, config), skip], `dec${l}`, params, bn);
  }
  return x;
}

/** The 1×1×1 head: class logits from trunk features. */
export function unetHead(params: NamedTensors, features: tf.Tensor5D): tf.Tensor5D {
  const logits = tf.conv3d(features, param(params, 'head.w') as tf.Tensor5D, 1, 'same');
  return addChannelBias(logits, param(params, 'head.b'));
}

/** Logits [b, p, p, p, nClasses] for an input [b, p, p, p, 1]. */
export function unetForward(params: NamedTensors, input: tf.Tensor5D, config: UNetConfig, bn: BatchNormMode): tf.Tensor5D {
  return unetHead(params, unetFeatures(params, input, config, bn));
}
