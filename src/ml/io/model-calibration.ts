/**
 * A model with its classes' score thresholds set from a calibration (core/metrics/calibrate-scores.ts)
 * and the calibration recorded in its provenance; shared by `tomopick calibrate` and the studio.
 */
import { calibrateScoreThresholds, type ClassThreshold, type ScoredPoint } from '../../core/metrics/calibrate-scores.ts';
import type { MetricClass, MetricPoint } from '../../core/metrics/evaluate.ts';
import type { ModelJson } from './model-format.ts';

/**
 * Fits the thresholds of the model's classes on `picks` (every score kept) against clean `truth`
 * of one tomogram, radii from the classes in Å over `voxelSizeAngstrom`; returns them and the model with them.
 */
export function calibrateModel(
  json: ModelJson,
  picks: readonly ScoredPoint[],
  truth: readonly MetricPoint[],
  voxelSizeAngstrom: number,
  tomogram: string,
  radiusFactor?: number,
): { thresholds: ClassThreshold[]; json: ModelJson } {
  const classes: MetricClass[] = json.classes.map((c) => ({
    id: c.id,
    name: c.name,
    ...(c.radiusAngstrom && voxelSizeAngstrom > 0 ? { radiusVoxels: c.radiusAngstrom / voxelSizeAngstrom } : {}),
  }));
  const thresholds = calibrateScoreThresholds(picks, truth, { classes, ...(radiusFactor === undefined ? {} : { radiusFactor }) });
  return { thresholds, json: withCalibration(json, thresholds, tomogram) };
}

export function withCalibration(json: ModelJson, thresholds: readonly ClassThreshold[], tomogram: string, createdAt = new Date().toISOString()): ModelJson {
  const cut = new Map(thresholds.map((t) => [t.classId, t.minScore]));
  return {
    ...json,
    // A class without true picks on the tomogram keeps no threshold (nothing to fit it on).
    classes: json.classes.map(({ minScore: _, ...c }) => (cut.has(c.id) ? { ...c, minScore: cut.get(c.id)! } : c)),
    provenance: {
      ...json.provenance,
      calibration: {
        tomogram,
        createdAt,
        classes: thresholds.map((t) => ({ id: t.classId, minScore: t.minScore, nTruth: t.nTruth, f1Before: t.f1Before, f1After: t.f1After })),
      },
    },
  };
}
