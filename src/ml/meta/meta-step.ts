/**
 * One step of RobPicker's bi-level optimisation (Algorithm 1) for a training batch with noisy
 * labels and a validation batch with clean labels:
 *   1. ℓ_i = Dice(f(t_i; I), g(t_i, a_i; C)), L_tr = Σ_i w_i·ℓ_i with w = h(ℓ; R) normalised
 *      over the batch; g_I = ∇_I L_tr                                  (forward + backward)
 *   2. I' = I − η_I·g_I; v = ∇_{I'} L_val(I'), Dice on clean labels     (forward + backward)
 *   3. ∇_C, ∇_R of L_val(I') by central differences at I ± ε·v        (2 forwards; the backward
 *      stops at C and R, since neither the trunk nor ℓ's input to h carry their gradient)
 *   4. C, R ← their optimisers with the hypergradients.
 *   5. I ← the U-Net optimiser's step with g_I. Algorithm 1 sets I ← I'; with plain SGD
 *      (momentum 0, weight decay 0) that is the same update, and with the default SGD + momentum
 *      it is the trainer's usual update from the same gradient — so `supervised` and the meta
 *      modes differ only in the labels and weights, and no extra pass is needed.
 * Batch norm uses batch statistics in every pass; the running averages are updated once, from
 * pass 1 (the pass at the weights being trained).
 *
 * The label-correction network reads the trunk features through a stop-gradient: the segmentation
 * loss must not move the shared trunk to make the corrected target easier to match (a trivial
 * solution, as the paper notes for h ≡ 0), and C holds only the LC's own weights. The trunk is
 * computed once per pass and serves both f and g.
 *
 * "Dice" is the paper's loss (eq. 15); a run may add cross-entropy (MetaSettings.loss), at both
 * levels and in every mode alike.
 *
 * Modes: `supervised` = the plain training step (uniform weights, noisy labels, the same loss);
 * `dr-only` = reweighting, noisy labels; `lc-only` = corrected labels, uniform weights;
 * `robpicker` = both.
 */
import * as tf from '@tensorflow/tfjs';
import { segmentationLossPerClass, segmentationLossPerSample, type LossOptions } from '../losses/segmentation-loss.ts';
import { targetTensor, trainStep, updateRunningStatistics, type TrainingBatch } from '../train/train-step.ts';
import type { BatchNormMode, NamedTensors } from '../unet/batch-norm.ts';
import type { UNetConfig } from '../unet/config.ts';
import { unetFeatures, unetForward, unetHead } from '../unet/forward.ts';
import { patchesToTensor } from '../unet/model.ts';
import { finiteDifferenceHypergradient, lookAhead } from './hypergradient.ts';
import { correctLabels } from './label-correction-net.ts';
import { ROBPICKER_LOSS, usesReweighting, type MetaLearner } from './meta-learner.ts';
import { byName, inOrder, withPrefix } from './named-tensors.ts';
import { reweightedLoss, uniformLoss, type ReweightingKind, type WeightedLoss } from './reweighting-net.ts';
import { stopGradient } from './stop-gradient.ts';

export interface Reweighting {
  kind: ReweightingKind;
  params: NamedTensors;
}

export interface LowerLevelTerms extends WeightedLoss {
  /** Mean α of the label correction over the batch; null without label correction. */
  meanAlpha: tf.Scalar | null;
  /** What g and h read through a stop-gradient, at these weights (see FrozenInputs). */
  inputs: FrozenInputs;
}

/**
 * The values the networks g and h take as *inputs* (through a stop-gradient): the trunk features
 * for g and the per-sample losses for h. The finite-difference passes at I ± ε·v must hold them at
 * their values at I: the update rule's gradient g_I has no term through them, so letting them move
 * with I would add a derivative the look-ahead does not have (checked against the exact
 * second-order hypergradient in hypergradient.test.ts).
 */
export interface FrozenInputs {
  features: tf.Tensor5D;
  perSampleLoss: tf.Tensor1D;
}

export interface LowerLevelOptions {
  bn?: BatchNormMode;
  /** Inputs of g and h held fixed (finite-difference passes); default: this pass's own values. */
  frozen?: FrozenInputs;
  /** The per-sample loss ℓ (default ROBPICKER_LOSS). */
  loss?: LossOptions;
}

/** L_tr(I, C, R) for one batch; `correction`/`reweighting` null = noisy labels / uniform weights. */
export function lowerLevelLoss(
  config: UNetConfig,
  input: tf.Tensor5D,
  noisy: tf.Tensor5D,
  unet: NamedTensors,
  correction: NamedTensors | null,
  reweighting: Reweighting | null,
  options: LowerLevelOptions = {},
): LowerLevelTerms {
  const features = unetFeatures(unet, input, config, options.bn ?? { kind: 'batch' });
  const logits = unetHead(unet, features);
  let target = noisy;
  let meanAlpha: tf.Scalar | null = null;
  if (correction) {
    const corrected = correctLabels(correction, options.frozen?.features ?? stopGradient(features), noisy);
    target = corrected.corrected;
    meanAlpha = tf.mean(corrected.alpha) as tf.Scalar;
  }
  const perClass = segmentationLossPerClass(logits, target, options.loss ?? ROBPICKER_LOSS);
  const perSampleLoss = tf.mean(perClass, 1) as tf.Tensor1D;
  const weighted = reweighting ? reweightedLoss(reweighting.kind, reweighting.params, perClass, options.frozen?.perSampleLoss) : uniformLoss(perClass);
  return { ...weighted, meanAlpha, inputs: { features, perSampleLoss } };
}

