/**
 * Network input normalisation: a tomogram in any dtype → float32 with mean 0 and sd 1, so one
 * trained model applies to tomograms with other gray-value scales. Robust to gold beads and other
 * outliers: the mean and sd are estimated by iterated sigma clipping (voxels beyond ±CLIP_SD sd left
 * out until the estimate settles) on a regular subsample of about a million voxels, values are
 * clipped to ±CLIP_SD of that estimate, and the result is re-standardised over every voxel so it
 * has mean 0 and sd 1 exactly. Three passes over the data in all, besides the copy.
 */
import { toFloat32, type Volume } from '../volume/volume.ts';

export const CLIP_SD = 5;
/** Sigma clipping converges in a few rounds; the cap only guards against pathological data. */
const MAX_ROUNDS = 10;
/** Subsample size for the clipped estimate: its mean/sd error (~1e-3 sd) is removed by the final pass. */
const ESTIMATE_SAMPLES = 1 << 20;

export function normaliseForNetwork(volume: Pick<Volume, 'dtype' | 'data'>): Float32Array {
  const out = toFloat32(volume);
  const nonFinite = volume.dtype === 'float32' || volume.dtype === 'float16' ? countNonFinite(out) : 0;
  if (nonFinite > 0) {
    throw new Error(`Tomogram has ${nonFinite} NaN/Inf voxel(s) of ${out.length}; fix or mask them before training or prediction.`);
  }
  let { mean, sd } = clippedEstimate(out, Math.max(1, Math.floor(out.length / ESTIMATE_SAMPLES)));
  if (!(sd > 0)) ({ mean, sd } = clippedEstimate(out, 1)); // a subsample of a sparse volume can be constant
  if (!(sd > 0)) throw new Error(`Tomogram is constant (every voxel ${out[0]}); there is nothing to normalise.`);
  let sum = 0;
  let sumSq = 0;
  for (let i = 0; i < out.length; i++) {
    const raw = (out[i]! - mean) / sd;
    const z = raw > CLIP_SD ? CLIP_SD : raw < -CLIP_SD ? -CLIP_SD : raw;
    out[i] = z;
    sum += z;
    sumSq += z * z;
  }
  const finalMean = sum / out.length;
  const finalSd = Math.sqrt(sumSq / out.length - finalMean * finalMean);
  for (let i = 0; i < out.length; i++) out[i] = (out[i]! - finalMean) / finalSd;
  return out;
}

function countNonFinite(data: Float32Array): number {
  let n = 0;
  for (let i = 0; i < data.length; i++) if (data[i]! - data[i]! !== 0) n++; // NaN or ±Inf
  return n;
}

/** Iterated sigma clipping over every step-th voxel. */
function clippedEstimate(data: Float32Array, step: number): { mean: number; sd: number } {
  let estimate = moments(data, step, -Infinity, Infinity);
  for (let round = 0; round < MAX_ROUNDS && estimate.sd > 0; round++) {
    const next = moments(data, step, estimate.mean - CLIP_SD * estimate.sd, estimate.mean + CLIP_SD * estimate.sd);
    const settled = next.count === estimate.count;
    estimate = next;
    if (settled) break;
  }
  return estimate;
}

/** Mean and population sd (float64) of every step-th value within [lo, hi]. */
function moments(data: Float32Array, step: number, lo: number, hi: number): { mean: number; sd: number; count: number } {
  // Sums shifted by the first value keep the variance accurate for data far from 0.
  const shift = data[0]!;
  let sum = 0;
  let sumSq = 0;
  let count = 0;
  for (let i = 0; i < data.length; i += step) {
    const v = data[i]!;
    if (v < lo || v > hi) continue;
    const d = v - shift;
    sum += d;
    sumSq += d * d;
    count++;
  }
  const m = count > 0 ? sum / count : NaN;
  return { mean: shift + m, sd: Math.sqrt(Math.max(0, sumSq / count - m * m)), count };
}
