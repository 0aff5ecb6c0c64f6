/**
 * How compact a LoG peak is: the Hessian of the smoothed volume at the candidate, at its own scale.
 * The LoG is the Hessian's trace λ₁ + λ₂ + λ₃ (λ₁ ≥ λ₂ ≥ λ₃, each axis' curvature), so it
 * answers as strongly to a sheet (one large curvature: a membrane, or the dark CTF fringe around
 * a dense particle) as to a ball of the same contrast. Compactness = 1.5 · (λ₂ + λ₃) / trace is
 * the trace without its dominant axis, rescaled so an isotropic ball gives 1: a sheet gives ≈ 0,
 * a straight tube (two equal curvatures) 0.75, a ball elongated along z by the missing wedge
 * stays near 1 (only its weakest axis shrinks). It is a ratio of the same filter's curvatures,
 * so it needs no noise normalisation. With the `compactness` option the selection ranks in-range
 * candidates by LoG_best × min(1, compactness / 0.75) (propose.ts): a ball behind a ±50–60°
 * missing wedge measures 0.72–0.79, a tube 0.75, so only flatter peaks lose score.
 *
 * Computed on the CPU at the candidates only, from the volume itself with sampled Gaussian
 * derivative kernels (truncated at 4σ, mirrored at the edges), so it is identical after the CPU
 * and GPU banks. Cost ≈ 3·(8σ+1)³ multiply-adds per candidate, so large σ are taken on a 2× or 4×
 * binned copy (see HessianProbe): a ribosome-sized σ of 7 voxels costs 16³ instead of 57³ reads.
 */
import { HALF_RESOLUTION_VARIANCE, halfResolution } from '../volume/half-resolution.ts';
import { reflectIndex, type Shape3 } from '../volume/patch-grid.ts';
import { toFloat32, type Volume } from '../volume/volume.ts';

/** Gaussian kernels are truncated at this many σ (the tail beyond holds < 1e-4 of the weight). */
const TRUNCATION_SIGMAS = 4;
/**
 * A binned level is used only while its σ stays at least this many of its voxels: below that the
 * sampled second derivative departs from the continuous one by more than ~1 %.
 */
const MIN_LEVEL_SIGMA = 1.5;
/** Pyramid levels: 1 (full resolution), 2, 4; each is halfResolution of the one before. */
const LEVEL_FACTORS = [1, 2, 4] as const;

interface DerivativeKernels {
  radius: number;
  /** Sampled Gaussian (sum 1), its first and second derivatives (the second with zero sum). */
  g0: Float64Array;
  g1: Float64Array;
  g2: Float64Array;
}

/** Kernels centred `offset` voxels (|offset| ≤ ½) right of the middle tap. */
function derivativeKernels(sigma: number, offset = 0): DerivativeKernels {
  if (!(sigma > 0) || !Number.isFinite(sigma)) throw new Error(`blob shape: σ must be a positive number of voxels, got ${sigma}`);
  const radius = Math.max(1, Math.ceil(TRUNCATION_SIGMAS * sigma));
  const n = 2 * radius + 1;
  const g0 = new Float64Array(n);
  const g1 = new Float64Array(n);
  const g2 = new Float64Array(n);
  let sum = 0;
  for (let k = 0; k < n; k++) {
    const t = k - radius - offset;
    g0[k] = Math.exp((-t * t) / (2 * sigma * sigma));
    sum += g0[k]!;
  }
  const s2 = sigma * sigma;
  let sum2 = 0;
  for (let k = 0; k < n; k++) {
    const t = k - radius - offset;
    g0[k] = g0[k]! / sum;
    g1[k] = (-t / s2) * g0[k]!;
    g2[k] = ((t * t) / (s2 * s2) - 1 / s2) * g0[k]!;
    sum2 += g2[k]!;
  }
  // A constant background must have no curvature, also after sampling and truncation.
  for (let k = 0; k < n; k++) g2[k] = g2[k]! - sum2 * g0[k]!;
  return { radius, g0, g1, g2 };
}

interface Level {
  factor: number;
  shape: Shape3;
  values: ArrayLike<number>;
}