/** L_val(I): the mean of the same loss on clean labels, batch statistics. */
export function upperLevelLoss(config: UNetConfig, input: tf.Tensor5D, clean: tf.Tensor5D, unet: NamedTensors, loss: LossOptions = ROBPICKER_LOSS): tf.Scalar {
  return tf.mean(segmentationLossPerSample(unetForward(unet, input, config, { kind: 'batch' }), clean, loss));
}

export interface MetaStepOutput {
  /** L_tr at I, with this step's weights and labels. */
  trainLoss: tf.Scalar;
  /** L_val at the look-ahead I' (null in `supervised`, which has no look-ahead). */
  validationLoss: tf.Scalar | null;
  /** Normalised per-sample weights [b] (MLP reweighting). */
  sampleWeights: tf.Tensor1D | null;
  /** Normalised class weights [c] (per-class reweighting). */
  classWeights: tf.Tensor1D | null;
  meanAlpha: tf.Scalar | null;
}

export interface MetaStepReport {
  trainLoss: number;
  validationLoss: number | null;
  sampleWeights: number[] | null;
  classWeights: number[] | null;
  meanAlpha: number | null;
}

/** Reads the step's values (one GPU→CPU sync) and disposes its tensors. */
export async function readMetaStep(output: MetaStepOutput): Promise<MetaStepReport> {
  const scalar = async (t: tf.Tensor | null) => (t ? ((await t.data())[0] ?? NaN) : null);
  const vector = async (t: tf.Tensor | null) => (t ? Array.from(await t.data()) : null);
  const report: MetaStepReport = {
    trainLoss: (await scalar(output.trainLoss)) ?? NaN,
    validationLoss: await scalar(output.validationLoss),
    sampleWeights: await vector(output.sampleWeights),
    classWeights: await vector(output.classWeights),
    meanAlpha: await scalar(output.meanAlpha),
  };
  disposeMetaStep(output);
  return report;
}

export function disposeMetaStep(output: MetaStepOutput): void {
  const tensors: (tf.Tensor | null)[] = [output.trainLoss, output.validationLoss, output.sampleWeights, output.classWeights, output.meanAlpha];
  tf.dispose(tensors.filter((t): t is tf.Tensor => t !== null));
}

function checkBatches(learner: MetaLearner, train: TrainingBatch, validation: TrainingBatch | null): asserts validation is TrainingBatch {
  const { mode, reweighting } = learner.settings;
  if (!validation) throw new Error(`mode "${mode}" needs a validation batch with clean labels`);
  if (validation.size < 1) throw new Error('the validation batch is empty');
  if (usesReweighting(mode) && reweighting === 'mlp' && train.size < 2) {
    throw new Error(`per-sample reweighting needs a training batch of at least 2 patches (4 or more recommended), got ${train.size}: weights normalised over one sample are constant`);
  }
}

interface LowerLevelPass {
  value: tf.Scalar;
  grads: Record<string, tf.Tensor>;
  kept: Omit<LowerLevelTerms, 'loss' | 'inputs'>;
  inputs: FrozenInputs;
  moments: { name: string; mean: tf.Tensor; variance: tf.Tensor }[];
}

/** Pass 1: L_tr at I with its gradient g_I, the batch moments, and g's and h's inputs at I. */
function lowerLevelPass(learner: MetaLearner, x: tf.Tensor5D, noisy: tf.Tensor5D): LowerLevelPass {
  const { config, weights } = learner.model;
  const reweighting = learner.reweighting ? { kind: learner.settings.reweighting, params: learner.reweighting } : null;
  const names = Object.keys(weights.trainable);
  const moments: LowerLevelPass['moments'] = [];
  const kept: LowerLevelPass['kept'] = { sampleWeights: null, classWeights: null, meanAlpha: null };
  const keep = <T extends tf.Tensor>(t: T | null): T | null => (t ? tf.keep(t) : null);
  let frozen: FrozenInputs | null = null;
  const { value, grads } = tf.valueAndGrads((...tensors: tf.Tensor[]) => {
    const terms = lowerLevelLoss(config, x, noisy, byName(names, tensors), learner.correction, reweighting, {
      bn: { kind: 'batch', collect: (name, mean, variance) => moments.push({ name, mean: tf.keep(mean), variance: tf.keep(variance) }) },
      loss: learner.settings.loss,
    });
    kept.sampleWeights = keep(terms.sampleWeights);
    kept.classWeights = keep(terms.classWeights);
    kept.meanAlpha = keep(terms.meanAlpha);
    frozen = { features: tf.keep(terms.inputs.features), perSampleLoss: tf.keep(terms.inputs.perSampleLoss) };
    return terms.loss;
  })(inOrder(weights.trainable, names));
  const inputs = frozen as FrozenInputs | null;
  if (!inputs) throw new Error('internal: the lower-level pass did not run');
  return { value, grads: byName(names, grads), kept, inputs, moments };
}

