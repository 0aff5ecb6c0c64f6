/**
 * The transfer functions of the Fourier LoG bank, two filters at a time: every filter is real and
 * even and the volume is real, so F·H₁ and F·H₂ are Hermitian and the inverse FFT of
 * F·(H₁ + i·H₂) returns the first response in its real part and the second in its imaginary part.
 * Shared by the serial bank and its parallel workers (which rebuild a pair from its filters).
 */
import { frequencyIndex } from '../volume/fft.ts';
import type { FrequencySupport, SpectrumRowSource } from '../volume/fft-pruned.ts';
import type { BankFilter } from './log-filter-bank.ts';
import type { Shape3 } from './mirror-pad.ts';

const TWO_PI_SQ = 2 * Math.PI * Math.PI;
const FOUR_PI_SQ = 4 * Math.PI * Math.PI;
/** Per-axis Gaussian factor below which a frequency bin is left out of the inverse transform. */
const SUPPORT_EPSILON = 1e-12;

export interface AxisTables {
  /** (σ·f)² per frequency bin. */
  s: Float64Array;
  /** exp(−2π²(σ·f)²) per frequency bin. */
  g: Float64Array;
}

/** Per-axis factors of a filter's transfer function (exported for the WebGPU bank, src/gpu/log-bank). */
export function axisTables(n: number, sigma: number): AxisTables {
  const s = new Float64Array(n);
  const g = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    const f = frequencyIndex(k, n) / n;
    s[k] = (sigma * f) ** 2;
    g[k] = Math.exp(-TWO_PI_SQ * s[k]!);
  }
  return { s, g };
}

/** H = logScale·Σ s_a·Π g_a for a LoG: σ²∇² → −4π²·Σ(σ_a f_a)² in voxel frequencies; 0 marks a plain Gaussian (H = Π g_a). */
export function transferLogScale(filter: BankFilter): number {
  return filter.kind === 'log' ? -FOUR_PI_SQ * filter.sign : 0;
}

/** The transfer function of one filter, evaluated separably from per-axis tables. */
class Transfer {
  private readonly tables: [AxisTables, AxisTables, AxisTables];
  private readonly logScale: number;

  constructor(filter: BankFilter, padded: Shape3) {
    this.tables = [0, 1, 2].map((a) => axisTables(padded[a]!, filter.sigmaVoxels[a]!)) as [AxisTables, AxisTables, AxisTables];
    this.logScale = transferLogScale(filter);
  }

  /** Fills `out` with H along x for the given y, z bins. */
  row(y: number, z: number, out: Float64Array): void {
    const [tx, ty, tz] = this.tables;
    const gyz = ty.g[y]! * tz.g[z]!;
    if (this.logScale === 0) {
      for (let x = 0; x < out.length; x++) out[x] = tx.g[x]! * gyz;
      return;
    }
    const syz = ty.s[y]! + tz.s[z]!;
    const scale = this.logScale * gyz;
    for (let x = 0; x < out.length; x++) out[x] = scale * (tx.s[x]! + syz) * tx.g[x]!;
  }
}

/** A pair of filters over a stored spectrum (the second may be missing: H₂ = 0). */
export interface FilterPair {
  spectrumRe: Float32Array;
  spectrumIm: Float32Array;
  padded: Shape3;
  first: BankFilter;
  second: BankFilter | null;
}

/** F·(H₁ + i·H₂), one row at a time, as the inverse transform asks for it. */
export function pairProductRows(pair: FilterPair): SpectrumRowSource {
  const { spectrumRe, spectrumIm, padded } = pair;
  const [px, py] = padded;
  const t1 = new Transfer(pair.first, padded);
  const t2 = pair.second ? new Transfer(pair.second, padded) : null;
  const h1 = new Float64Array(px);
  const h2 = new Float64Array(px);
  return (y, z, rowRe, rowIm) => {
    t1.row(y, z, h1);
    t2?.row(y, z, h2);
    const base = px * (y + py * z);
    for (let x = 0; x < px; x++) {
      const fr = spectrumRe[base + x]!;
      const fi = spectrumIm[base + x]!;
      const a = h1[x]!;
      const b = h2[x]!;
      rowRe[x] = fr * a - fi * b;
      rowIm[x] = fi * a + fr * b;
    }
  };
}

/** Bins where either filter's envelope exceeds SUPPORT_EPSILON, per axis. */
export function pairSupport(pair: Pick<FilterPair, 'padded' | 'first' | 'second'>): FrequencySupport {
  return ([0, 1, 2] as const).map((axis) => {
    const n = pair.padded[axis];
    const g1 = axisTables(n, pair.first.sigmaVoxels[axis]).g;
    const g2 = pair.second && axisTables(n, pair.second.sigmaVoxels[axis]).g;
    return Uint8Array.from(g1, (g, k) => (g > SUPPORT_EPSILON || (g2 !== null && g2[k]! > SUPPORT_EPSILON) ? 1 : 0));
  }) as unknown as FrequencySupport;
}