/** Smoothing variance (fine voxels², per axis) that building level `index` already applied. */
function levelVariance(index: number): number {
  // Level k adds HALF_RESOLUTION_VARIANCE of level k−1's voxels, i.e. × 4^(k−1) fine voxels².
  let variance = 0;
  for (let k = 1; k <= index; k++) variance += HALF_RESOLUTION_VARIANCE * 4 ** (k - 1);
  return variance;
}

/** σ in level voxels that, after the level's own smoothing, makes a Gaussian of `sigma` fine voxels. */
function levelSigma(sigma: number, index: number): number {
  return Math.sqrt(Math.max(0, sigma * sigma - levelVariance(index))) / LEVEL_FACTORS[index]!;
}

/**
 * Scale-normalised Hessian σ_a·σ_b·∂a∂b(G_σ ∗ f) at voxel (x, y, z), times `sign` (+1: dark blobs
 * have positive curvatures, as the bank's LoG). Returns [xx, yy, zz, xy, xz, yz].
 *
 * Large σ are evaluated on the coarsest half-resolution level (half-resolution.ts, built on first
 * use) on which σ stays ≥ MIN_LEVEL_SIGMA level voxels, with kernels centred on the point's exact
 * position there (between level voxels) and σ reduced by the level's own smoothing: the same
 * continuous quantity, 8–64× cheaper.
 */
export class HessianProbe {
  private readonly levels: (Level | undefined)[];

  constructor(
    volume: Volume,
    private readonly sign: 1 | -1 = 1,
    /** The coarsest level allowed (0 = full resolution only; tests compare against it). */
    private readonly maxLevel = LEVEL_FACTORS.length - 1,
  ) {
    // Integer dtypes index as their values; only float16 (raw bits) needs decoding.
    const values = volume.dtype === 'float16' ? toFloat32(volume) : volume.data;
    this.levels = [{ factor: 1, shape: [volume.nx, volume.ny, volume.nz], values }];
  }

  private level(index: number): Level {
    let level = this.levels[index];
    if (!level) {
      const finer = this.level(index - 1);
      const { data, shape } = halfResolution(finer.values, finer.shape);
      level = { factor: LEVEL_FACTORS[index]!, shape, values: data };
      this.levels[index] = level;
    }
    return level;
  }

  /** The coarsest allowed level whose σ is still ≥ MIN_LEVEL_SIGMA on every axis. */
  private levelFor(sigmaVoxels: readonly [number, number, number]): number {
    let index = 0;
    for (let k = 1; k <= Math.min(this.maxLevel, LEVEL_FACTORS.length - 1); k++) {
      if (sigmaVoxels.every((s) => levelSigma(s, k) >= MIN_LEVEL_SIGMA)) index = k;
    }
    return index;
  }

  at(x: number, y: number, z: number, sigmaVoxels: readonly [number, number, number]): Hessian {
    const index = this.levelFor(sigmaVoxels);
    const level = this.level(index);
    const f = level.factor;
    // Level voxel i sits at fine position f·i + (f − 1)/2 (half-resolution.ts), so fine x is at (x − (f − 1)/2) / f.
    const position = [x, y, z].map((v) => (v - (f - 1) / 2) / f);
    const centre = position.map(Math.round);
    const [kx, ky, kz] = [0, 1, 2].map((a) => derivativeKernels(levelSigma(sigmaVoxels[a]!, index), position[a]! - centre[a]!)) as [DerivativeKernels, DerivativeKernels, DerivativeKernels];
    const [xx, yy, zz, xy, xz, yz] = contract(level, centre[0]!, centre[1]!, centre[2]!, kx, ky, kz);
    // Derivatives per level voxel → per fine voxel: 1/f each; then σ_a·σ_b in fine voxels.
    const [sx, sy, sz] = sigmaVoxels.map((v) => v / f) as [number, number, number];
    const s = this.sign;
    return [s * sx * sx * xx, s * sy * sy * yy, s * sz * sz * zz, s * sx * sy * xy, s * sx * sz * xz, s * sy * sz * yz];
  }
}

