/**
 * Automatic sample mask (1 = usable sample) from a Gaussian low-pass of the tomogram:
 * - intensity outliers: |L − median| above `outlierFactor` × the 99th percentile of |L − median|.
 *   Gold beads and contamination are several times denser than protein, while the strongest
 *   particles sit near that percentile (measured on the standard cases: gold 27–48 MADs, the
 *   darkest particle centres 7–9, the 99th percentile 7–10), so a factor 2 separates them at
 *   every SNR. The outliers are dilated by `dilationVoxels` so no particle sphere touches them.
 * - the sample slab along z: slices whose low-pass standard deviation (outliers left out) rises
 *   a third of the way from the quietest slice to the 90th percentile of slices; the longest run
 *   of such slices. When every slice looks alike (no empty ice or vacuum), all of z is kept.
 */
import { dilateMask } from './dilate.ts';
import { absoluteDeviations, regularSubsample, selectQuantile } from './robust-stats.ts';

export interface AutoMaskOptions {
  /** Outlier threshold as a multiple of the 99th percentile of |L − median| (default 2). */
  outlierFactor?: number;
  /** Ball radius added around every outlier, voxels. */
  dilationVoxels: number;
  signal?: AbortSignal;
}

export interface AutoMask {
  /** 1 = sample, 0 = excluded; nx·ny·nz. */
  mask: Uint8Array;
  /** First and last z slice of the sample slab (inclusive). */
  slab: [number, number];
  /** Voxels flagged as intensity outliers before dilation. */
  outlierVoxels: number;
  /** |L − median| above which a voxel is an outlier. */
  outlierThreshold: number;
}

export const DEFAULT_OUTLIER_FACTOR = 2;
const SLAB_CONTRAST = 1.25;

export function automaticMask(lowPass: Float32Array, shape: readonly [number, number, number], options: AutoMaskOptions): AutoMask {
  const [nx, ny] = shape;
  const plane = nx * ny;
  const factor = options.outlierFactor ?? DEFAULT_OUTLIER_FACTOR;
  const { median, deviations } = absoluteDeviations(regularSubsample(lowPass));
  const outlierThreshold = factor * selectQuantile(deviations, 0.99);
  options.signal?.throwIfAborted();

  const outliers = new Uint8Array(lowPass.length);
  let outlierVoxels = 0;
  for (let i = 0; i < lowPass.length; i++) {
    if (Math.abs(lowPass[i]! - median) > outlierThreshold) {
      outliers[i] = 1;
      outlierVoxels++;
    }
  }
  const slab = sampleSlab(lowPass, outliers, shape);
  options.signal?.throwIfAborted();
  const excluded = dilateMask(outliers, shape, options.dilationVoxels);
  const mask = new Uint8Array(lowPass.length);
  for (let i = slab[0] * plane; i < (slab[1] + 1) * plane; i++) mask[i] = excluded[i] ? 0 : 1;
  return { mask, slab, outlierVoxels, outlierThreshold };
}

/** The z range holding the sample (see the file comment). */
export function sampleSlab(lowPass: Float32Array, outliers: Uint8Array, shape: readonly [number, number, number]): [number, number] {
  const [nx, ny, nz] = shape;
  const plane = nx * ny;
  const spread = new Float64Array(nz);
  for (let z = 0; z < nz; z++) {
    let sum = 0;
    let sumSq = 0;
    let n = 0;
    for (let i = z * plane; i < (z + 1) * plane; i++) {
      if (outliers[i]) continue;
      const v = lowPass[i]!;
      sum += v;
      sumSq += v * v;
      n++;
    }
    const mean = n > 0 ? sum / n : 0;
    spread[z] = n > 0 ? Math.sqrt(Math.max(0, sumSq / n - mean * mean)) : 0;
  }
  const sorted = Float64Array.from(spread).sort();
  const low = sorted[0]!;
  const high = sorted[Math.min(nz - 1, Math.floor(0.9 * nz))]!;
  if (!(high > SLAB_CONTRAST * low)) return [0, nz - 1];
  // A third of the way up keeps the slab's faces, where the spread has only begun to rise.
  const threshold = low + (high - low) / 3;
  let best: [number, number] = [0, nz - 1];
  let bestLength = 0;
  for (let z = 0; z < nz; ) {
    if (spread[z]! < threshold) {
      z++;
      continue;
    }
    let end = z;
    while (end + 1 < nz && spread[end + 1]! >= threshold) end++;
    if (end - z + 1 > bestLength) {
      bestLength = end - z + 1;
      best = [z, end];
    }
    z = end + 1;
  }
  return best;
}
