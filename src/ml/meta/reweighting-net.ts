/**
 * The data-reweighting (DR) network h of RobPicker (appendix E) and Meta-Weight-Net: it turns the
 * per-sample training losses into weights for the lower-level loss L_tr = Σ_i w_i·ℓ_i.
 *
 * Two variants:
 * - `mlp` (default): h(ℓ; R) = sigmoid(W₂·relu(W₁·ℓ + b₁) + b₂), 1 → 500 → 1 (1 501 weights), as the
 *   paper describes. It sees each sample's loss, so it can learn to trust low-loss patches and
 *   discount patches whose labels disagree with everything the network learned (missed or spurious
 *   particles) — the per-sample label noise our training labels have. Hence the default.
 * - `per-class`: one logit per class, w_k = sigmoid(θ_k) normalised over classes, weighting the
 *   per-class Dice terms: L_tr = mean_i Σ_k w_k·d_ik (what the public reference implementation
 *   learns). We weight Dice terms rather than averaging voxel-class weights per sample because a
 *   patch is ~95% background voxels, so voxel-averaged sample weights would be nearly identical for
 *   every patch; class-weighted Dice instead rebalances rare species directly. It cannot single out a
 *   noisy patch.
 *
 * Weights are normalised over the batch (MW-Net), so uniform weights give the plain mean loss.
 */
import * as tf from '@tensorflow/tfjs';
import type { NamedTensors } from '../unet/batch-norm.ts';
import { constant, linearUniform, seededVariable } from './seeded-init.ts';
import { stopGradient } from './stop-gradient.ts';

export type ReweightingKind = 'mlp' | 'per-class';
export const REWEIGHTING_KINDS: readonly ReweightingKind[] = ['mlp', 'per-class'];
export const DEFAULT_REWEIGHTING: ReweightingKind = 'mlp';

/** Hidden units of the MLP (paper: 500). */
export const REWEIGHTING_HIDDEN = 500;

/**
 * Smallest weight sum used as a divisor: if every weight underflows to 0 the loss stays finite
 * (and ~0) instead of NaN — MW-Net's "if the sum is 0, do not normalise" guard, without a branch
 * that would need a GPU→CPU read.
 */
export const MIN_WEIGHT_SUM = 1e-8;

function required(params: NamedTensors, name: string): tf.Tensor {
  const t = params[name];
  if (!t) throw new Error(`reweighting weight "${name}" is missing`);
  return t;
}

/** Weights of the DR network by name, seeded (MLP: PyTorch's default Linear init; per-class: zeros, i.e. equal weights). */
export function initReweightingParams(kind: ReweightingKind, nClasses: number, seed: number): Record<string, tf.Variable> {
  if (kind === 'per-class') {
    if (!Number.isInteger(nClasses) || nClasses < 2) throw new Error(`per-class reweighting needs at least 2 classes, got ${nClasses}`);
    return { 'dr.class.logit': seededVariable(seed, 'dr.class.logit', [nClasses], constant(0)) };
  }
  if (kind !== 'mlp') throw new Error(`unknown reweighting network "${String(kind)}" (expected ${REWEIGHTING_KINDS.join(' or ')})`);
  const h = REWEIGHTING_HIDDEN;
  return {
    'dr.hidden.w': seededVariable(seed, 'dr.hidden.w', [1, h], linearUniform(1)),
    'dr.hidden.b': seededVariable(seed, 'dr.hidden.b', [h], linearUniform(1)),
    'dr.out.w': seededVariable(seed, 'dr.out.w', [h, 1], linearUniform(h)),
    'dr.out.b': seededVariable(seed, 'dr.out.b', [1], linearUniform(h)),
  };
}

/** h(ℓ) ∈ (0, 1) for losses [n] (un-normalised): the curve of the paper's Fig. 6b. */
export function sampleWeightCurve(params: NamedTensors, losses: tf.Tensor1D): tf.Tensor1D {
  const hidden = tf.relu(tf.add(tf.matMul(tf.reshape(losses, [-1, 1]), required(params, 'dr.hidden.w') as tf.Tensor2D), required(params, 'dr.hidden.b')));
  const out = tf.add(tf.matMul(hidden, required(params, 'dr.out.w') as tf.Tensor2D), required(params, 'dr.out.b'));
  return tf.reshape(tf.sigmoid(out), [-1]);
}

/** Normalised class weights [c] of the per-class variant (sum 1). */
export function classWeights(params: NamedTensors): tf.Tensor1D {
  const w = tf.sigmoid(required(params, 'dr.class.logit'));
  return tf.div(w, tf.maximum(tf.sum(w), MIN_WEIGHT_SUM));
}

export interface WeightedLoss {
  /** L_tr: Σ_i w_i·ℓ_i with normalised weights. */
  loss: tf.Scalar;
  /** Normalised per-sample weights [b] (sum 1); null for the per-class variant. */
  sampleWeights: tf.Tensor1D | null;
  /** Normalised class weights [c] (sum 1); null for the per-sample variant. */
  classWeights: tf.Tensor1D | null;
}

/** Uniform weights: the plain mean of the per-class losses [b, c] (= mean Dice loss of the batch). */
export function uniformLoss(perClassLoss: tf.Tensor2D): WeightedLoss {
  return { loss: tf.mean(perClassLoss), sampleWeights: null, classWeights: null };
}

/**
 * L_tr from per-class losses [b, c]. The MLP sees each sample's loss as an input (gradient
 * stopped, as in MW-Net): its parameters, not the U-Net, decide how a loss value is weighted.
 * `weightInput` overrides that input (the finite-difference passes hold it at its value at I).
 */
export function reweightedLoss(kind: ReweightingKind, params: NamedTensors, perClassLoss: tf.Tensor2D, weightInput?: tf.Tensor1D): WeightedLoss {
  if (kind === 'per-class') {
    const weights = classWeights(params);
    const [b, c] = perClassLoss.shape;
    if (weights.shape[0] !== c) throw new Error(`reweighting network has ${weights.shape[0]} class weights, the loss has ${c} classes`);
    const perSample = tf.matMul(perClassLoss, tf.reshape(weights, [c, 1]));
    return { loss: tf.div(tf.sum(perSample), b), sampleWeights: null, classWeights: weights };
  }
  const perSample = tf.mean(perClassLoss, 1) as tf.Tensor1D;
  const raw = sampleWeightCurve(params, weightInput ?? stopGradient(perSample));
  const weights = tf.div(raw, tf.maximum(tf.sum(raw), MIN_WEIGHT_SUM)) as tf.Tensor1D;
  return { loss: tf.sum(tf.mul(weights, perSample)), sampleWeights: weights, classWeights: null };
}
