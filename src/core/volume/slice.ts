import { float16Table } from './float16-table.ts';
import type { Volume } from './volume.ts';

export type SliceAxis = 'xy' | 'xz' | 'yz';

/**
 * A 2D section, row-major: value of column c, row r at data[c + width * r].
 * - 'xy' (normal z): width nx, height ny; column x, row y.
 * - 'xz' (normal y): width nx, height nz; column x, row z.
 * - 'yz' (normal x): width ny, height nz; column y, row z.
 * Row 0 is the lowest y (or z); renderers draw rows top to bottom in increasing y / z.
 */
export interface SliceImage {
  width: number;
  height: number;
  data: Float32Array;
}

type VolumeView = Pick<Volume, 'nx' | 'ny' | 'nz' | 'dtype' | 'data'>;

export function sliceShape(volume: Pick<Volume, 'nx' | 'ny' | 'nz'>, axis: SliceAxis): { width: number; height: number; depth: number } {
  const { nx, ny, nz } = volume;
  if (axis === 'xy') return { width: nx, height: ny, depth: nz };
  if (axis === 'xz') return { width: nx, height: nz, depth: ny };
  return { width: ny, height: nz, depth: nx };
}

/**
 * Slices [first, last] of a slab of `thickness` centred on `index` (even thickness: the extra
 * slice is on the high side), cut to the volume: at a border the slab is thinner, never shifted,
 * so the section shown stays centred where the user put it.
 */
export function slabRange(index: number, thickness: number, depth: number): [number, number] {
  const first = index - Math.floor((thickness - 1) / 2);
  return [Math.max(0, first), Math.min(depth - 1, first + thickness - 1)];
}

/**
 * The mean of `thickness` parallel sections centred on `index`, read straight from the native
 * dtype (float16 via a lookup table): no float copy of the volume is ever made. NaN voxels make
 * their output pixel NaN (see applyWindow).
 * @param out reused between calls to avoid garbage; must hold exactly width × height values.
 */
export function extractSlice(volume: VolumeView, axis: SliceAxis, index: number, thickness = 1, out?: Float32Array): SliceImage {
  const { width, height, depth } = sliceShape(volume, axis);
  if (!Number.isInteger(index) || index < 0 || index >= depth) {
    throw new RangeError(`${axis} slice index ${index} is outside 0..${depth - 1}`);
  }
  if (!Number.isInteger(thickness) || thickness < 1) throw new RangeError(`slab thickness must be a positive integer, got ${thickness}`);
  const data = out ?? new Float32Array(width * height);
  if (data.length !== width * height) {
    throw new RangeError(`output buffer holds ${data.length} values; a ${axis} slice needs ${width} × ${height} = ${width * height}`);
  }
  const [first, last] = slabRange(index, thickness, depth);
  const decode = volume.dtype === 'float16' ? float16Table() : null;
  if (axis === 'xy') sumXY(volume, first, last, decode, data);
  else if (axis === 'xz') sumXZ(volume, first, last, decode, data);
  else sumYZ(volume, first, last, decode, data);
  const count = last - first + 1;
  if (count > 1) {
    const scale = 1 / count;
    for (let i = 0; i < data.length; i++) data[i]! *= scale;
  }
  return { width, height, data };
}

/** XY planes are contiguous: add whole planes. */
function sumXY(v: VolumeView, z0: number, z1: number, decode: Float32Array | null, out: Float32Array): void {
  const plane = v.nx * v.ny;
  const src = v.data;
  for (let z = z0; z <= z1; z++) {
    const base = plane * z;
    if (z === z0 && !decode) {
      out.set(src.subarray(base, base + plane));
    } else if (z === z0) {
      for (let i = 0; i < plane; i++) out[i] = decode![src[base + i]!]!;
    } else if (decode) {
      for (let i = 0; i < plane; i++) out[i]! += decode[src[base + i]!]!;
    } else {
      for (let i = 0; i < plane; i++) out[i]! += src[base + i]!;
    }
  }
}

/** Output row z gathers x-rows at y = y0..y1 of plane z: still contiguous reads. */
function sumXZ(v: VolumeView, y0: number, y1: number, decode: Float32Array | null, out: Float32Array): void {
  const { nx, ny, nz } = v;
  const src = v.data;
  for (let z = 0; z < nz; z++) {
    const row = nx * z;
    for (let y = y0; y <= y1; y++) {
      const base = nx * (y + ny * z);
      if (y === y0 && !decode) out.set(src.subarray(base, base + nx), row);
      else if (y === y0) for (let x = 0; x < nx; x++) out[row + x] = decode![src[base + x]!]!;
      else if (decode) for (let x = 0; x < nx; x++) out[row + x]! += decode[src[base + x]!]!;
      else for (let x = 0; x < nx; x++) out[row + x]! += src[base + x]!;
    }
  }
}

/** Output pixel (y, z) sums x = x0..x1 of one x-row: short contiguous runs, one per output pixel. */
function sumYZ(v: VolumeView, x0: number, x1: number, decode: Float32Array | null, out: Float32Array): void {
  const { nx, ny, nz } = v;
  const src = v.data;
  for (let z = 0; z < nz; z++) {
    for (let y = 0; y < ny; y++) {
      const base = nx * (y + ny * z);
      let sum = 0;
      if (decode) for (let x = x0; x <= x1; x++) sum += decode[src[base + x]!]!;
      else for (let x = x0; x <= x1; x++) sum += src[base + x]!;
      out[y + ny * z] = sum;
    }
  }
}
