/**
 * The context pass: objects larger than the bank, found whole. The bank stops at 2·d_max, so an
 * object several times larger (a ribosome, 4.3 × the `tiny` range's d_max) saturates there: its
 * above-range peaks sit around its inner rim, off its centre, and its stalks and subunit edges on
 * the far side are proposed as particles (README.md, "Deviations"). Here the same scale-normalised,
 * robust-spread-normalised LoG runs at a few coarser diameters, 2·d_max·2^(k/2) for k = 1…4 (up to
 * 8·d_max), on a binned copy of the volume (σ ≥ 2 binned voxels: 1/8 or 1/64 of a bank scale's
 * cost), with 2·d_max itself as the reference scale. A local maximum whose best scale is above
 * 2·d_max and whose score is clearly significant is a large object: its centre and d_best are
 * returned in full-resolution voxels, and the selection lets it suppress its bounding sphere
 * (propose.ts). It is never a proposal.
 *
 * Always computed with the exact CPU bank (it is small), whichever bank filtered the full volume,
 * so the CPU and GPU paths keep returning the same picks.
 */
import { binVolume, type BinFactor } from '../volume/bin.ts';
import type { Volume } from '../volume/volume.ts';
import { FourierLogFilterBank } from './fourier-log-bank.ts';
import { localMaxima } from './local-maxima.ts';
import { normalisingGain } from './robust-stats.ts';
import { interpolateDiameter, meanVoxelSize, sigmaForDiameter, sigmaVoxelsForDiameter } from './scales.ts';
import { ScaleSpaceMax } from './scale-space-max.ts';

/** Coarse diameters 2·d_max·2^(k/4), k = 1…CONTEXT_STEPS: up to 8·d_max. */
export const CONTEXT_STEPS = 8;
const CONTEXT_STEP = 2 ** (1 / 4);
/**
 * The pass looks for compact objects up to this diameter, Å: the largest complexes common in
 * tomograms (ribosomes, ~250–300 Å; d_best ≈ 0.8 × that) with a step to spare. Ranges whose bank
 * already reaches it (2·d_max ≥ 500 Å, e.g. the ribosome range) skip the pass: larger blobs are
 * membranes, vesicles or crowds, not objects whose parts look like particles.
 */
export const CONTEXT_MAX_DIAMETER_ANGSTROM = 500;
/** A coarse scale must fit twice into the volume's shortest side (its LoG needs the surround). */
const FIT_PER_EXTENT = 2;
/** σ of the first coarse scale in binned voxels at least this (sampling of the binned grid). */
const MIN_SIGMA_BINNED = 2;

export interface LargeObject {
  /** Full-resolution voxel coordinates of the object's centre (block centre of its binned voxel). */
  x: number;
  y: number;
  z: number;
  /** Best coarse response (robust spreads, as LoG_best). */
  score: number;
  /** d_best over the coarse scales, refined between neighbours, Å. */
  diameterAngstrom: number;
  /** The same in full-resolution voxels. */
  diameterVoxels: number;
}

/**
 * The context pass's diameters, Å: [2·d_max, then the coarse ones that are ≤ the size cap and fit
 * the volume]. Empty when no coarse scale remains (the pass cannot matter: skip it).
 */
export function contextDiameters(dMax: number, volume: Pick<Volume, 'nx' | 'ny' | 'nz' | 'voxelSize'>): number[] {
  const shortest = Math.min(volume.nx * volume.voxelSize[0], volume.ny * volume.voxelSize[1], volume.nz * volume.voxelSize[2]);
  const limit = Math.min(CONTEXT_MAX_DIAMETER_ANGSTROM, shortest / FIT_PER_EXTENT);
  const coarse: number[] = [];
  for (let k = 1; k <= CONTEXT_STEPS; k++) {
    const d = 2 * dMax * CONTEXT_STEP ** k;
    if (d <= limit) coarse.push(d);
  }
  return coarse.length > 0 ? [2 * dMax, ...coarse] : [];
}

/** The largest bin factor (1, 2, 4) that keeps the first coarse scale's σ ≥ 2 binned voxels on every axis. */
export function contextBinFactor(firstCoarseDiameter: number, voxelSize: readonly number[]): BinFactor {
  const sigmaVoxels = sigmaForDiameter(firstCoarseDiameter) / Math.max(...voxelSize);
  for (const factor of [4, 2] as const) if (sigmaVoxels / factor >= MIN_SIGMA_BINNED) return factor;
  return 1;
}

export interface LargeObjectOptions {
  dMax: number;
  /** +1: dark objects (the default polarity), −1: bright. */
  sign: 1 | -1;
  /** Scores must exceed this (robust spreads). */
  minScore: number;
  /** Full-resolution sample mask (1 = keep): objects centred outside it are left out. */
  mask?: Uint8Array | null;
  /** The CPU bank to filter with, e.g. one on a thread pool (default: one thread). */
  cpuBank?: FourierLogFilterBank;
  signal?: AbortSignal;
  onProgress?: (fraction: number) => void;
}

/** Large objects in the volume, strongest first; [] when `contextDiameters` is empty. */
export async function findLargeObjects(volume: Volume, options: LargeObjectOptions): Promise<LargeObject[]> {
  const diameters = contextDiameters(options.dMax, volume);
  if (diameters.length === 0) return [];
  const factor = contextBinFactor(diameters[1]!, volume.voxelSize);
  const binned = binVolume(volume, factor);
  const shape: [number, number, number] = [binned.nx, binned.ny, binned.nz];
  const voxels = shape[0] * shape[1] * shape[2];
  const voxelSize = binned.voxelSize;
  // Located on the coarse scales only (as the bank's candidates are located from d_min up), so an
  // object's centre is not hidden by its parts winning at 2·d_max; the reference scale still
  // decides whether the best scale is coarse.
  const scaleSpace = new ScaleSpaceMax(voxels, 1);
  await (options.cpuBank ?? new FourierLogFilterBank()).run(
    binned,
    diameters.map((d) => ({ kind: 'log', sigmaVoxels: sigmaVoxelsForDiameter(d, voxelSize), sign: options.sign })),
    (index, response) => scaleSpace.add(index, response, normalisingGain(response)),
    { signal: options.signal, onProgress: options.onProgress },
  );
  const meanVoxel = meanVoxelSize(volume.voxelSize);
  const fullShape = [volume.nx, volume.ny, volume.nz];
  const objects: LargeObject[] = [];
  const plane = shape[0] * shape[1];
  for (const i of localMaxima(scaleSpace.bestFromRange, shape, undefined, options.signal)) {
    const scale = scaleSpace.bestScale[i]!;
    const score = scaleSpace.best[i]!;
    if (scale === 0 || !(score > options.minScore)) continue;
    // The binned voxel's block centre, clamped into the volume (edge blocks are partial).
    const [x, y, z] = [i % shape[0], Math.floor(i / shape[0]) % shape[1], Math.floor(i / plane)].map((b, a) =>
      Math.min(fullShape[a]! - 1, b * factor + (factor - 1) / 2),
    ) as [number, number, number];
    const centre = Math.round(x) + volume.nx * (Math.round(y) + volume.ny * Math.round(z));
    if (options.mask && !options.mask[centre]) continue;
    const diameterAngstrom = interpolateDiameter(diameters, scale, scaleSpace.belowBest[i]!, score, scaleSpace.aboveBest[i]!);
    objects.push({ x, y, z, score, diameterAngstrom, diameterVoxels: diameterAngstrom / meanVoxel });
  }
  return objects.sort((a, b) => b.score - a.score);
}
