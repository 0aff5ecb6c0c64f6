import { float16Table } from './float16-table.ts';
import type { Volume } from './volume.ts';

export interface Histogram {
  /** Finite samples per bin; bin k covers [min + k·binWidth, min + (k+1)·binWidth), the last one includes max. */
  counts: Uint32Array;
  /** Range of the finite samples (both 0 when there are none). */
  min: number;
  max: number;
  binWidth: number;
  /** Finite samples counted. */
  total: number;
  /** NaN / ±Inf samples, left out of the bins. */
  nonFinite: number;
  /** Every stride-th voxel was read. */
  stride: number;
}

/**
 * 2^20 samples leave ~5000 in each 0.5 % tail, plenty for a contrast window, and keep "Auto"
 * contrast quick on a 4 GB volume.
 */
export const MAX_HISTOGRAM_SAMPLES = 1 << 20;

const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));

/**
 * Smallest stride giving at most maxSamples that shares no factor with nx or nx·ny, so that
 * successive samples walk across columns and rows instead of hitting the same x (or y) every time.
 */
export function sampleStrideFor(volume: Pick<Volume, 'nx' | 'ny' | 'nz'>, maxSamples = MAX_HISTOGRAM_SAMPLES): number {
  const { nx, ny, nz } = volume;
  let stride = Math.max(1, Math.ceil((nx * ny * nz) / maxSamples));
  while (stride > 1 && (gcd(stride, nx) !== 1 || gcd(stride, nx * ny) !== 1)) stride++;
  return stride;
}

/**
 * Histogram of the voxel values in the native dtype (float16 decoded through a table), over every
 * `sampleStride`-th voxel (default: sampleStrideFor, i.e. all voxels of small volumes).
 */
export function histogram(volume: Pick<Volume, 'nx' | 'ny' | 'nz' | 'dtype' | 'data'>, bins = 256, sampleStride?: number): Histogram {
  if (!Number.isInteger(bins) || bins < 1) throw new RangeError(`histogram bins must be a positive integer, got ${bins}`);
  const stride = sampleStride ?? sampleStrideFor(volume);
  if (!Number.isInteger(stride) || stride < 1) throw new RangeError(`histogram sample stride must be a positive integer, got ${stride}`);
  const samples = gatherSamples(volume, stride);

  let min = Infinity;
  let max = -Infinity;
  let nonFinite = 0;
  for (let i = 0; i < samples.length; i++) {
    const v = samples[i]!;
    // v − v is NaN for NaN and ±Inf, 0 otherwise: one test for both.
    if (v - v !== 0) nonFinite++;
    else {
      if (v < min) min = v;
      if (v > max) max = v;
    }
  }
  if (min > max) min = max = 0;
  const counts = new Uint32Array(bins);
  const binWidth = (max - min) / bins;
  const scale = binWidth > 0 ? 1 / binWidth : 0;
  const last = bins - 1;
  for (let i = 0; i < samples.length; i++) {
    const v = samples[i]!;
    if (v - v !== 0) continue;
    const bin = ((v - min) * scale) | 0;
    counts[bin > last ? last : bin]!++;
  }
  return { counts, min, max, binWidth, total: samples.length - nonFinite, nonFinite, stride };
}

/**
 * The sampled voxels as float32 (at most MAX_HISTOGRAM_SAMPLES by default, 4 MiB): the two
 * passes then run over one array type, which keeps them monomorphic and fast.
 */
function gatherSamples(volume: Pick<Volume, 'dtype' | 'data'>, stride: number): Float32Array {
  const { data } = volume;
  if (stride === 1 && data instanceof Float32Array) return data;
  const samples = new Float32Array(Math.ceil(data.length / stride));
  if (volume.dtype === 'float16') {
    const decode = float16Table();
    for (let i = 0, k = 0; i < data.length; i += stride, k++) samples[k] = decode[data[i]!]!;
  } else {
    for (let i = 0, k = 0; i < data.length; i += stride, k++) samples[k] = data[i]!;
  }
  return samples;
}

/**
 * Contrast window from histogram percentiles (0.5 / 99.5 clip the gold beads and the empty
 * corners without losing the particles). Values interpolate linearly inside a bin. With no finite
 * samples the window is [0, 0].
 */
export function percentileWindow(hist: Histogram, lowPct = 0.5, highPct = 99.5): { low: number; high: number } {
  if (!(lowPct >= 0 && highPct <= 100 && lowPct <= highPct)) {
    throw new RangeError(`percentiles must satisfy 0 ≤ low ≤ high ≤ 100, got ${lowPct} and ${highPct}`);
  }
  return { low: percentileValue(hist, lowPct), high: percentileValue(hist, highPct) };
}

function percentileValue(hist: Histogram, pct: number): number {
  if (hist.total === 0) return hist.min;
  const target = (pct / 100) * hist.total;
  let cumulative = 0;
  for (let k = 0; k < hist.counts.length; k++) {
    const count = hist.counts[k]!;
    if (count > 0 && cumulative + count >= target) {
      const within = Math.max(0, target - cumulative) / count;
      return hist.min + (k + within) * hist.binWidth;
    }
    cumulative += count;
  }
  return hist.max;
}
