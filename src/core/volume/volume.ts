/**
 * The Volume type shared by every layer (DESIGN.md §3).
 * Memory order as in MRC: x fastest, then y, then z — i = x + nx * (y + ny * z).
 * The file's dtype is kept; float16 is stored as raw half-precision bits in a Uint16Array
 * because Float16Array is not available in every runtime we support (Node 20).
 */
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

const halfScratch = new Float32Array(1);
const halfScratchBits = new Uint32Array(halfScratch.buffer);

/** IEEE 754 half → float (handles subnormals, Inf and NaN). */
export function float16BitsToNumber(h: number): number {
  const sign = (h & 0x8000) << 16;
  const exp = (h >> 10) & 0x1f;
  const mant = h & 0x3ff;
  if (exp === 0) {
    const value = mant * 2 ** -24;
    return sign ? -value : value;
  }
  if (exp === 0x1f) {
    halfScratchBits[0] = sign | 0x7f800000 | (mant << 13);
    return halfScratch[0]!;
  }
  halfScratchBits[0] = sign | ((exp + 112) << 23) | (mant << 13);
  return halfScratch[0]!;
}

/** float → IEEE 754 half bits, round to nearest even. */
export function numberToFloat16Bits(value: number): number {
  halfScratch[0] = value;
  const f = halfScratchBits[0]!;
  const sign = (f >>> 16) & 0x8000;
  const exp = (f >>> 23) & 0xff;
  let mant = f & 0x7fffff;
  if (exp === 0xff) return sign | 0x7c00 | (mant ? 0x200 : 0);
  const e = exp - 112;
  if (e >= 0x1f) return sign | 0x7c00;
  if (e <= 0) {
    if (e < -10) return sign;
    mant |= 0x800000;
    const shift = 14 - e;
    const half = mant >> shift;
    const rem = mant & ((1 << shift) - 1);
    const mid = 1 << (shift - 1);
    return sign | (half + (rem > mid || (rem === mid && half & 1) ? 1 : 0));
  }
  const half = (e << 10) | (mant >> 13);
  const rem = mant & 0x1fff;
  return sign | (half + (rem > 0x1000 || (rem === 0x1000 && half & 1) ? 1 : 0));
}

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

/** One pass over the data with float64 accumulators (Welford would be slower for no gain here). */
export function computeStats(v: Pick<Volume, 'dtype' | 'data'>): VolumeStats {
  let min = Infinity;
  let max = -Infinity;
  let sum = 0;
  let sumSq = 0;
  let n = 0;
  let nonFinite = 0;
  const { data } = v;
  const isHalf = v.dtype === 'float16';
  const isFloat = isHalf || v.dtype === 'float32';
  for (let i = 0; i < data.length; i++) {
    const x = isHalf ? float16BitsToNumber(data[i]!) : data[i]!;
    if (isFloat && !Number.isFinite(x)) {
      nonFinite++;
      continue;
    }
    if (x < min) min = x;
    if (x > max) max = x;
    sum += x;
    sumSq += x * x;
    n++;
  }
  if (n === 0) return { min: NaN, max: NaN, mean: NaN, rms: NaN, nonFinite };
  const mean = sum / n;
  const variance = Math.max(0, sumSq / n - mean * mean);
  return { min, max, mean, rms: Math.sqrt(variance), nonFinite };
}
