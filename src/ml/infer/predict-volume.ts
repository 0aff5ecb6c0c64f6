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
  /**
   * Edge of the cubic tiles inference runs on (a multiple of 2^depth, at least the training patch);
   * default the training patch. The U-Net is fully convolutional, so larger tiles work (see
   * inferenceTile for what they cost).
   */
  tile?: number;
  /** Voxels shared by neighbouring tiles (issue 5 default 20; at most half a tile). */
  overlap?: number;
  /** Patches per forward pass. */
  batchSize?: number;
  signal?: AbortSignal;
  onProgress?: (done: number, total: number) => void;
  /** Awaited after each batch: lets a worker take a cancel message (cpu/wasm reads never yield). */
  yielder?: Yielder;
}

export const DEFAULT_OVERLAP = 20;

/**
 * The tile edge: `requested`, checked, else the training patch. Larger tiles are faster but not
 * free. Measured with a CPU-preset model (32³ patches) on a 256×256×128 simulated tomogram
 * (rare-snr0.5 test, seed 3): 64³ tiles took 108 passes instead of 1 575 (340 s vs ~620 s on a
 * loaded 2-core box); with score cuts fitted on that tomogram, ribosome and lobed F1 moved by
 * +0.003/+0.01, but the rare 6-voxel class gave 559 picks instead of 184 and F1 0.78 instead of
 * 0.83: at a stride of half a patch every voxel is the mean of 8 shifted predictions, an ensemble
 * that quiets noise blobs.
 */
export function inferenceTile(config: { patch: number; depth: number }, requested?: number): number {
  const step = 2 ** config.depth;
  if (requested !== undefined) {
    if (!Number.isInteger(requested) || requested < config.patch || requested % step !== 0) {
      throw new Error(`the inference tile must be a multiple of ${step} voxels of at least the training patch (${config.patch}), got ${requested}`);
    }
    return requested;
  }
  return config.patch;
}

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

/** Several distributions per voxel from one pass (e.g. the LC's estimate S and its trust [1 − α, α]). */
export type MultiPatchForward = (input: tf.Tensor5D, labels: Float32Array | null) => tf.Tensor[];

/** Runs `forward` over overlapping patches of the volume and blends the outputs into class maps. */
export async function blendOverPatches(
  config: { patch: number; nClasses: number },
  source: PatchSource,
  shape: Shape3,
  forward: PatchForward,
  options: PredictVolumeOptions & { labelMap?: PatchSource } = {},
): Promise<ClassProbabilityMaps> {
  const [maps] = await blendOutputsOverPatches(config.patch, [config.nClasses], source, shape, (input, labels) => [forward(input, labels)], options);
  return maps!;
}

/**
 * `blendOverPatches` for a forward pass with several outputs, output k having `channels[k]`
 * channels that sum to 1 per voxel; every output is blended into its own class maps.
 */
export async function blendOutputsOverPatches(
  patch: number,
  channels: readonly number[],
  source: PatchSource,
  shape: Shape3,
  forward: MultiPatchForward,
  options: PredictVolumeOptions & { labelMap?: PatchSource } = {},
): Promise<ClassProbabilityMaps[]> {
  const overlap = effectiveOverlap(patch, options.overlap);
  const batchSize = Math.max(1, Math.floor(options.batchSize ?? 1));
  const accumulators = channels.map((n) => new ProbabilityAccumulator(shape, n, patch, overlap));
  const origins = accumulators[0]!.origins;
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
    const outputs = tf.tidy(() => forward(patchesToTensor(batch, batchSize, patch), labels));
    try {
      if (outputs.length !== channels.length) throw new Error(`internal: the forward pass gave ${outputs.length} outputs, expected ${channels.length}`);
      for (let k = 0; k < outputs.length; k++) {
        const values = (await outputs[k]!.data()) as Float32Array;
        const n = channels[k]!;
        for (let i = 0; i < count; i++) accumulators[k]!.add(origins[start + i]!, values.subarray(i * patchVoxels * n, (i + 1) * patchVoxels * n));
      }
    } finally {
      outputs.forEach((t) => t.dispose());
    }
    options.onProgress?.(start + count, origins.length);
    await options.yielder?.();
  }
  return accumulators.map((a) => a.finish());
}

/** `source` must already be normalised the way the network was trained (mean 0, sd 1). */
export function predictVolume(model: UNetModel, source: PatchSource, shape: Shape3, options: PredictVolumeOptions = {}): Promise<ClassProbabilityMaps> {
  const tile = inferenceTile(model.config, options.tile);
  return blendOverPatches({ patch: tile, nClasses: model.config.nClasses }, source, shape, (input) => predictProbabilities(model, input), options);
}
