/**
 * The training loop: batches from a source, one step each (a supervised optimiser step or a
 * meta-learning step: `StepFunction`), progress with a smoothed loss and ETA, validation every N
 * steps, checkpoints, pause/resume and cancellation. Runs the same in the training worker and in
 * the CLI. GPU memory stays flat: every step releases what it allocated (asserted by the tests
 * with tf.memory()).
 */
import type { Optimizer } from '../optim/optimizer.ts';
import type { UNetModel } from '../unet/model.ts';
import { trainStep, type TrainingBatch } from './train-step.ts';
import { validationF1, validationLoss, type ValidationRegion, type ValidationScores } from './validation.ts';
import type { LossOptions } from '../losses/segmentation-loss.ts';
import type { SegmentationPickOptions } from '../../core/picks/segmentation-picks.ts';

export interface BatchSource {
  next(batchSize: number): TrainingBatch;
}

export interface TrainerSettings {
  steps: number;
  batchSize: number;
  loss: LossOptions;
  /** Validation (loss, and F1 when a region is given) every this many steps; 0 = never. */
  validateEvery: number;
  /** Checkpoint callback every this many steps; 0 = only at the end. */
  checkpointEvery: number;
}

/** What a meta-learning step reports beyond the loss (the dashboard's extra charts). */
export interface MetaStepSummary {
  /** L_val at the look-ahead weights; null on steps that did not update C and R. */
  validationLoss: number | null;
  /** Mean α of the label correction (0 = noisy labels kept, 1 = replaced by the LC's prediction). */
  meanAlpha: number | null;
  /**
   * Mean data weight of the patches drawn around each class (key: class id, 0 = background
   * patches), scaled so that uniform weights read 1; the per-class variant reports its class weights.
   */
  weightByClass: Record<number, number> | null;
}

export interface StepOutcome {
  loss: number;
  meta?: MetaStepSummary;
}

/** One training step on a batch; `step` is the number of steps completed before it. */
export type StepFunction = (batch: TrainingBatch, step: number) => Promise<StepOutcome>;

/** The plain supervised step (train-step.ts) as a StepFunction. */
export function supervisedStep(model: UNetModel, optimizer: Optimizer, loss: LossOptions): StepFunction {
  return async (batch) => {
    const lossTensor = trainStep(model, optimizer, batch, loss);
    const [value = NaN] = await lossTensor.data();
    lossTensor.dispose();
    return { loss: value };
  };
}

export interface StepReport {
  step: number;
  steps: number;
  loss: number;
  /** Exponential moving average of the loss (what the chart and the log show). */
  smoothedLoss: number;
  secondsPerStep: number;
  etaSeconds: number;
  meta?: MetaStepSummary;
}

export interface TrainerHooks {
  signal?: AbortSignal;
  onStep?: (report: StepReport) => void;
  onValidation?: (scores: ValidationScores) => void;
  /** Called with the number of completed steps; awaited, so a checkpoint is written before going on. */
  onCheckpoint?: (step: number) => Promise<void>;
  /** Resolves when training may go on (pause = a promise that has not resolved yet). */
  waitWhilePaused?: () => Promise<void>;
}

export interface ValidationData {
  patches?: TrainingBatch;
  region?: ValidationRegion;
  picking?: SegmentationPickOptions;
}

const SMOOTHING = 0.9;

export class UNetTrainer {
  /** Completed steps (resume from a checkpoint by setting it). */
  step = 0;
  private smoothed: number | null = null;

  constructor(
    readonly model: UNetModel,
    readonly runStep: StepFunction,
    readonly batches: BatchSource,
    readonly settings: TrainerSettings,
    readonly validation: ValidationData = {},
  ) {
    if (!Number.isInteger(settings.steps) || settings.steps < 1) throw new Error(`steps must be a positive integer, got ${settings.steps}`);
    if (!Number.isInteger(settings.batchSize) || settings.batchSize < 1) throw new Error(`batch size must be a positive integer, got ${settings.batchSize}`);
  }

  async validate(signal?: AbortSignal): Promise<ValidationScores> {
    const { patches, region, picking } = this.validation;
    const loss = patches ? await validationLoss(this.model, patches, this.settings.loss) : null;
    const f1 = region ? await validationF1(this.model, region, picking, signal) : { classes: [], macroF1: null };
    return { step: this.step, loss, ...f1 };
  }

  async run(hooks: TrainerHooks = {}): Promise<void> {
    const { steps, batchSize, validateEvery, checkpointEvery } = this.settings;
    let elapsed = 0;
    let timed = 0;
    while (this.step < steps) {
      hooks.signal?.throwIfAborted();
      await hooks.waitWhilePaused?.();
      hooks.signal?.throwIfAborted();
      const start = performance.now();
      const batch = this.batches.next(batchSize);
      const { loss, meta } = await this.runStep(batch, this.step);
      if (!Number.isFinite(loss)) throw new Error(`training diverged at step ${this.step + 1} (loss ${loss}); lower the learning rate`);
      this.step++;
      elapsed += (performance.now() - start) / 1000;
      timed++;
      this.smoothed = this.smoothed === null ? loss : SMOOTHING * this.smoothed + (1 - SMOOTHING) * loss;
      const secondsPerStep = elapsed / timed;
      hooks.onStep?.({
        step: this.step,
        steps,
        loss,
        smoothedLoss: this.smoothed,
        secondsPerStep,
        etaSeconds: secondsPerStep * (steps - this.step),
        ...(meta ? { meta } : {}),
      });
      const last = this.step === steps;
      if (validateEvery > 0 && (this.step % validateEvery === 0 || last)) hooks.onValidation?.(await this.validate(hooks.signal));
      if (hooks.onCheckpoint && (last || (checkpointEvery > 0 && this.step % checkpointEvery === 0))) await hooks.onCheckpoint(this.step);
    }
  }
}
