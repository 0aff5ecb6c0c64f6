/**
 * The meta-learning modes as the trainer's StepFunction: a bi-level step (metaStep) every
 * `metaEvery` steps with a fresh class-balanced validation batch, a step of the U-Net alone with
 * the current C and R in between (lowerLevelStep), and a summary for the dashboard.
 */
import type { BatchSource, MetaStepSummary, StepFunction } from '../train/trainer.ts';
import type { TrainingBatch } from '../train/train-step.ts';
import type { MetaLearner } from './meta-learner.ts';
import { lowerLevelStep, metaStep, readMetaStep, type MetaStepReport } from './meta-step.ts';

export interface MetaSchedule {
  /** Update C and R every this many steps (1 = Algorithm 1, every step). */
  metaEvery: number;
  /** Clean patches per meta update. */
  validationBatchSize: number;
}

export const DEFAULT_META_SCHEDULE: Readonly<MetaSchedule> = Object.freeze({ metaEvery: 1, validationBatchSize: 4 });

/** Mean of the batch-normalised sample weights per centre class, ×batch so uniform weights read 1. */
function sampleWeightsByClass(weights: readonly number[], batch: TrainingBatch): Record<number, number> | null {
  if (!batch.centreClasses) return null;
  const sums = new Map<number, { sum: number; n: number }>();
  weights.forEach((w, i) => {
    const id = batch.centreClasses![i] ?? 0;
    const entry = sums.get(id) ?? { sum: 0, n: 0 };
    entry.sum += w * weights.length;
    entry.n++;
    sums.set(id, entry);
  });
  return Object.fromEntries([...sums].map(([id, { sum, n }]) => [id, sum / n]));
}

export function summariseMetaStep(report: MetaStepReport, batch: TrainingBatch): MetaStepSummary {
  let weightByClass: Record<number, number> | null = null;
  if (report.sampleWeights) weightByClass = sampleWeightsByClass(report.sampleWeights, batch);
  else if (report.classWeights) weightByClass = Object.fromEntries(report.classWeights.map((w, id) => [id, w * report.classWeights!.length]));
  return { validationLoss: report.validationLoss, meanAlpha: report.meanAlpha, weightByClass };
}

export function checkMetaSchedule(schedule: MetaSchedule): void {
  if (!Number.isInteger(schedule.metaEvery) || schedule.metaEvery < 1) throw new Error(`meta every must be an integer ≥ 1, got ${schedule.metaEvery}`);
  if (!Number.isInteger(schedule.validationBatchSize) || schedule.validationBatchSize < 1) {
    throw new Error(`the validation batch size must be an integer ≥ 1, got ${schedule.validationBatchSize}`);
  }
}

export function metaStepFunction(learner: MetaLearner, validationBatches: BatchSource, schedule: MetaSchedule): StepFunction {
  checkMetaSchedule(schedule);
  return async (batch, step) => {
    const output =
      step % schedule.metaEvery === 0 ? metaStep(learner, batch, validationBatches.next(schedule.validationBatchSize)) : lowerLevelStep(learner, batch);
    const report = await readMetaStep(output);
    return { loss: report.trainLoss, meta: summariseMetaStep(report, batch) };
  };
}
