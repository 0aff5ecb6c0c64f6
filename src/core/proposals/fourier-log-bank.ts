/**
 * Exact CPU filter bank in the Fourier domain: one forward FFT of the (mirror-padded) volume, then
 * one inverse FFT per PAIR of filters. Every filter is real and even and the volume is real, so
 * F·H₁ and F·H₂ are Hermitian: the inverse FFT of F·(H₁ + i·H₂) returns the first response in its
 * real part and the second in its imaginary part. Eleven scales plus the mask's low-pass cost
 * 1 forward + 6 inverse transforms, and only two complex volumes are ever alive at once. The
 * forward transform is a real-input one (volume/fft-real.ts: half the work of a complex one), and
 * each inverse writes its two responses straight into unpadded arrays (no crop pass).
 *
 * Why not separable spatial filtering: σ²∇²G needs three second-derivative passes plus six
 * Gaussian passes per scale, each with ~6σ+1 taps; the outer scales reach σ = 2·d_max/(2√3)
 * (≈ 15 voxels for 26-voxel particles, ~90 taps), i.e. ~800 multiply-adds per voxel per scale,
 * against ~2·log2(N) butterflies per voxel per PAIR of scales here.
 *
 * The product F·(H₁ + i·H₂) is formed row by row inside the inverse transform's first pass, and
 * only the bins where H₁ or H₂ exceeds 1e-12 on an axis are transformed (fft-pruned.ts): the
 * wider scales are low-passes, so their pairs cost far less than a full transform. What is left
 * out lies ~5 orders of magnitude below float32 rounding of the responses.
 */
import { frequencyIndex } from '../volume/fft.ts';
import { inverseFft3dFromRows, type FrequencySupport } from '../volume/fft-pruned.ts';
import { fft3dOfReal } from '../volume/fft-real.ts';
import type { Volume } from '../volume/volume.ts';
import type { BankFilter, FilterBankOptions, LogFilterBank, ResponseConsumer } from './log-filter-bank.ts';
import { mirrorPad, paddedShape, type Shape3 } from './mirror-pad.ts';

const TWO_PI_SQ = 2 * Math.PI * Math.PI;
/** Per-axis Gaussian factor below which a frequency bin is left out of the inverse transform. */
const SUPPORT_EPSILON = 1e-12;
const FOUR_PI_SQ = 4 * Math.PI * Math.PI;

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

  /** Gaussian factor per bin along axis a (0 = x): its envelope there. */
  envelope(axis: 0 | 1 | 2): Float64Array {
    return this.tables[axis].g;
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

function throwIfAborted(signal: AbortSignal | undefined): void {
  signal?.throwIfAborted();
}

export class FourierLogFilterBank implements LogFilterBank {
  readonly name = 'cpu-fourier';

  async run(volume: Volume, filters: readonly BankFilter[], consume: ResponseConsumer, options: FilterBankOptions = {}): Promise<void> {
    const { signal, onProgress } = options;
    const shape: Shape3 = [volume.nx, volume.ny, volume.nz];
    const padded = paddedShape(volume);
    const [px, py, pz] = padded;
    const total = px * py * pz;
    const pairs = Math.ceil(filters.length / 2);
    const steps = 1 + pairs;
    throwIfAborted(signal);

    // Subtracting the mean keeps float32 precision for the small LoG responses; only the
    // Gaussian (DC gain 1) needs it added back.
    const offset = Number.isFinite(volume.stats.mean) ? volume.stats.mean : 0;
    const spectrumRe = new Float32Array(total);
    const spectrumIm = new Float32Array(total);
    mirrorPad(volume, padded, spectrumRe, offset);
    fft3dOfReal(spectrumRe, spectrumIm, padded);
    onProgress?.(1 / steps);
    await yieldToEventLoop();

    const workRe = new Float32Array(total);
    const workIm = new Float32Array(total);
    // The pair's two responses, written by the inverse transform's last pass (no crop copy). When
    // x and y need no padding the unpadded volume is the work arrays' first nz planes: the
    // responses are views of them (each z line is read whole before it is written), saving two
    // volumes of fresh memory.
    const voxels = shape[0] * shape[1] * shape[2];
    const inPlace = shape[0] === px && shape[1] === py;
    const responses = {
      shape,
      re: inPlace ? workRe.subarray(0, voxels) : new Float32Array(voxels),
      im: inPlace ? workIm.subarray(0, voxels) : new Float32Array(voxels),
    };
    const h1 = new Float64Array(px);
    const h2 = new Float64Array(px);
    for (let p = 0; p < pairs; p++) {
      throwIfAborted(signal);
      const first = filters[2 * p]!;
      const second = filters[2 * p + 1];
      const t1 = new Transfer(first, padded);
      const t2 = second ? new Transfer(second, padded) : null;
      if (!t2) h2.fill(0);
      // F·(H₁ + i·H₂), one row at a time, as the inverse transform asks for it.
      const product = (y: number, z: number, rowRe: Float64Array, rowIm: Float64Array) => {
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
      inverseFft3dFromRows(product, pairSupport(t1, t2), workRe, workIm, padded, responses);
      if (first.kind === 'gaussian') addConstant(responses.re, offset);
      consume(2 * p, responses.re);
      if (second) {
        if (second.kind === 'gaussian') addConstant(responses.im, offset);
        consume(2 * p + 1, responses.im);
      }
      onProgress?.((2 + p) / steps);
      await yieldToEventLoop();
    }
  }
}

/** Bins where either filter's envelope exceeds SUPPORT_EPSILON, per axis. */
function pairSupport(t1: Transfer, t2: Transfer | null): FrequencySupport {
  return ([0, 1, 2] as const).map((axis) => {
    const g1 = t1.envelope(axis);
    const g2 = t2?.envelope(axis);
    return Uint8Array.from(g1, (g, k) => (g > SUPPORT_EPSILON || (g2 !== undefined && g2[k]! > SUPPORT_EPSILON) ? 1 : 0));
  }) as unknown as FrequencySupport;
}

function addConstant(data: Float32Array, value: number): void {
  if (value === 0) return;
  for (let i = 0; i < data.length; i++) data[i] = data[i]! + value;
}

/** Lets a worker's message loop deliver a cancel between the long transforms. */
function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}
