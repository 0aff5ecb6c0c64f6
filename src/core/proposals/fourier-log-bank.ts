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
 *
 * With a pool of workers (`fourier-pass.ts`), every pass of every transform is split between them
 * over shared memory; the responses are bit-identical to the single-threaded bank's.
 */
import { inverseFft3dFromRows } from '../volume/fft-pruned.ts';
import { fft3dOfReal } from '../volume/fft-real.ts';
import type { Volume } from '../volume/volume.ts';
import { float32Array } from '../parallel/task-pool.ts';
import { pairInverseInShares, realForwardInShares, type FourierPool } from './fourier-pass.ts';
import type { BankFilter, FilterBankOptions, LogFilterBank, ResponseConsumer } from './log-filter-bank.ts';
import { mirrorPad, paddedShape, type Shape3 } from './mirror-pad.ts';
import { pairProductRows, pairSupport, type FilterPair } from './pair-transfer.ts';

function throwIfAborted(signal: AbortSignal | undefined): void {
  signal?.throwIfAborted();
}

export class FourierLogFilterBank implements LogFilterBank {
  /** 'cpu-fourier', or 'cpu-fourier×N' on a pool of N threads (see bankDisplayName). */
  readonly name: string;
  private readonly pool: FourierPool | null;

  /** With a pool, the transforms run on its workers (the caller owns and disposes it). */
  constructor(options: { pool?: FourierPool | null } = {}) {
    this.pool = options.pool ?? null;
    this.name = this.pool ? `cpu-fourier×${this.pool.size}` : 'cpu-fourier';
  }

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
    const { pool } = this;
    const shared = pool !== null;
    const spectrumRe = float32Array(total, shared);
    const spectrumIm = float32Array(total, shared);
    mirrorPad(volume, padded, spectrumRe, offset);
    if (pool) await realForwardInShares(pool, spectrumRe, spectrumIm, padded, signal);
    else fft3dOfReal(spectrumRe, spectrumIm, padded);
    onProgress?.(1 / steps);
    await yieldToEventLoop();

    const workRe = float32Array(total, shared);
    const workIm = float32Array(total, shared);
    // The pair's two responses, written by the inverse transform's last pass (no crop copy). When
    // x and y need no padding the unpadded volume is the work arrays' first nz planes: the
    // responses are views of them (each z line is read whole before it is written), saving two
    // volumes of fresh memory.
    const voxels = shape[0] * shape[1] * shape[2];
    const inPlace = shape[0] === px && shape[1] === py;
    const responses = {
      shape,
      re: inPlace ? workRe.subarray(0, voxels) : float32Array(voxels, shared),
      im: inPlace ? workIm.subarray(0, voxels) : float32Array(voxels, shared),
    };
    for (let p = 0; p < pairs; p++) {
      throwIfAborted(signal);
      const first = filters[2 * p]!;
      const second = filters[2 * p + 1];
      const pair: FilterPair = { spectrumRe, spectrumIm, padded, first, second: second ?? null };
      if (pool) await pairInverseInShares(pool, pair, pairSupport(pair), workRe, workIm, responses, signal);
      else inverseFft3dFromRows(pairProductRows(pair), pairSupport(pair), workRe, workIm, padded, responses);
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

function addConstant(data: Float32Array, value: number): void {
  if (value === 0) return;
  for (let i = 0; i < data.length; i++) data[i] = data[i]! + value;
}

/** Lets a worker's message loop deliver a cancel between the long transforms. */
function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}
