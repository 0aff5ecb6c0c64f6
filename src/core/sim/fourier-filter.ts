/**
 * Imaging model in Fourier space. The signal gets the missing wedge and a CTF-like transfer; the
 * noise (shot noise, added after the optics) gets only the wedge. Both go through ONE complex FFT:
 * signal in the real part, noise in the imaginary part. Since both are real, each is recovered
 * from the Hermitian parts of the spectrum, filtered with its own real, even transfer function,
 * and the inverse FFT returns filtered signal (real part) and filtered noise (imaginary part).
 */
import type { CtfConfig } from './config.ts';
import { fft3d, frequencyIndex } from '../volume/fft.ts';

/**
 * Tilt axis y, tilts ±maxTilt about it: measured Fourier samples satisfy |kz| ≤ |kx|·tan(maxTilt)
 * (every central plane containing ky, tilted up to maxTilt from the kx–ky plane). 90° = none.
 */
export function isMeasured(fx: number, fz: number, tanMaxTilt: number): boolean {
  return tanMaxTilt === Infinity || Math.abs(fz) <= Math.abs(fx) * tanMaxTilt + 1e-12;
}

/** Electron wavelength, Å, relativistic, for an accelerating voltage in kV. */
export function electronWavelength(voltageKv: number): number {
  const v = voltageKv * 1000;
  return 12.2643 / Math.sqrt(v * (1 + 0.978466e-6 * v));
}

/**
 * CTF at spatial frequency k (1/Å): √(1−w²)·sin χ + w·cos χ with χ = π·λ·Δf·k² (underfocus
 * positive; spherical aberration is below 0.01 rad at these resolutions and is left out), times
 * the envelope exp(−B·k²/4). Positive at low k, so positive density stays positive.
 */
export function ctfValue(k: number, ctf: CtfConfig): number {
  const chi = Math.PI * electronWavelength(ctf.voltageKv) * ctf.defocusMicrons * 1e4 * k * k;
  const w = ctf.amplitudeContrast;
  const value = Math.sqrt(1 - w * w) * Math.sin(chi) + w * Math.cos(chi);
  const envelope = Math.exp((-ctf.bFactor * k * k) / 4);
  return (ctf.phaseFlipped ? Math.abs(value) : value) * envelope;
}

/** |f|² in cycles²/voxel² never exceeds 3·0.5² (the corner of the Nyquist cube). */
const MAX_F2 = 0.75;
const CTF_TABLE_SIZE = 1 << 15;

/** The CTF on a fine grid of |f|² so the per-voxel loop does no transcendental math. */
function tabulateCtf(ctf: CtfConfig, voxelSize: number): Float64Array {
  const table = new Float64Array(CTF_TABLE_SIZE + 1);
  for (let b = 0; b <= CTF_TABLE_SIZE; b++) table[b] = ctfValue(Math.sqrt((b / CTF_TABLE_SIZE) * MAX_F2) / voxelSize, ctf);
  return table;
}

function lookupCtf(table: Float64Array, f2: number): number {
  const t = (f2 / MAX_F2) * CTF_TABLE_SIZE;
  const b = Math.min(CTF_TABLE_SIZE - 1, Math.floor(t));
  const frac = t - b;
  return table[b]! + frac * (table[b + 1]! - table[b]!);
}

export interface ImagingParams {
  shape: readonly [number, number, number];
  voxelSize: number;
  wedgeDegrees: number;
  ctf: CtfConfig | null;
}

/**
 * In place: `signal` becomes wedge·CTF ∗ signal and `noise` becomes wedge ∗ noise.
 * `onStep(fraction)` reports progress through the three passes.
 */
export function filterSignalAndNoise(
  signal: Float32Array,
  noise: Float32Array,
  params: ImagingParams,
  onStep?: (fraction: number) => void,
  abort?: AbortSignal,
): void {
  const [nx, ny, nz] = params.shape;
  const tanMax = params.wedgeDegrees >= 90 ? Infinity : Math.tan((params.wedgeDegrees * Math.PI) / 180);
  const fxs = Float64Array.from({ length: nx }, (_, k) => frequencyIndex(k, nx) / nx);
  const fys = Float64Array.from({ length: ny }, (_, k) => frequencyIndex(k, ny) / ny);
  const fzs = Float64Array.from({ length: nz }, (_, k) => frequencyIndex(k, nz) / nz);
  const ctfTable = params.ctf ? tabulateCtf(params.ctf, params.voxelSize) : null;

  fft3d(signal, noise, params.shape, false);
  abort?.throwIfAborted();
  onStep?.(0.45);
  for (let z = 0; z < nz; z++) {
    const zPartner = (nz - z) % nz;
    const fz = fzs[z]!;
    for (let y = 0; y < ny; y++) {
      const yPartner = (ny - y) % ny;
      const fy = fys[y]!;
      for (let x = 0; x < nx; x++) {
        const i = x + nx * (y + ny * z);
        const j = ((nx - x) % nx) + nx * (yPartner + ny * zPartner);
        if (j < i) continue; // each ±k pair once
        const fx = fxs[x]!;
        let hs = 0;
        let hn = 0;
        if (isMeasured(fx, fz, tanMax)) {
          hn = 1;
          hs = ctfTable ? lookupCtf(ctfTable, fx * fx + fy * fy + fz * fz) : 1;
        }
        const ar = signal[i]!;
        const ai = noise[i]!;
        const br = signal[j]!;
        const bi = noise[j]!;
        // Z = S + iN with S, N Hermitian: S(k) = (Z(k) + conj Z(−k))/2, N(k) = (Z(k) − conj Z(−k))/2i.
        const sr = (ar + br) / 2;
        const si = (ai - bi) / 2;
        const nr = (ai + bi) / 2;
        const ni = (br - ar) / 2;
        signal[i] = hs * sr - hn * ni;
        noise[i] = hs * si + hn * nr;
        if (j !== i) {
          signal[j] = hs * sr + hn * ni;
          noise[j] = -hs * si + hn * nr;
        }
      }
    }
  }
  abort?.throwIfAborted();
  onStep?.(0.55);
  fft3d(signal, noise, params.shape, true);
  onStep?.(1);
}