/** [xx, yy, zz, xy, xz, yz]. */
type Hessian = [number, number, number, number, number, number];

/** The six second-derivative sums of the kernels around voxel (x, y, z) of a level, edges mirrored. */
function contract(level: Level, x: number, y: number, z: number, kx: DerivativeKernels, ky: DerivativeKernels, kz: DerivativeKernels): Hessian {
  const [nx, ny, nz] = level.shape;
  const values = level.values;
  const xs = Int32Array.from({ length: kx.g0.length }, (_, i) => reflectIndex(x - kx.radius + i, nx));
  let xx = 0, yy = 0, zz = 0, xy = 0, xz = 0, yz = 0;
  for (let c = 0; c < kz.g0.length; c++) {
    const sz = reflectIndex(z - kz.radius + c, nz);
    // Contract x, then y, within this z plane: per plane the six (x-order, y-order) products needed.
    let p00 = 0, p01 = 0, p02 = 0, p10 = 0, p11 = 0, p20 = 0;
    for (let b = 0; b < ky.g0.length; b++) {
      const base = nx * (reflectIndex(y - ky.radius + b, ny) + ny * sz);
      let r0 = 0, r1 = 0, r2 = 0;
      for (let a = 0; a < xs.length; a++) {
        const v = values[base + xs[a]!]!;
        r0 += v * kx.g0[a]!;
        r1 += v * kx.g1[a]!;
        r2 += v * kx.g2[a]!;
      }
      const w0 = ky.g0[b]!, w1 = ky.g1[b]!, w2 = ky.g2[b]!;
      p00 += r0 * w0;
      p01 += r0 * w1;
      p02 += r0 * w2;
      p10 += r1 * w0;
      p11 += r1 * w1;
      p20 += r2 * w0;
    }
    const u0 = kz.g0[c]!, u1 = kz.g1[c]!, u2 = kz.g2[c]!;
    xx += p20 * u0;
    yy += p02 * u0;
    zz += p00 * u2;
    xy += p11 * u0;
    xz += p10 * u1;
    yz += p01 * u1;
  }
  return [xx, yy, zz, xy, xz, yz];
}

/** Eigenvalues of the symmetric 3×3 matrix [xx, yy, zz, xy, xz, yz], descending (closed form). */
export function symmetricEigenvalues([xx, yy, zz, xy, xz, yz]: readonly number[]): [number, number, number] {
  const offDiagonal = xy! * xy! + xz! * xz! + yz! * yz!;
  const q = (xx! + yy! + zz!) / 3;
  const p2 = (xx! - q) ** 2 + (yy! - q) ** 2 + (zz! - q) ** 2 + 2 * offDiagonal;
  if (p2 <= 1e-30 * (q * q + 1e-300)) return [q, q, q];
  const p = Math.sqrt(p2 / 6);
  // B = (A − qI) / p; det(B) / 2 = cos(3φ).
  const b11 = (xx! - q) / p, b22 = (yy! - q) / p, b33 = (zz! - q) / p;
  const b12 = xy! / p, b13 = xz! / p, b23 = yz! / p;
  const det = b11 * (b22 * b33 - b23 * b23) - b12 * (b12 * b33 - b23 * b13) + b13 * (b12 * b23 - b22 * b13);
  const phi = Math.acos(Math.min(1, Math.max(-1, det / 2))) / 3;
  const l1 = q + 2 * p * Math.cos(phi);
  const l3 = q + 2 * p * Math.cos(phi + (2 * Math.PI) / 3);
  return [l1, 3 * q - l1 - l3, l3];
}

/**
 * 1.5 · (λ₂ + λ₃) / (λ₁ + λ₂ + λ₃), clamped to [0, 1]: 1 for a ball, 0.75 for a tube, 0 for a
 * sheet; 0 where the trace is not positive (no blob of the requested polarity).
 */
export function compactness(eigenvalues: readonly [number, number, number]): number {
  const [l1, l2, l3] = eigenvalues;
  const trace = l1 + l2 + l3;
  if (!(trace > 0)) return 0;
  return Math.min(1, Math.max(0, (1.5 * (l2 + l3)) / trace));
}
