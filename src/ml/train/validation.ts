/**
 * Validation during training: Dice+CE loss on a fixed set of validation patches (cheap, every
 * few steps) and picking F1 per class on a validation region (whole-region inference →
 * clusters → matching against the truth, as `tomopick eval` scores it).
 */
import * as tf from '@tensorflow/tfjs';
import { evaluatePicks, type EvaluationReport, type MetricClass, type MetricPoint } from '../../core/metrics/evaluate.ts';
import { picksFromSegmentation, type SegmentationPickOptions } from '../../core/picks/segmentation-picks.ts';
import type { PatchSource, Shape3 } from '../../core/volume/patch-grid.ts';
import { predictVolume } from '../infer/predict-volume.ts';
import { DEFAULT_LOSS, segmentationLossPerSample, type LossOptions } from '../losses/segmentation-loss.ts';
import { unetForward } from '../unet/forward.ts';
import { patchesToTensor, type UNetModel } from '../unet/model.ts';
import { targetTensor, type TrainingBatch } from './train-step.ts';

export interface ValidationRegion {
  source: PatchSource;
  shape: Shape3;
  truth: readonly MetricPoint[];
  classes: readonly MetricClass[];
}

export interface ClassScore {
  classId: number;
  name: string | null;
  nTruth: number;
  nPred: number;
  precision: number;
  recall: number;
  f1: number;
}

export interface ValidationScores {
  step: number;
  loss: number | null;
  classes: ClassScore[];
  macroF1: number | null;
}

/** Mean loss over validation patches, batch norm in inference mode (what prediction will see). */
export async function validationLoss(model: UNetModel, patches: TrainingBatch, loss: LossOptions = DEFAULT_LOSS): Promise<number> {
  const value = tf.tidy(() => {
    const x = patchesToTensor(patches.input, patches.size, model.config.patch);
    const y = targetTensor(patches.labels, patches.size, model.config.patch, model.config.nClasses);
    const logits = unetForward(model.weights.trainable, x, model.config, { kind: 'running', stats: model.weights.running });
    return tf.mean(segmentationLossPerSample(logits, y, loss));
  });
  const [result] = await value.data();
  value.dispose();
  return result ?? NaN;
}

/** Per-class scores of an evaluation, as the training dashboard charts them. */
export function classScores(report: EvaluationReport): ClassScore[] {
  return report.classes.map((c) => ({
    classId: c.class ?? 0,
    name: c.name,
    nTruth: c.nTruth,
    nPred: c.nPred,
    precision: c.precision,
    recall: c.recall,
    // A class with no particle in the region has no F1 to speak of: its picks are all false, and
    // an F1 of 0 would chart as a class the model fails (nPred still says how many it picked).
    f1: c.nTruth > 0 ? c.f1 : NaN,
  }));
}

export async function validationF1(
  model: UNetModel,
  region: ValidationRegion,
  picking: SegmentationPickOptions = {},
  signal?: AbortSignal,
): Promise<Pick<ValidationScores, 'classes' | 'macroF1'>> {
  const maps = await predictVolume(model, region.source, region.shape, signal ? { signal } : {});
  const picks = picksFromSegmentation(maps, region.shape, picking);
  const report = evaluatePicks(
    picks.map((p) => ({ x: p.x, y: p.y, z: p.z, classId: p.classId })),
    region.truth,
    { classes: region.classes },
  );
  const classes = classScores(report);
  return { classes, macroF1: Number.isFinite(report.macroF1) ? report.macroF1 : null };
}
