/**
 * A U-Net's two files (model.json text + weights.bin bytes) ↔ the model the training worker takes.
 * Page side and pure: checks what the user imports before anything is sent to a worker.
 */
import { deserializeWeights, parseModelJson, WEIGHTS_FILE, type ModelCalibration, type ModelJson, type SerializedModel } from '../src/ml/io/model-format.ts';

export { calibrateModel, withCalibration } from '../src/ml/io/model-calibration.ts';

export const MODEL_JSON_FILE = 'model.json';
export { WEIGHTS_FILE };

export interface ModelFiles {
  json: string;
  weights: ArrayBuffer;
}

export function modelToFiles(model: SerializedModel): ModelFiles {
  return { json: `${JSON.stringify(model.json, null, 2)}\n`, weights: model.weights };
}

/** Parses and checks the pair (format, architecture, weight count, finite values); throws a clear Error. */
export function modelFromFiles(files: ModelFiles): SerializedModel {
  const json: ModelJson = parseModelJson(files.json);
  deserializeWeights(json, files.weights);
  return { json, weights: files.weights };
}

/** Short description for lists and tooltips: "ribosome, proteasome · 32³, width 8, depth 2 · 200 steps". */
export function describeModel(json: ModelJson): string {
  const { patch, baseWidth, depth } = json.config;
  const classes = json.classes.map((c) => c.name).join(', ');
  return `${classes} · ${patch}³, width ${baseWidth}, depth ${depth} · ${json.provenance.steps} steps`;
}

/** A model's score thresholds with the names of their classes; undefined for an uncalibrated or unreadable model.json. */
export function calibrationOf(jsonText: string): (ModelCalibration & { nameOf: (classId: number) => string }) | undefined {
  let json: ModelJson;
  try {
    json = parseModelJson(jsonText);
  } catch {
    return undefined;
  }
  const { calibration } = json.provenance;
  if (!calibration) return undefined;
  return { ...calibration, nameOf: (id) => json.classes.find((c) => c.id === id)?.name ?? `class ${id}` };
}
