/**
 * A model with its classes' score thresholds set from a calibration (core/metrics/calibrate-scores.ts)
 * and the calibration recorded in its provenance; shared by `tomopick calibrate` and the studio.
 */
import type { ClassThreshold } from '../../core/metrics/calibrate-scores.ts';
import type { ModelJson } from './model-format.ts';

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
