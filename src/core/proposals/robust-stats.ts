/**
 * Order statistics of a large volume from a regular subsample (about a million voxels): enough
 * for medians and percentiles, deterministic, and cheap next to the filtering. Quantiles come from
 * selection (quickselect, O(n)) rather than a full sort: the same nearest-rank element a sort
 * would give, at a tenth of the cost (the normalisation asks for 22 of them per run).
 */
const SAMPLES = 1 << 20;

/** Every k-th finite value (k chosen so about 2^20 remain), in memory order. */
export function regularSubsample(data: Float32Array, maxSamples = SAMPLES): Float32Array {
  const step = Math.max(1, Math.floor(data.length / maxSamples));
  const sample = new Float32Array(Math.ceil(data.length / step));
  let k = 0;
  for (let i = 0; i < data.length; i += step) {
    const v = data[i]!;
    // NaN would break the partition's ordering (it compares false both ways).
    if (v === v) sample[k++] = v;
  }
  return sample.subarray(0, k);
}

/**
 * Nearest-rank quantile (element ⌊q·n⌋ of the sorted order) by in-place selection: `values` is
 * partially reordered. NaN for an empty array.
 */
export function selectQuantile(values: Float32Array, q: number): number {
  const n = values.length;
  if (n === 0) return NaN;
  const k = Math.min(n - 1, Math.max(0, Math.floor(q * n)));
  let lo = 0;
  let hi = n - 1;
  while (hi > lo) {
    // Median of three as the pivot keeps sorted or constant runs from going quadratic.
    const mid = (lo + hi) >>> 1;
    const a = values[lo]!;
    const b = values[mid]!;
    const c = values[hi]!;
    const pivot = a < b ? (b < c ? b : a < c ? c : a) : a < c ? a : b < c ? c : b;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (values[i]! < pivot) i++;
      while (values[j]! > pivot) j--;
      if (i <= j) {
        const t = values[i]!;
        values[i] = values[j]!;
        values[j] = t;
        i++;
        j--;
      }
    }
    // [lo, j] ≤ pivot ≤ [i, hi]; anything strictly between j and i equals the pivot.
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return values[k]!;
  }
  return values[k]!;
}

/** Median of a sample and the sample's absolute deviations from it (`sample` is reordered). */
export function absoluteDeviations(sample: Float32Array): { median: number; deviations: Float32Array } {
  const median = selectQuantile(sample, 0.5);
  const deviations = new Float32Array(sample.length);
  for (let i = 0; i < sample.length; i++) deviations[i] = Math.abs(sample[i]! - median);
  return { median, deviations };
}

/** 1.4826 × median absolute deviation: the standard deviation for Gaussian data, robust to blobs. */
export function robustSpread(data: Float32Array): number {
  return 1.4826 * selectQuantile(absoluteDeviations(regularSubsample(data)).deviations, 0.5);
}

/**
 * 1 / the robust spread of a LoG response over the volume (the scale space applies it).
 * γ-normalisation (σ²) makes a blob's response comparable across scales but not the noise's: at
 * cryo-ET SNRs the finest scale's noise would win LoG_best almost everywhere. After this step
 * LoG_best compares significance.
 */
export function normalisingGain(response: Float32Array): number {
  const spread = robustSpread(response);
  return spread > 0 ? 1 / spread : 1;
}
