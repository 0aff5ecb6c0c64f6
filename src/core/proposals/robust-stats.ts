/**
 * Order statistics of a large volume from a regular subsample (about a million voxels): enough
 * for medians and percentiles, deterministic, and cheap next to the filtering.
 */
const SAMPLES = 1 << 20;

/** Every k-th value (k chosen so about 2^20 remain), sorted ascending. */
export function sortedSubsample(data: Float32Array, maxSamples = SAMPLES): Float32Array {
  const step = Math.max(1, Math.floor(data.length / maxSamples));
  const sample = new Float32Array(Math.ceil(data.length / step));
  for (let i = 0, k = 0; i < data.length; i += step) sample[k++] = data[i]!;
  return sample.sort();
}

/** Nearest-rank quantile of a sorted array. */
export function quantile(sorted: Float32Array, q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.floor(q * sorted.length)))]!;
}

/** Sorted |sample − median| of a sorted sample, and the median. */
export function absoluteDeviations(sorted: Float32Array): { median: number; deviations: Float32Array } {
  const median = quantile(sorted, 0.5);
  const deviations = sorted.map((v) => Math.abs(v - median)).sort();
  return { median, deviations };
}

/** 1.4826 × median absolute deviation: the standard deviation for Gaussian data, robust to blobs. */
export function robustSpread(data: Float32Array): number {
  return 1.4826 * quantile(absoluteDeviations(sortedSubsample(data)).deviations, 0.5);
}
