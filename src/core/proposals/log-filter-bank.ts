/**
 * What the A-LoG pipeline needs from a filtering back end: a list of isotropic filters applied
 * to one volume, each response handed over as a Float32Array of nx·ny·nz voxels (x fastest).
 * The exact CPU implementation is fourier-log-bank.ts; a GPU implementation (WebGPU) plugs in
 * behind the same interface and must agree with it (responses within 1e-3 relative).
 */
import type { Volume } from '../volume/volume.ts';

/**
 * A filter of the bank. σ is in voxels per axis (x, y, z), so anisotropic voxels keep an
 * isotropic physical filter.
 * - 'log': scale-normalised Laplacian of Gaussian, σ²∇²(G_σ ∗ f) in physical units, times `sign`
 *   (+1 makes dark blobs on a light background respond positively at their centre).
 * - 'gaussian': plain Gaussian low-pass G_σ ∗ f (used by the automatic mask).
 */
export type BankFilter =
  | { kind: 'log'; sigmaVoxels: readonly [number, number, number]; sign: 1 | -1 }
  | { kind: 'gaussian'; sigmaVoxels: readonly [number, number, number] };

export interface FilterBankOptions {
  signal?: AbortSignal;
  /** Fraction done in [0, 1] of the whole bank. */
  onProgress?: (fraction: number) => void;
}

/**
 * Receives filter `index`'s response. The array may be reused for the next filter: copy what
 * must outlive the call. Responses arrive in index order.
 */
export type ResponseConsumer = (index: number, response: Float32Array) => void;

/** How the studio names a bank from its name: 'GPU' (webgpu-…), 'CPU, N threads' (cpu-fourier×N) or 'CPU'. */
export function bankDisplayName(name: string): string {
  if (name.startsWith('webgpu')) return 'GPU';
  const threads = /×(\d+)$/.exec(name)?.[1];
  return threads ? `CPU, ${threads} threads` : 'CPU';
}

export interface LogFilterBank {
  /** Shown in logs and benchmark figures: 'cpu-fourier', 'cpu-fourier×N' (N threads), 'webgpu-fourier'. */
  readonly name: string;
  run(volume: Volume, filters: readonly BankFilter[], consume: ResponseConsumer, options?: FilterBankOptions): Promise<void>;
}
