/**
 * The hypergradient of a bi-level problem by central finite differences (RobPicker eqs. 9–13, DARTS):
 *   I' = I − η·∇_I L_tr(I, H)                        (one-step look-ahead, eq. 6)
 *   v  = ∇_{I'} L_val(I')
 *   ∇_H L_val(I'(H)) = −η·∇²_{H,I} L_tr(I, H)·v
 *                    ≈ −η·[∇_H L_tr(I + ε·v, H) − ∇_H L_tr(I − ε·v, H)] / (2ε),   ε = r/‖v‖
 * Two more passes of the lower-level loss replace a Hessian-vector product; with r = 0.01 (DARTS)
 * the error is O(ε²) and float32 cancellation stays small (the two gradients differ by ~1%).
 * Generic over name → tensor maps: H is the label-correction and reweighting weights in meta-step.ts.
 */
import * as tf from '@tensorflow/tfjs';
import type { NamedTensors } from '../unet/batch-norm.ts';
import { byName, inOrder } from './named-tensors.ts';

/** DARTS' perturbation radius: ε = 0.01/‖v‖. */
export const FINITE_DIFFERENCE_RADIUS = 0.01;

/** Lower-level loss L_tr(I, H) as a function of the inner weights I and the hyper weights H. */
export type LowerLevelLoss = (inner: NamedTensors, hyper: NamedTensors) => tf.Scalar;

/** I − η·g for every weight of `inner` (plain SGD, the look-ahead of eq. 6). */
export function lookAhead(inner: NamedTensors, grads: NamedTensors, learningRate: number): Record<string, tf.Tensor> {
  return tf.tidy(() => {
    const out: Record<string, tf.Tensor> = {};
    for (const [name, weight] of Object.entries(inner)) {
      const grad = grads[name];
      if (!grad) throw new Error(`no gradient for weight "${name}"`);
      out[name] = tf.sub(weight, tf.mul(grad, learningRate));
    }
    return out;
  });
}

/** ∇_H L_tr(I, H) as a map over H's names. */
function hyperGradients(loss: LowerLevelLoss, inner: NamedTensors, hyper: NamedTensors): Record<string, tf.Tensor> {
  const names = Object.keys(hyper);
  const grads = tf.grads((...tensors: tf.Tensor[]) => loss(inner, byName(names, tensors)))(inOrder(hyper, names));
  return byName(names, grads);
}

/**
 * ≈ ∇_H L_val(I − η·∇_I L_tr(I, H)) given v = ∇_{I'} L_val at the look-ahead weights I'. Returns
 * new tensors (the caller disposes them); evaluates `loss` twice, differentiated w.r.t. H only.
 */
export function finiteDifferenceHypergradient(
  loss: LowerLevelLoss,
  inner: NamedTensors,
  hyper: NamedTensors,
  validationGrad: NamedTensors,
  innerLearningRate: number,
  radius = FINITE_DIFFERENCE_RADIUS,
): Record<string, tf.Tensor> {
  return tf.tidy(() => {
    const names = Object.keys(inner);
    const direction = inOrder(validationGrad, names);
    // ‖v‖ stays on the device: no GPU→CPU read inside the step. A chain of adds, not tf.addN: an
    // AddN of ~40 inputs exceeds WebGPU's 8 storage buffers per shader.
    const norm = tf.sqrt(direction.map((v) => tf.sum(tf.square(v))).reduce((a, b) => tf.add(a, b)));
    const epsilon = tf.div(radius, tf.maximum(norm, 1e-12));
    const shifted = (sign: 1 | -1) => byName(names, names.map((name, i) => tf.add(inner[name] as tf.Tensor, tf.mul(direction[i] as tf.Tensor, tf.mul(epsilon, sign)))));
    const plus = hyperGradients(loss, shifted(1), hyper);
    const minus = hyperGradients(loss, shifted(-1), hyper);
    const scale = tf.div(-innerLearningRate, tf.mul(epsilon, 2));
    const out: Record<string, tf.Tensor> = {};
    for (const name of Object.keys(hyper)) out[name] = tf.mul(tf.sub(plus[name] as tf.Tensor, minus[name] as tf.Tensor), scale);
    return out;
  });
}
