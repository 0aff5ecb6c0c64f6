/**
 * The state of a meta-learning run: the segmentation U-Net (I), the label-correction network (C)
 * and the reweighting network (R) that the mode uses, and one optimiser each. Every mode starts
 * from the same seed, so `supervised`, `dr-only`, `lc-only` and `robpicker` begin with the same
 * U-Net (the ablation of the paper).
 */
import type * as tf from '@tensorflow/tfjs';
import { deriveSeed } from '../../core/sim/random.ts';
import { createOptimizer } from '../optim/create-optimizer.ts';
import { DEFAULT_OPTIMIZER, type Optimizer, type OptimizerSettings } from '../optim/optimizer.ts';
import type { LossOptions } from '../losses/segmentation-loss.ts';
import type { UNetConfig } from '../unet/config.ts';
import { createUNet, disposeUNet, type UNetModel } from '../unet/model.ts';
import { copyHeadIntoCorrection, initLabelCorrectionParams, type LabelCorrectionOptions } from './label-correction-net.ts';
import { DEFAULT_REWEIGHTING, initReweightingParams, type ReweightingKind } from './reweighting-net.ts';

export type MetaMode = 'supervised' | 'dr-only' | 'lc-only' | 'robpicker';
export const META_MODES: readonly MetaMode[] = ['supervised', 'dr-only', 'lc-only', 'robpicker'];

export const usesReweighting = (mode: MetaMode): boolean => mode === 'dr-only' || mode === 'robpicker';
export const usesLabelCorrection = (mode: MetaMode): boolean => mode === 'lc-only' || mode === 'robpicker';

/**
 * RobPicker's loss is Dice only (eq. 15), at both levels. Every mode, `supervised` included, trains
 * on the learner's `settings.loss`, so the modes compare like with like whatever it is.
 */
export const ROBPICKER_LOSS: Readonly<LossOptions> = Object.freeze({ crossEntropyWeight: 0, diceClasses: 'all' });

export interface MetaSettings {
  mode: MetaMode;
  reweighting: ReweightingKind;
  labelCorrection: LabelCorrectionOptions;
  /** U-Net optimiser; its learning rate is also η_I of the look-ahead I' = I − η_I·∇L_tr. */
  segmentationOptimizer: OptimizerSettings;
  /** Optimisers of C and R (MW-Net: Adam, 1e-3). */
  correctionOptimizer: OptimizerSettings;
  reweightingOptimizer: OptimizerSettings;
  /** The loss of both levels, and of `supervised` (default ROBPICKER_LOSS: Dice over all classes). */
  loss: LossOptions;
}

/**
 * Adam for C and R at 1e-3, MW-Net's value. Adam moves a weight by about the learning rate per
 * update whatever the hypergradient's size, and finite-difference hypergradients are small and
 * noisy: at 1e-2 (tried first, so that α could leave 0.1 within a few hundred steps) the ablation's
 * seed-1 run random-walked — the MLP's weights swung between 0 and 3.7 and then saturated to
 * uniform, α climbed to 0.44 and the U-Net, trained on its own estimate, collapsed to background
 * (src/ml/meta/README.md). At 1e-3 α stays near its start unless the hypergradient keeps one sign.
 */
export const DEFAULT_META_LEARNING_RATE = 1e-3;
const META_OPTIMIZER: OptimizerSettings = { kind: 'adam', learningRate: DEFAULT_META_LEARNING_RATE, momentum: 0, weightDecay: 0 };

export const DEFAULT_META_SETTINGS: Omit<MetaSettings, 'mode'> = Object.freeze({
  reweighting: DEFAULT_REWEIGHTING,
  labelCorrection: {},
  segmentationOptimizer: DEFAULT_OPTIMIZER,
  correctionOptimizer: META_OPTIMIZER,
  reweightingOptimizer: META_OPTIMIZER,
  loss: ROBPICKER_LOSS,
});

export interface MetaLearner {
  readonly settings: MetaSettings;
  readonly model: UNetModel;
  /** C, present in `lc-only` and `robpicker`. */
  readonly correction: Record<string, tf.Variable> | null;
  /** R, present in `dr-only` and `robpicker`. */
  readonly reweighting: Record<string, tf.Variable> | null;
  readonly segmentationOptimizer: Optimizer;
  readonly correctionOptimizer: Optimizer | null;
  readonly reweightingOptimizer: Optimizer | null;
}

/** A U-Net and its optimiser to train (a resumed run's, or a pretrained network to fine-tune). */
export interface ExistingSegmentation {
  model: UNetModel;
  optimizer: Optimizer;
}

/**
 * C and R are always seeded from `seed`; the U-Net too unless `existing` is given (the learner then
 * owns it: disposeMetaLearner disposes it).
 */
export function createMetaLearner(
  config: UNetConfig,
  seed: number,
  settings: Partial<MetaSettings> & Pick<MetaSettings, 'mode'>,
  existing?: ExistingSegmentation,
): MetaLearner {
  // η of the look-ahead is the learning rate of the optimiser that actually trains I.
  const full: MetaSettings = { ...DEFAULT_META_SETTINGS, ...settings, ...(existing ? { segmentationOptimizer: existing.optimizer.settings } : {}) };
  if (!META_MODES.includes(full.mode)) throw new Error(`unknown training mode "${String(full.mode)}" (expected ${META_MODES.join(', ')})`);
  const lc = usesLabelCorrection(full.mode);
  const dr = usesReweighting(full.mode);
  const model = existing?.model ?? createUNet(config, seed);
  const correction = lc ? initLabelCorrectionParams(config, deriveSeed(seed, 'label-correction'), full.labelCorrection) : null;
  if (correction && full.labelCorrection.startFromHead !== false) copyHeadIntoCorrection(correction, model.weights.trainable);
  return {
    settings: full,
    model,
    correction,
    reweighting: dr ? initReweightingParams(full.reweighting, config.nClasses, deriveSeed(seed, 'reweighting')) : null,
    segmentationOptimizer: existing?.optimizer ?? createOptimizer(full.segmentationOptimizer),
    correctionOptimizer: lc ? createOptimizer(full.correctionOptimizer) : null,
    reweightingOptimizer: dr ? createOptimizer(full.reweightingOptimizer) : null,
  };
}

export function disposeMetaLearner(learner: MetaLearner): void {
  disposeUNet(learner.model);
  for (const v of [...Object.values(learner.correction ?? {}), ...Object.values(learner.reweighting ?? {})]) v.dispose();
  learner.segmentationOptimizer.dispose();
  learner.correctionOptimizer?.dispose();
  learner.reweightingOptimizer?.dispose();
}
