/**
 * The A-LoG scale bank: 11 particle diameters around the user's range [dMin, dMax] — 4 below,
 * 3 inside (dMin, their geometric mean, dMax), 4 above. The outer scales only decide whether a
 * blob's best size lies outside the range, so they step by 2^(1/4) and reach dMin/2 and 2·dMax.
 */
export const SCALES_BELOW = 4;
export const SCALES_INSIDE = 3;
export const SCALES_ABOVE = 4;
export const SCALE_COUNT = SCALES_BELOW + SCALES_INSIDE + SCALES_ABOVE;
/** Index of dMin and of dMax in the bank. */
export const FIRST_INSIDE = SCALES_BELOW;
export const LAST_INSIDE = SCALES_BELOW + SCALES_INSIDE - 1;

const OUTER_STEP = 2 ** (1 / 4);

/** A ball of diameter d gives its strongest scale-normalised 3D LoG response at σ = d / (2√3). */
export function sigmaForDiameter(diameter: number): number {
  return diameter / (2 * Math.sqrt(3));
}

/** σ per axis in voxels of the LoG tuned to `diameter` Å on a grid of `voxelSize` Å (x, y, z). */
export function sigmaVoxelsForDiameter(diameter: number, voxelSize: readonly number[]): [number, number, number] {
  const sigma = sigmaForDiameter(diameter);
  return [sigma / voxelSize[0]!, sigma / voxelSize[1]!, sigma / voxelSize[2]!];
}

/** Geometric mean of the voxel sizes, Å: converts diameters to voxels on anisotropic grids. */
export function meanVoxelSize(voxelSize: readonly number[]): number {
  return Math.cbrt(voxelSize[0]! * voxelSize[1]! * voxelSize[2]!);
}

/** The 11 diameters, ascending, in the unit of dMin/dMax (Å for the public API). */
export function scaleDiameters(dMin: number, dMax: number): number[] {
  if (!(dMin > 0) || !Number.isFinite(dMin) || !(dMax > 0) || !Number.isFinite(dMax)) {
    throw new Error(`particle diameters must be positive numbers, got ${dMin} and ${dMax}`);
  }
  if (dMin > dMax) throw new Error(`minimum diameter ${dMin} is larger than the maximum ${dMax}`);
  const below = Array.from({ length: SCALES_BELOW }, (_, k) => dMin / OUTER_STEP ** (SCALES_BELOW - k));
  const inside = [dMin, Math.sqrt(dMin * dMax), dMax];
  const above = Array.from({ length: SCALES_ABOVE }, (_, k) => dMax * OUTER_STEP ** (k + 1));
  return [...below, ...inside, ...above];
}

/** d_best above the range: the peak belongs to an object larger than the requested particles. */
export function isAboveRange(scaleIndex: number): boolean {
  return scaleIndex > LAST_INSIDE;
}

/** d_best below the range: a blob smaller than the requested particles (detail or noise). */
export function isBelowRange(scaleIndex: number): boolean {
  return scaleIndex < FIRST_INSIDE;
}

export function isInsideRange(scaleIndex: number): boolean {
  return scaleIndex >= FIRST_INSIDE && scaleIndex <= LAST_INSIDE;
}

/**
 * Sub-scale diameter: vertex of the parabola through (log d, response) at the best scale and its
 * two neighbours (non-uniform spacing), clamped to the neighbours. At the ends of the bank, or
 * when the three points are not a peak, the best scale's diameter is returned.
 */
export function interpolateDiameter(diameters: readonly number[], best: number, prev: number, current: number, next: number): number {
  const d = diameters[best]!;
  if (best === 0 || best === diameters.length - 1) return d;
  const x0 = Math.log(diameters[best - 1]!);
  const x1 = Math.log(d);
  const x2 = Math.log(diameters[best + 1]!);
  // Divided differences of the quadratic through the three points.
  const s01 = (current - prev) / (x1 - x0);
  const s12 = (next - current) / (x2 - x1);
  const curvature = (s12 - s01) / (x2 - x0);
  if (!(curvature < 0)) return d;
  const vertex = (x0 + x1) / 2 - s01 / (2 * curvature);
  return Math.exp(Math.min(x2, Math.max(x0, vertex)));
}
