/**
 * Whole-tomogram inference: overlapping patches (fixed shape, so the GPU buffer pool is reused),
 * blended into compact uint8 class maps by the streaming ProbabilityAccumulator. One sync per
 * batch reports progress, lets cancellation through and keeps the browser's GPU watchdog happy.
 */
import * as tf from '@tensorflow/tfjs';
import { extractPatch, type PatchSource, type Shape3 } from '../../core/volume/patch-grid.ts';
import type { Yielder } from '../../core/mesh/yield-control.ts';
import { ProbabilityAccumulator, type ClassProbabilityMaps } from '../../core/volume/probability-accumulator.ts';
import { patchesToTensor, predictProbabilities, type UNetModel } from '../unet/model.ts';

export interface PredictVolumeOptions {
  /** Voxels shared by neighbouring patches (issue 5 default 20; less than half the patch). */
  overlap?: number;
  /** Patches per forward pass. */
  batchSize?: number;
  signal?: AbortSignal;
  onProgress?: (done: number, total: number) => void;
  /** Awaited after each batch: lets a worker take a cancel message (cpu/wasm reads never yield). */
  yielder?: Yielder;
}

export const DEFAULT_OVERLAP = 20;

/** Overlap actually used: the default, capped so the stride stays at least half a patch. */
export function effectiveOverlap(patch: number, requested = DEFAULT_OVERLAP): number {
  if (!(requested >= 0)) throw new Error(`overlap must be ≥ 0, got ${requested}`);
  return Math.min(Math.floor(requested), Math.floor(patch / 2));
}

/**
 * Per-class probabilities [b, p, p, p, c] for a batch of input patches; `labels` holds the same
 * patches cut from the label map when one was given (the label-correction network reads them).
 */
export type PatchForward = (input: tf.Tensor5D, labels: Float32Array | null) => tf.Tensor;

/** Runs `forward` over overlapping patches of the volume and blends the outputs into class maps. */
export async function blendOverPatches(
  config: { patch: number; nClasses: number },
  source: PatchSource,
  shape: Shape3,
  forward: PatchForward,
  options: PredictVolumeOptions & { labelMap?: PatchSource } = {},
): Promise<ClassProbabilityMaps> {
  const { patch, nClasses } = config;
  const overlap = effectiveOverlap(patch, options.overlap);
  const batchSize = Math.max(1, Math.floor(options.batchSize ?? 1));
  const accumulator = new ProbabilityAccumulator(shape, nClasses, patch, overlap);
  const origins = accumulator.origins;
  const patchVoxels = patch ** 3;
  const batch = new Float32Array(batchSize * patchVoxels);
  const labels = options.labelMap ? new Float32Array(batchSize * patchVoxels) : null;
  for (let start = 0; start < origins.length; start += batchSize) {
    options.signal?.throwIfAborted();
    const count = Math.min(batchSize, origins.length - start);
    batch.fill(0);
    labels?.fill(0);
    for (let i = 0; i < count; i++) {
      const range = [i * patchVoxels, (i + 1) * patchVoxels] as const;
      extractPatch(source, shape, origins[start + i]!, patch, batch.subarray(...range));
      if (labels && options.labelMap) extractPatch(options.labelMap, shape, origins[start + i]!, patch, labels.subarray(...range));
    }
    const probs = tf.tidy(() => forward(patchesToTensor(batch, batchSize, patch), labels));
    const values = (await probs.data()) as Float32Array;
    probs.dispose();
    for (let i = 0; i < count; i++) {
      accumulator.add(origins[start + i]!, values.subarray(i * patchVoxels * nClasses, (i + 1) * patchVoxels * nClasses));
    }
    options.onProgress?.(start + count, origins.length);
    await options.yielder?.();
  }
  return accumulator.finish();
}

/** `source` must already be normalised the way the network was trained (mean 0, sd 1). */
export function predictVolume(model: UNetModel, source: PatchSource, shape: Shape3, options: PredictVolumeOptions = {}): Promise<ClassProbabilityMaps> {
  return blendOverPatches(model.config, source, shape, (input) => predictProbabilities(model, input), options);
}
