/**
 * From what the user has (tomograms, picks, optional label maps) to what the trainer needs:
 * normalised images with label maps (shape labels when given, else spheres), a batch source with
 * augmentation, and a validation region. Shared by the CLI and the training worker.
 */
import type { MetricClass, MetricPoint } from '../../core/metrics/evaluate.ts';
import { classShapeFromPicks, paintShapeLabels, type ClassShape, type ClassShapeOptions } from '../../core/labels/average-shape-labels.ts';
import { paintSphereLabels, type LabelPoint } from '../../core/labels/sphere-labels.ts';
import type { Random } from '../../core/sim/random.ts';
import { augmentPatch, drawSymmetry, Z_PRESERVING_SYMMETRIES } from '../../core/training/cube-symmetry.ts';
import { normaliseForNetwork } from '../../core/training/normalise.ts';
import { isInsideBlock, validationBlockOrigin } from '../../core/training/validation-block.ts';
import { createPatchSampler, type PatchSampler, type TrainingTomogram } from '../../core/training/patch-sampler.ts';
import type { Shape3 } from '../../core/volume/patch-grid.ts';
import type { Volume } from '../../core/volume/volume.ts';
import type { BatchSource } from './trainer.ts';
import type { TrainingBatch } from './train-step.ts';
import type { ValidationRegion } from './validation.ts';

export interface LabelledTomogram {
  name: string;
  volume: Pick<Volume, 'nx' | 'ny' | 'nz' | 'dtype' | 'data'>;
  picks: readonly LabelPoint[];
  /** Shape labels (class per voxel); without one the picks are painted as spheres. */
  labelMap?: Uint8Array;
}

export const shapeOf = (v: Pick<Volume, 'nx' | 'ny' | 'nz'>): Shape3 => [v.nx, v.ny, v.nz];

export function prepareTrainingTomogram(tomogram: LabelledTomogram, radiusVoxels: (classId: number) => number): TrainingTomogram {
  const shape = shapeOf(tomogram.volume);
  const labelMap = tomogram.labelMap ?? paintSphereLabels(shape, tomogram.picks, radiusVoxels);
  if (labelMap.length !== shape[0] * shape[1] * shape[2]) {
    throw new Error(`${tomogram.name}: the label map has ${labelMap.length} voxels, the tomogram ${shape.join('×')}`);
  }
  return { data: normaliseForNetwork(tomogram.volume), shape, labelMap, particles: tomogram.picks };
}

/**
 * The tomogram with shape labels from the subtomogram averages of its own picks (RobPicker's
 * shape-based labels for the clean set); a tomogram that already has a label map is returned as is.
 */
export async function withAveragedShapeLabels(
  tomogram: LabelledTomogram,
  radiusVoxels: (classId: number) => number,
  /** The tomogram already normalised for the network, when the caller has it (saves a pass). */
  normalised?: Float32Array,
  /** Rotational refinement, cancellation; progress 0–1 over all classes. */
  options: ClassShapeOptions = {},
): Promise<LabelledTomogram> {
  if (tomogram.labelMap) return tomogram;
  const shape = shapeOf(tomogram.volume);
  const source = normalised ?? normaliseForNetwork(tomogram.volume);
  const shapes = new Map<number, ClassShape>();
  const classIds = [...new Set(tomogram.picks.map((p) => p.classId))];
  for (const [i, classId] of classIds.entries()) {
    const classShape = await classShapeFromPicks(source, shape, tomogram.picks, classId, radiusVoxels(classId), {
      ...options,
      onProgress: (f) => options.onProgress?.((i + f) / classIds.length),
    });
    if (classShape) shapes.set(classId, classShape);
  }
  options.onProgress?.(1);
  return { ...tomogram, labelMap: paintShapeLabels(shape, tomogram.picks, shapes) };
}

/** A batch stream that can also be advanced without producing batches: a resumed run replays its draws. */
export interface ReplayableBatchSource extends BatchSource {
  /** Advances past one batch exactly as next() would. */
  skip(batchSize: number): void;
}

/** Class-balanced patches, each turned by one of the 48 cube symmetries when `augment`. */
export function augmentedBatches(sampler: PatchSampler, random: Random, augment: boolean): ReplayableBatchSource {
  const p = sampler.patch;
  const n = p ** 3;
  return {
    skip(batchSize: number): void {
      sampler.skip(batchSize);
      if (augment) for (let b = 0; b < batchSize; b++) drawSymmetry(random, Z_PRESERVING_SYMMETRIES);
    },
    next(batchSize: number): TrainingBatch {
      const batch = sampler.sample(batchSize);
      if (augment) {
        for (let b = 0; b < batchSize; b++) {
          augmentPatch(batch.input.subarray(b * n, (b + 1) * n), batch.labels.subarray(b * n, (b + 1) * n), p, random, undefined, Z_PRESERVING_SYMMETRIES);
        }
      }
      return { input: batch.input, labels: batch.labels, size: batchSize, centreClasses: batch.origins.map((o) => o.classId) };
    },
  };
}

/** A fixed set of validation patches (same every evaluation, so the validation loss curve is comparable). */
export function fixedValidationPatches(tomograms: readonly TrainingTomogram[], patch: number, nClasses: number, random: Random, count: number): TrainingBatch {
  const sampler = createPatchSampler({ tomograms, patch, nClasses, random });
  const batch = sampler.sample(count);
  return { input: batch.input, labels: batch.labels, size: count };
}

/**
 * A block of a validation tomogram (at most `maxEdge` voxels per axis, so F1 during training costs
 * a bounded number of patches; placed to hold as many classes as it can, validation-block.ts) with
 * the truth picks inside it, in its coordinates.
 */
export function validationRegion(
  tomogram: TrainingTomogram,
  truth: readonly LabelPoint[],
  classes: readonly MetricClass[],
  maxEdge: number,
): ValidationRegion {
  const shape = tomogram.shape;
  const size = shape.map((n) => Math.min(n, maxEdge)) as [number, number, number];
  const origin = validationBlockOrigin(shape, size, truth);
  const voxels = size[0] * size[1] * size[2];
  const source = new Float32Array(voxels);
  // One copyPatch per z-plane of the block would need cubic patches; copy rows instead.
  const [nx, ny] = shape;
  for (let z = 0; z < size[2]; z++) {
    for (let y = 0; y < size[1]; y++) {
      const from = origin[0]! + nx * (origin[1]! + y + ny * (origin[2]! + z));
      source.set(tomogram.data.subarray(from, from + size[0]), size[0] * (y + size[1] * z));
    }
  }
  const inside = truth
    .filter((p) => isInsideBlock(p, origin, size))
    .map((p) => ({ x: p.x - origin[0], y: p.y - origin[1], z: p.z - origin[2], classId: p.classId }));
  return { source, shape: size, truth: inside satisfies MetricPoint[], classes };
}

