/**
 * The supervised training loop: batches from a source, one optimiser step each, progress with a
 * smoothed loss and ETA, validation every N steps, checkpoints, pause/resume and cancellation.
 * Runs the same in the training worker and in the CLI. GPU memory stays flat: every step
 * releases what it allocated (asserted by the tests with tf.memory()).
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

export interface StepReport {
  step: number;
  steps: number;
  loss: number;
  /** Exponential moving average of the loss (what the chart and the log show). */
  smoothedLoss: number;
  secondsPerStep: number;
  etaSeconds: number;
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
    readonly optimizer: Optimizer,
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
      const lossTensor = trainStep(this.model, this.optimizer, batch, this.settings.loss);
      const [loss = NaN] = await lossTensor.data();
      lossTensor.dispose();
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
      });
      const last = this.step === steps;
      if (validateEvery > 0 && (this.step % validateEvery === 0 || last)) hooks.onValidation?.(await this.validate(hooks.signal));
      if (hooks.onCheckpoint && (last || (checkpointEvery > 0 && this.step % checkpointEvery === 0))) await hooks.onCheckpoint(this.step);
    }
  }
}
