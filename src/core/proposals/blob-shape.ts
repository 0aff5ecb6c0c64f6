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
 * and GPU banks. Cost ≈ 3·(8σ+1)³ multiply-adds per candidate.
 */
import { toFloat32, type Volume } from '../volume/volume.ts';

/** Gaussian kernels are truncated at this many σ (the tail beyond holds < 1e-4 of the weight). */
const TRUNCATION_SIGMAS = 4;

interface DerivativeKernels {
  radius: number;
  /** Sampled Gaussian (sum 1), its first and second derivatives (the second with zero sum). */
  g0: Float64Array;
  g1: Float64Array;
  g2: Float64Array;
}

function derivativeKernels(sigma: number): DerivativeKernels {
  if (!(sigma > 0) || !Number.isFinite(sigma)) throw new Error(`blob shape: σ must be a positive number of voxels, got ${sigma}`);
  const radius = Math.max(1, Math.ceil(TRUNCATION_SIGMAS * sigma));
  const n = 2 * radius + 1;
  const g0 = new Float64Array(n);
  const g1 = new Float64Array(n);
  const g2 = new Float64Array(n);
  let sum = 0;
  for (let k = 0; k < n; k++) {
    const t = k - radius;
    g0[k] = Math.exp((-t * t) / (2 * sigma * sigma));
    sum += g0[k]!;
  }
  const s2 = sigma * sigma;
  let sum2 = 0;
  for (let k = 0; k < n; k++) {
    const t = k - radius;
    g0[k] = g0[k]! / sum;
    g1[k] = (-t / s2) * g0[k]!;
    g2[k] = ((t * t) / (s2 * s2) - 1 / s2) * g0[k]!;
    sum2 += g2[k]!;
  }
  // A constant background must have no curvature, also after sampling and truncation.
  for (let k = 0; k < n; k++) g2[k] = g2[k]! - sum2 * g0[k]!;
  return { radius, g0, g1, g2 };
}

/** Index along an axis of length n, reflected at the edges (…, 1, 0, 0, 1, …). */
function reflect(i: number, n: number): number {
  const period = 2 * n;
  let j = ((i % period) + period) % period;
  if (j >= n) j = period - 1 - j;
  return j;
}

/**
 * Scale-normalised Hessian σ_a·σ_b·∂a∂b(G_σ ∗ f) at voxel (x, y, z), times `sign` (+1: dark blobs
 * have positive curvatures, as the bank's LoG). Returns [xx, yy, zz, xy, xz, yz].
 */
export class HessianProbe {
  private readonly values: ArrayLike<number>;
  private readonly kernels = new Map<string, [DerivativeKernels, DerivativeKernels, DerivativeKernels]>();

  constructor(
    private readonly volume: Volume,
    private readonly sign: 1 | -1 = 1,
  ) {
    // Integer dtypes index as their values; only float16 (raw bits) needs decoding.
    this.values = volume.dtype === 'float16' ? toFloat32(volume) : volume.data;
  }

  at(x: number, y: number, z: number, sigmaVoxels: readonly [number, number, number]): [number, number, number, number, number, number] {
    const key = sigmaVoxels.join(',');
    let k = this.kernels.get(key);
    if (!k) {
      k = [derivativeKernels(sigmaVoxels[0]), derivativeKernels(sigmaVoxels[1]), derivativeKernels(sigmaVoxels[2])];
      this.kernels.set(key, k);
    }
    const [kx, ky, kz] = k;
    const { nx, ny, nz } = this.volume;
    const values = this.values;
    const xs = Int32Array.from({ length: kx.g0.length }, (_, i) => reflect(x - kx.radius + i, nx));
    let xx = 0, yy = 0, zz = 0, xy = 0, xz = 0, yz = 0;
    for (let c = 0; c < kz.g0.length; c++) {
      const sz = reflect(z - kz.radius + c, nz);
      // Contract x, then y, within this z plane: per plane the six (x-order, y-order) products needed.
      let p00 = 0, p01 = 0, p02 = 0, p10 = 0, p11 = 0, p20 = 0;
      for (let b = 0; b < ky.g0.length; b++) {
        const base = nx * (reflect(y - ky.radius + b, ny) + ny * sz);
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
    const [sx, sy, sz] = sigmaVoxels;
    const s = this.sign;
    return [s * sx * sx * xx, s * sy * sy * yy, s * sz * sz * zz, s * sx * sy * xy, s * sx * sz * xz, s * sy * sz * yz];
  }
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
