/**
 * The Volume type shared by every layer (DESIGN.md §3).
 * Memory order as in MRC: x fastest, then y, then z — i = x + nx * (y + ny * z).
 * The file's dtype is kept; float16 is stored as raw half-precision bits in a Uint16Array
 * because Float16Array is not available in every runtime we support (Node 20).
 */
import { float16BitsToNumber } from './float16.ts';
import { statsOf } from './stats-accumulator.ts';

export type VoxelDType = 'int8' | 'uint8' | 'int16' | 'uint16' | 'float16' | 'float32';

export type VoxelArray = Int8Array | Uint8Array | Int16Array | Uint16Array | Float32Array;

export type Vec3 = [number, number, number];

export interface VolumeStats {
  min: number;
  max: number;
  mean: number;
  /** Standard deviation about the mean (MRC's RMS field). */
  rms: number;
  /** Voxels that were NaN or ±Inf; they are left out of the other figures. */
  nonFinite: number;
}

export interface Volume {
  nx: number;
  ny: number;
  nz: number;
  /** Å per voxel along x, y, z. */
  voxelSize: Vec3;
  /** Å; position of voxel (0,0,0) as the file states it (MRC ORIGIN, or NXSTART·voxel). */
  origin: Vec3;
  dtype: VoxelDType;
  data: VoxelArray;
  stats: VolumeStats;
}

export const BYTES_PER_VOXEL: Record<VoxelDType, number> = {
  int8: 1,
  uint8: 1,
  int16: 2,
  uint16: 2,
  float16: 2,
  float32: 4,
};

export function voxelCount(v: Pick<Volume, 'nx' | 'ny' | 'nz'>): number {
  return v.nx * v.ny * v.nz;
}

export function voxelIndex(v: Pick<Volume, 'nx' | 'ny'>, x: number, y: number, z: number): number {
  return x + v.nx * (y + v.ny * z);
}

export function allocateVoxels(dtype: VoxelDType, count: number): VoxelArray {
  switch (dtype) {
    case 'int8':
      return new Int8Array(count);
    case 'uint8':
      return new Uint8Array(count);
    case 'int16':
      return new Int16Array(count);
    case 'uint16':
    case 'float16':
      return new Uint16Array(count);
    case 'float32':
      return new Float32Array(count);
  }
}

export { float16BitsToNumber, numberToFloat16Bits } from './float16.ts';

/** Value of voxel i as a number, decoding float16. */
export function voxelValue(v: Pick<Volume, 'dtype' | 'data'>, i: number): number {
  const raw = v.data[i]!;
  return v.dtype === 'float16' ? float16BitsToNumber(raw) : raw;
}

/**
 * Copies voxels [start, start+count) into a Float32Array: the one place native dtypes are
 * widened, so callers convert a slice or a patch at a time, never the whole volume.
 */
export function toFloat32(
  v: Pick<Volume, 'dtype' | 'data'>,
  start = 0,
  count = v.data.length - start,
  out = new Float32Array(count),
): Float32Array {
  if (v.dtype === 'float16') {
    for (let k = 0; k < count; k++) out[k] = float16BitsToNumber(v.data[start + k]!);
  } else {
    out.set(v.data.subarray(start, start + count));
  }
  return out;
}

/**
 * Statistics of the whole data, NaN/Inf left out: the same streaming accumulator the readers feed
 * chunk by chunk (a histogram for 8/16-bit data), run in one go.
 */
export function computeStats(v: Pick<Volume, 'dtype' | 'data'>): VolumeStats {
  return statsOf(v.dtype, v.data);
}
