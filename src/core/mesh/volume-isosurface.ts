/**
 * The isosurface the 3D view asks for: of a tomogram (a Volume) or of a bare field (a probability or
 * label map), optionally block-averaged first ("downsampled grid when large": binning by 2 or 4
 * also averages noise away, which subsampling with `step` does not). Positions come back in voxel
 * units of the *source* volume either way, so the mesh overlays the slices and picks.
 */
import { VolumeBinner, type BinFactor } from '../volume/bin.ts';
import { gaussianBlur3d } from '../volume/gaussian-blur.ts';
import { computeStats, toFloat32, type Volume, type VoxelArray, type VoxelDType } from '../volume/volume.ts';
import { splitField } from './field-slices.ts';
import { marchingCubesAsync, type Dims, type IsosurfaceMesh, type JobHooks, type MarchingCubesOptions } from './marching-cubes.ts';
import { sampleGrid, type RegionOfInterest } from './sample-grid.ts';
import { createYielder } from './yield-control.ts';

/** A field that is not a Volume: its voxels (x fastest) and dimensions; dtype only for float16 bits. */
export interface FieldSource {
  dims: Dims;
  data: VoxelArray;
  dtype?: VoxelDType;
}

export type IsosurfaceSource = Pick<Volume, 'nx' | 'ny' | 'nz' | 'data' | 'dtype'> | FieldSource;

export interface IsosurfaceOptions extends MarchingCubesOptions {
  /**
   * Block-average by 2 or 4 before meshing; 'auto' picks the smallest factor that brings the grid
   * under AUTO_MAX_VOXELS. Label maps (`labelValue`) are never averaged: they subsample with
   * `step` instead, so classes do not blend.
   */
  bin?: BinFactor | 'auto';
  /** Used by 'auto'. */
  maxVoxels?: number;
  /** How often the job returns to the event loop so a cancel can get through (default 50 ms). */
  yieldEveryMs?: number;
  /** Gaussian low-pass σ in source voxels, applied after binning (the tomogram's noise hides its surfaces). */
  lowPassSigma?: number;
  /** `level` counts standard deviations from the mean of the field as meshed, after binning and low-pass (ChimeraX's sdLevel). */
  levelInSd?: boolean;
}

/** 2²⁵ ≈ 33.5 M voxels: about 256×256×512, meshed in well under a second. */
export const AUTO_MAX_VOXELS = 2 ** 25;

/** Smallest of 1, 2, 4 whose binned grid has at most maxVoxels voxels (4 when none does). */
export function chooseBinFactor(dims: Dims, maxVoxels = AUTO_MAX_VOXELS): BinFactor {
  for (const f of [1, 2] as const) {
    if (dims.reduce((n, d) => n * Math.ceil(d / f), 1) <= maxVoxels) return f;
  }
  return 4;
}

function sourceParts(source: IsosurfaceSource): { dims: Dims; data: VoxelArray; dtype: VoxelDType } {
  if ('dims' in source) {
    const { data, dtype } = source.dtype ? { data: source.data, dtype: source.dtype } : splitField(source.data);
    return { dims: source.dims, data, dtype };
  }
  return { dims: [source.nx, source.ny, source.nz], data: source.data, dtype: source.dtype };
}

