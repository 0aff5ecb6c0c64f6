/**
 * The U-Net's file format: `model.json` (configuration, classes, provenance and a tfjs-style
 * weights manifest) + `weights.bin` (float32 little-endian, in manifest order). The same two
 * blobs go to IndexedDB in the studio and to a folder from the CLI, so a model trained anywhere
 * opens everywhere. Pure (no tfjs): tested and used without a backend.
 */
import type { MetaMode } from '../meta/meta-learner.ts';
import { validateUNetConfig, type UNetConfig } from '../unet/config.ts';
import { unetParamSpecs } from '../unet/param-specs.ts';

export const MODEL_FORMAT = 'tomopick-unet';
export const MODEL_FORMAT_VERSION = 1;
export const WEIGHTS_FILE = 'weights.bin';

export interface ModelClass {
  /** Output channel = class id (0 is background and is not listed). */
  id: number;
  name: string;
  radiusAngstrom?: number;
  color?: string;
  /**
   * Picks of this class scoring below this are dropped by default: the cut that maximised the
   * class's F1 on clean validation labels (`tomopick calibrate`, core/metrics/calibrate-scores.ts).
   */
  minScore?: number;
}

/** Where the classes' score thresholds came from. */
export interface ModelCalibration {
  /** The clean tomogram the thresholds were fitted on. */
  tomogram: string;
  createdAt: string;
  classes: { id: number; minScore: number; nTruth: number; f1Before: number; f1After: number }[];
}

export interface ModelProvenance {
  createdAt: string;
  steps: number;
  /** What the labels were: 'shape' (label maps) or 'sphere' (picks painted as spheres). */
  labels: 'shape' | 'sphere' | 'mixed';
  backend: string;
  voxelSizeAngstrom: number | null;
  trainingTomograms: string[];
  finalLoss: number | null;
  validationMacroF1: number | null;
  /** Training mode (supervised or a RobPicker meta-learning mode); absent in older files. */
  mode?: MetaMode;
  /** Set by `tomopick calibrate`; absent when the classes carry no score thresholds. */
  calibration?: ModelCalibration;
}

export interface ModelJson {
  format: typeof MODEL_FORMAT;
  formatVersion: number;
  config: UNetConfig;
  classes: ModelClass[];
  /** Input normalisation the network expects (applied by predict). */
  normalisation: 'mean0-sd1-clip5';
  provenance: ModelProvenance;
  weightsManifest: { paths: string[]; weights: { name: string; shape: number[]; dtype: 'float32' }[] }[];
}

export interface SerializedModel {
  json: ModelJson;
  weights: ArrayBuffer;
}

export function serializeModel(
  config: UNetConfig,
  classes: readonly ModelClass[],
  provenance: ModelProvenance,
  values: Readonly<Record<string, Float32Array>>,
): SerializedModel {
  const specs = unetParamSpecs(config);
  const total = specs.reduce((n, s) => n + s.shape.reduce((a, b) => a * b, 1), 0);
  const buffer = new Float32Array(total);
  let offset = 0;
  for (const spec of specs) {
    const data = values[spec.name];
    const size = spec.shape.reduce((a, b) => a * b, 1);
    if (!data || data.length !== size) throw new Error(`cannot save model: weight "${spec.name}" is missing or has the wrong size`);
    buffer.set(data, offset);
    offset += size;
  }
  const json: ModelJson = {
    format: MODEL_FORMAT,
    formatVersion: MODEL_FORMAT_VERSION,
    config,
    classes: classes.map((c) => ({ ...c })),
    normalisation: 'mean0-sd1-clip5',
    provenance,
    weightsManifest: [{ paths: [WEIGHTS_FILE], weights: specs.map((s) => ({ name: s.name, shape: s.shape, dtype: 'float32' })) }],
  };
  return { json, weights: toLittleEndian(buffer) };
}

/** The score cut per class: `override` for every class when given, else each class's calibrated minScore (0 without one). */
export function scoreCutOfClass(classes: readonly ModelClass[], override?: number): (classId: number) => number {
  if (override !== undefined) return () => override;
  const cuts = new Map(classes.map((c) => [c.id, c.minScore ?? 0]));
  return (classId) => cuts.get(classId) ?? 0;
}

export function parseModelJson(text: string): ModelJson {
  let json: ModelJson;
  try {
    json = JSON.parse(text) as ModelJson;
  } catch (err) {
    throw new Error(`model.json is not valid JSON: ${(err as Error).message}`);
  }
  if (json?.format !== MODEL_FORMAT) throw new Error(`not a Tomopick U-Net model (format "${String(json?.format)}", expected "${MODEL_FORMAT}")`);
  if (json.formatVersion > MODEL_FORMAT_VERSION) {
    throw new Error(`model format version ${json.formatVersion} is newer than this Tomopick (${MODEL_FORMAT_VERSION}); update Tomopick`);
  }
  validateUNetConfig(json.config);
  if (!Array.isArray(json.classes)) throw new Error('model.json has no class list');
  for (const c of json.classes) {
    if (c.minScore !== undefined && !(c.minScore >= 0 && c.minScore <= 1)) {
      throw new Error(`class "${c.name}" has a score threshold of ${String(c.minScore)}; it must lie in [0, 1]`);
    }
  }
  return json;
}

/** Weight values by name from a weights.bin that belongs to `json`; checks sizes against the architecture. */
export function deserializeWeights(json: ModelJson, weights: ArrayBuffer): Record<string, Float32Array> {
  const specs = unetParamSpecs(json.config);
  const expected = specs.reduce((n, s) => n + s.shape.reduce((a, b) => a * b, 1), 0);
  if (weights.byteLength !== expected * 4) {
    throw new Error(`weights.bin has ${weights.byteLength} bytes, the model's architecture needs ${expected * 4} (truncated or from another model?)`);
  }
  const all = fromLittleEndian(weights);
  const out: Record<string, Float32Array> = {};
  let offset = 0;
  for (const spec of specs) {
    const size = spec.shape.reduce((a, b) => a * b, 1);
    out[spec.name] = all.subarray(offset, offset + size);
    offset += size;
  }
  for (const [name, values] of Object.entries(out)) {
    if (values.some((v) => !Number.isFinite(v))) throw new Error(`weight "${name}" holds NaN or Inf: the model file is corrupt`);
  }
  return out;
}

const LITTLE_ENDIAN_HOST = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

function toLittleEndian(values: Float32Array): ArrayBuffer {
  if (LITTLE_ENDIAN_HOST) return values.buffer.slice(values.byteOffset, values.byteOffset + values.byteLength) as ArrayBuffer;
  const view = new DataView(new ArrayBuffer(values.length * 4));
  values.forEach((v, i) => view.setFloat32(i * 4, v, true));
  return view.buffer;
}

function fromLittleEndian(buffer: ArrayBuffer): Float32Array {
  if (LITTLE_ENDIAN_HOST) return new Float32Array(buffer.slice(0));
  const view = new DataView(buffer);
  return Float32Array.from({ length: buffer.byteLength / 4 }, (_, i) => view.getFloat32(i * 4, true));
}
