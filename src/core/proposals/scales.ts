/**
 * The A-LoG scale bank: particle diameters around the user's range [dMin, dMax] — 4 below, at
 * least 3 inside (dMin … dMax, log-spaced), 4 above. The outer scales only decide whether a blob's
 * best size lies outside the range, so they step by 2^(1/4) and reach dMin/2 and 2·dMax.
 * UPicker's bank has 3 inside scales (11 in all); that spacing suits a range up to 2.25 wide, but
 * on 27–260 Å three scales stand 3.1× apart and a 50 Å particle falls between them, so wider
 * ranges get as many inside scales as keep neighbours at most 1.5× apart (README.md).
 */
export const SCALES_BELOW = 4;
export const MIN_SCALES_INSIDE = 3;
export const SCALES_ABOVE = 4;
/** Index of dMin in every bank. */
export const FIRST_INSIDE = SCALES_BELOW;
/** Largest ratio between neighbouring inside scales (UPicker's 3 inside scales up to a 2.25-wide range). */
export const MAX_INSIDE_STEP = 1.5;

const OUTER_STEP = 2 ** (1 / 4);

export interface ScaleBank {
  /** Ascending, in the unit of dMin/dMax (Å for the public API). */
  diameters: number[];
  /** Index of dMin (always FIRST_INSIDE) and of dMax. */
  firstInside: number;
  lastInside: number;
}

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

/** How many scales the bank puts inside [dMin, dMax]: 3, more for ranges wider than MAX_INSIDE_STEP². */
export function insideScaleCount(dMin: number, dMax: number): number {
  // The small tolerance keeps a range of exactly MAX_INSIDE_STEP^k at k + 1 scales despite rounding.
  return Math.max(MIN_SCALES_INSIDE, 1 + Math.ceil(Math.log(dMax / dMin) / Math.log(MAX_INSIDE_STEP) - 1e-9));
}

/** The bank's diameters for the range [dMin, dMax]. */
export function scaleBank(dMin: number, dMax: number): ScaleBank {
  if (!(dMin > 0) || !Number.isFinite(dMin) || !(dMax > 0) || !Number.isFinite(dMax)) {
    throw new Error(`particle diameters must be positive numbers, got ${dMin} and ${dMax}`);
  }
  if (dMin > dMax) throw new Error(`minimum diameter ${dMin} is larger than the maximum ${dMax}`);
  const insideCount = insideScaleCount(dMin, dMax);
  const below = Array.from({ length: SCALES_BELOW }, (_, k) => dMin / OUTER_STEP ** (SCALES_BELOW - k));
  // Exact ends (no rounding at dMin and dMax): the range test compares indices, the user reads Å.
  const inside = Array.from({ length: insideCount }, (_, k) => (k === 0 ? dMin : k === insideCount - 1 ? dMax : dMin * (dMax / dMin) ** (k / (insideCount - 1))));
  const above = Array.from({ length: SCALES_ABOVE }, (_, k) => dMax * OUTER_STEP ** (k + 1));
  return { diameters: [...below, ...inside, ...above], firstInside: FIRST_INSIDE, lastInside: FIRST_INSIDE + insideCount - 1 };
}

/** d_best above the range: the peak belongs to an object larger than the requested particles. */
export function isAboveRange(bank: ScaleBank, scaleIndex: number): boolean {
  return scaleIndex > bank.lastInside;
}

/** d_best below the range: a blob smaller than the requested particles (detail or noise). */
export function isBelowRange(bank: ScaleBank, scaleIndex: number): boolean {
  return scaleIndex < bank.firstInside;
}

export function isInsideRange(bank: ScaleBank, scaleIndex: number): boolean {
  return scaleIndex >= bank.firstInside && scaleIndex <= bank.lastInside;
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
