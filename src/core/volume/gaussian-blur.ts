/**
 * Separable Gaussian low-pass of a float32 field (x fastest), in place. Each axis pass keeps a
 * ring of the 2r+1 original units it still needs (a voxel for x, a row for y, a z-section for z),
 * so the extra memory is (2r+1) sections at most, never a second volume. Edges repeat the border
 * value, so a constant field stays constant and the mean is kept near the borders.
 * Cheaper than an FFT for the small σ used before isosurfacing (r = ⌈3σ⌉ taps per side).
 */

/** Called between units of work; returns a promise when the caller wants to yield (cancellation). */
export type Pause = () => Promise<void> | undefined;

/** Normalised weights w[0..2r], r = ⌈3σ⌉ (the tails beyond 3σ hold 0.3 % of the mass). */
export function gaussianKernel(sigma: number): Float32Array {
  if (!(sigma > 0) || !Number.isFinite(sigma)) throw new RangeError(`Gaussian σ must be a positive number of voxels, got ${sigma}`);
  const r = Math.ceil(3 * sigma);
  const w = new Float32Array(2 * r + 1);
  let sum = 0;
  for (let k = -r; k <= r; k++) sum += w[k + r] = Math.exp(-(k * k) / (2 * sigma * sigma));
  for (let k = 0; k < w.length; k++) w[k]! /= sum;
  return w;
}

/**
 * Blurs along one axis: the field is `blocks` blocks of `n` units of `unit` contiguous values; unit
 * i of a block is replaced by Σ w[k]·unit[clamp(i + k − r)].
 */
async function blurAxis(data: Float32Array, blocks: number, n: number, unit: number, w: Float32Array, pause: Pause): Promise<void> {
  const r = (w.length - 1) / 2;
  const slots = Math.min(w.length, n);
  const ring = new Float32Array(slots * unit);
  const acc = new Float32Array(unit);
  for (let b = 0; b < blocks; b++) {
    const base = b * n * unit;
    const load =
      unit === 1
        ? (i: number) => (ring[i % slots] = data[base + i]!)
        : (i: number) => ring.set(data.subarray(base + i * unit, base + (i + 1) * unit), (i % slots) * unit);
    let loaded = -1;
    for (let i = 0; i < n; i++) {
      // Unit i needs originals up to i + r; the slot it overwrites held i + r − slots < i − r: done with.
      while (loaded < Math.min(n - 1, i + r)) load(++loaded);
      acc.fill(0);
      for (let k = 0; k < w.length; k++) {
        const src = Math.min(n - 1, Math.max(0, i + k - r));
        const weight = w[k]!;
        const offset = (src % slots) * unit;
        for (let u = 0; u < unit; u++) acc[u]! += weight * ring[offset + u]!;
      }
      if (unit === 1) data[base + i] = acc[0]!;
      else data.set(acc, base + i * unit);
      if (unit > 4096) await pause();
    }
    await pause();
  }
}

/** σ per axis in voxels (one number for all three); 0 leaves that axis alone. */
export async function gaussianBlur3d(
  data: Float32Array,
  dims: readonly [number, number, number],
  sigma: number | readonly [number, number, number],
  pause: Pause = () => undefined,
): Promise<void> {
  const [nx, ny, nz] = dims;
  if (![nx, ny, nz].every((d) => Number.isInteger(d) && d > 0)) throw new RangeError(`dimensions must be positive integers, got ${dims.join('×')}`);
  if (data.length !== nx * ny * nz) throw new RangeError(`the field holds ${data.length} values but ${dims.join('×')} needs ${nx * ny * nz}`);
  const sigmas = typeof sigma === 'number' ? [sigma, sigma, sigma] : sigma;
  const passes = [
    { blocks: ny * nz, n: nx, unit: 1 },
    { blocks: nz, n: ny, unit: nx },
    { blocks: 1, n: nz, unit: nx * ny },
  ];
  for (let a = 0; a < 3; a++) {
    const s = sigmas[a]!;
    if (s === 0) continue;
    const { blocks, n, unit } = passes[a]!;
    await blurAxis(data, blocks, n, unit, gaussianKernel(s), pause);
  }
}