export async function isosurface(
  source: IsosurfaceSource,
  level: number,
  options: IsosurfaceOptions & JobHooks = {},
): Promise<IsosurfaceMesh> {
  const { bin = 1, maxVoxels, onProgress, lowPassSigma = 0, levelInSd = false, ...rest } = options;
  const { dims, data, dtype } = sourceParts(source);
  if (bin !== 'auto' && bin !== 1 && bin !== 2 && bin !== 4) throw new Error(`bin must be 1, 2, 4 or 'auto', got ${String(bin)}`);
  const factor = bin === 'auto' ? chooseBinFactor(dims, maxVoxels) : bin;
  const meshing = (f: number) => onProgress?.(f, 'meshing');
  if (!(lowPassSigma >= 0) || !Number.isFinite(lowPassSigma)) throw new Error(`lowPassSigma must be a number ≥ 0 (voxels), got ${lowPassSigma}`);
  const conditioned = lowPassSigma > 0 || levelInSd;
  if (conditioned && rest.labelValue !== undefined) throw new Error('a label map is surfaced as it is: no low-pass or σ level with labelValue');

  if (factor === 1 && !conditioned) return marchingCubesAsync({ data, dtype }, dims, level, { ...rest, onProgress: meshing });
  if (rest.labelValue !== undefined) {
    if (bin !== 'auto') throw new Error('a label map cannot be binned (classes would blend): use step instead');
    return marchingCubesAsync({ data, dtype }, dims, level, { ...rest, step: factor * (rest.step ?? 1), onProgress: meshing });
  }

  sampleGrid(dims, 1, rest.roi); // validates the region against the source before it is binned
  const yieldEveryMs = rest.yieldEveryMs ?? 50;
  const binner = factor === 1 ? undefined : await binInSlabs(data, dims, factor, dtype, rest.signal, yieldEveryMs, (f) => onProgress?.(f, 'binning'));
  const binnedDims: Dims = binner ? [binner.bnx, binner.bny, binner.bnz] : dims;
  // Unbinned, the source is widened once (AUTO_MAX_VOXELS bounds it when bin is 'auto') so it can be filtered in place.
  const field = binner ? binner.out : toFloat32({ data, dtype });
  if (lowPassSigma > 0) {
    onProgress?.(0, 'low-pass');
    await gaussianBlur3d(field, binnedDims, lowPassSigma / factor, createYielder(yieldEveryMs, rest.signal));
  }
  const { mean, rms } = levelInSd ? computeStats({ data: field, dtype: 'float32' }) : { mean: 0, rms: 1 };
  const mesh = await marchingCubesAsync(field, binnedDims, mean + level * rms, {
    ...rest,
    ...(rest.roi && { roi: binnedRegion(rest.roi, factor, binnedDims) }),
    onProgress: meshing,
  });
  if (factor === 1) return mesh;
  // Binned voxel b covers source voxels b·f … b·f + f − 1: its centre is b·f + (f − 1)/2.
  const p = mesh.positions;
  const offset = (factor - 1) / 2;
  for (let i = 0; i < p.length; i++) p[i] = p[i]! * factor + offset;
  return mesh;
}

/** Bins slab by slab, yielding now and then so a cancel gets through on a multi-gigabyte volume. */
async function binInSlabs(
  data: VoxelArray,
  dims: Dims,
  factor: BinFactor,
  dtype: VoxelDType,
  signal: AbortSignal | undefined,
  yieldEveryMs: number,
  onProgress: (fraction: number) => void,
): Promise<VolumeBinner> {
  const [nx, ny, nz] = dims;
  const binner = new VolumeBinner(nx, ny, nz, factor, dtype);
  const pause = createYielder(yieldEveryMs, signal);
  const section = nx * ny;
  let reported = 0;
  for (let z = 0; z < nz; z += factor) {
    const end = Math.min(nz, z + factor);
    binner.addSections(data.subarray(z * section, end * section));
    if (end === nz || end / nz - reported >= 0.01) onProgress((reported = end / nz));
    await pause();
  }
  return binner;
}

/** The binned blocks that cover a source region. */
function binnedRegion(roi: RegionOfInterest, factor: number, binnedDims: Dims): RegionOfInterest {
  return {
    min: [0, 1, 2].map((a) => Math.floor(roi.min[a]! / factor)) as RegionOfInterest['min'],
    max: [0, 1, 2].map((a) => Math.min(binnedDims[a]!, Math.ceil(roi.max[a]! / factor))) as RegionOfInterest['max'],
  };
}