/** I ← the U-Net optimiser's step with g_I; running statistics from pass 1; frees the pass. */
function finishLowerLevel(learner: MetaLearner, pass: LowerLevelPass, batchSize: number): void {
  const { model } = learner;
  learner.segmentationOptimizer.apply(model.weights.trainable, pass.grads);
  updateRunningStatistics(model, pass.moments, batchSize * model.config.patch ** 3);
  tf.dispose([...Object.values(pass.grads), ...pass.moments.flatMap((m) => [m.mean, m.variance]), pass.inputs.features, pass.inputs.perSampleLoss]);
}

/**
 * A step of the U-Net alone with the current C and R (corrected labels, learned weights), without
 * the look-ahead: what the trainer runs between meta updates when they are spaced out
 * (`metaEvery` > 1, Meta-Weight-Net's cheaper schedule). About the cost of a plain step.
 */
export function lowerLevelStep(learner: MetaLearner, train: TrainingBatch): MetaStepOutput {
  if (learner.settings.mode === 'supervised') return metaStep(learner, train, null);
  const p = learner.model.config.patch;
  const x = patchesToTensor(train.input, train.size, p);
  const noisy = targetTensor(train.labels, train.size, p, learner.model.config.nClasses);
  const pass = lowerLevelPass(learner, x, noisy);
  finishLowerLevel(learner, pass, train.size);
  tf.dispose([x, noisy]);
  return { trainLoss: pass.value, validationLoss: null, ...pass.kept };
}

/**
 * One step of `learner.settings.mode`. Updates the learner's weights and optimiser state; returns
 * tensors for the caller to read (readMetaStep) or dispose, so the step itself never syncs.
 */
export function metaStep(learner: MetaLearner, train: TrainingBatch, validation: TrainingBatch | null): MetaStepOutput {
  const { model, settings } = learner;
  if (settings.mode === 'supervised') {
    const trainLoss = trainStep(model, learner.segmentationOptimizer, train, settings.loss);
    return { trainLoss, validationLoss: null, sampleWeights: null, classWeights: null, meanAlpha: null };
  }
  checkBatches(learner, train, validation);
  const { config, weights } = model;
  const p = config.patch;
  const eta = settings.segmentationOptimizer.learningRate;
  const correction = learner.correction;
  const reweighting = learner.reweighting ? { kind: settings.reweighting, params: learner.reweighting } : null;
  const hyper: Record<string, tf.Variable> = { ...(learner.correction ?? {}), ...(learner.reweighting ?? {}) };
  const names = Object.keys(weights.trainable);

  const x = patchesToTensor(train.input, train.size, p);
  const noisy = targetTensor(train.labels, train.size, p, config.nClasses);
  const xVal = patchesToTensor(validation.input, validation.size, p);
  const clean = targetTensor(validation.labels, validation.size, p, config.nClasses);

  // 1. Lower level at I: the gradient of the weighted loss, and the batch moments for batch norm.
  const pass1 = lowerLevelPass(learner, x, noisy);

  // 2. Upper level at the look-ahead I'.
  const ahead = lookAhead(weights.trainable, pass1.grads, eta);
  const pass2 = tf.valueAndGrads((...tensors: tf.Tensor[]) => upperLevelLoss(config, xVal, clean, byName(names, tensors), settings.loss))(inOrder(ahead, names));

  // 3. Hypergradients of C and R by central differences around I along v.
  const hyperGrads = finiteDifferenceHypergradient(
    (inner, h) =>
      lowerLevelLoss(config, x, noisy, inner, correction ? withPrefix(h, 'lc.') : null, reweighting ? { kind: reweighting.kind, params: withPrefix(h, 'dr.') } : null, {
        frozen: pass1.inputs,
        loss: settings.loss,
      }).loss,
    weights.trainable,
    hyper,
    byName(names, pass2.grads),
    eta,
  );

  // 4–5. Update C, R, then I (from g_I, computed with the old C and R); running statistics from pass 1.
  if (learner.correction) learner.correctionOptimizer?.apply(learner.correction, hyperGrads);
  if (learner.reweighting) learner.reweightingOptimizer?.apply(learner.reweighting, hyperGrads);
  finishLowerLevel(learner, pass1, train.size);

  tf.dispose([x, noisy, xVal, clean, ...Object.values(ahead), ...pass2.grads, ...Object.values(hyperGrads)]);
  return { trainLoss: pass1.value, validationLoss: pass2.value, ...pass1.kept };
}
