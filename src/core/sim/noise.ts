/**
 * Noise at a chosen SNR, polarity and normalisation.
 *
 * SNR = var(filtered noise-free signal over the sample region) / var(filtered noise over the
 * whole tomogram), where the sample region is the ice slab minus everything within twice the
 * radius of a gold bead or contamination sphere (their contrast would otherwise dominate the
 * signal variance and make the particles noisier than the number says). The noise is scaled so
 * that this ratio is met exactly for the realised signal and noise.
 *
 * Polarity: output = −signal + noise, then shifted and scaled to mean 0 and sd 1 over the whole
 * tomogram: denser is darker (more negative), as in a tomogram straight from reconstruction
 * (IMOD, AreTomo, Warp) before any contrast inversion; multiply by −1 for white particles.
 */
import type { Sphere } from './geometry.ts';
import type { Random } from './random.ts';

export function fillGaussian(out: Float32Array, random: Random): void {
  for (let i = 0; i < out.length; i++) out[i] = random.gaussian();
}

/** 1 where a voxel counts towards the signal variance (see the SNR definition above). */
export function sampleMask(
  shape: readonly [number, number, number],
  slab: readonly [number, number],
  excluded: readonly Sphere[],
): Uint8Array {
  const [nx, ny, nz] = shape;
  const mask = new Uint8Array(nx * ny * nz);
  const zFirst = Math.max(0, Math.ceil(slab[0]));
  const zLast = Math.min(nz - 1, Math.floor(slab[1]));
  mask.fill(1, zFirst * nx * ny, (zLast + 1) * nx * ny);
  for (const s of excluded) {
    const r = 2 * s.radius;
    for (let z = Math.max(0, Math.floor(s.z - r)); z <= Math.min(nz - 1, Math.ceil(s.z + r)); z++)
      for (let y = Math.max(0, Math.floor(s.y - r)); y <= Math.min(ny - 1, Math.ceil(s.y + r)); y++)
        for (let x = Math.max(0, Math.floor(s.x - r)); x <= Math.min(nx - 1, Math.ceil(s.x + r)); x++) {
          if ((x - s.x) ** 2 + (y - s.y) ** 2 + (z - s.z) ** 2 <= r * r) mask[x + nx * (y + ny * z)] = 0;
        }
  }
  return mask;
}

/** Population variance of `data`, over voxels where mask is 1 (all voxels without a mask). */
export function variance(data: Float32Array, mask?: Uint8Array): number {
  let sum = 0;
  let sumSq = 0;
  let n = 0;
  for (let i = 0; i < data.length; i++) {
    if (mask && !mask[i]) continue;
    const v = data[i]!;
    sum += v;
    sumSq += v * v;
    n++;
  }
  if (n === 0) return 0;
  const mean = sum / n;
  return Math.max(0, sumSq / n - mean * mean);
}

export interface MixResult {
  signalVariance: number;
  noiseVariance: number;
  /** Factor applied to the filtered noise before mixing. */
  noiseScale: number;
  /** Mean and sd removed in normalisation, in mixed units (to map back if needed). */
  mean: number;
  sd: number;
}

/**
 * Writes the normalised tomogram into `signal` (which holds the filtered noise-free signal);
 * `noise` holds the filtered unit noise. snr null = no noise.
 */
export function mixAndNormalise(signal: Float32Array, noise: Float32Array, snr: number | null, mask: Uint8Array): MixResult {
  const signalVariance = variance(signal, mask);
  const noiseVariance = snr === null ? 0 : variance(noise);
  const noiseScale = snr === null || noiseVariance === 0 ? 0 : Math.sqrt(signalVariance / (snr * noiseVariance));
  let sum = 0;
  let sumSq = 0;
  for (let i = 0; i < signal.length; i++) {
    const v = -signal[i]! + noiseScale * noise[i]!;
    signal[i] = v;
    sum += v;
    sumSq += v * v;
  }
  const mean = sum / signal.length;
  const sd = Math.sqrt(Math.max(0, sumSq / signal.length - mean * mean));
  const inv = sd > 0 ? 1 / sd : 1;
  for (let i = 0; i < signal.length; i++) signal[i] = (signal[i]! - mean) * inv;
  return { signalVariance, noiseVariance, noiseScale, mean, sd };
}
