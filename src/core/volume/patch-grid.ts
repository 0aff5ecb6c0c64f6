/**
 * Tiling a volume into overlapping cubic patches for the U-Net (issue 5): where the patches go,
 * how their predictions are blended, and how one patch is cut out (reflect-padded at the edges).
 * Memory order everywhere is x fastest, then y, then z, for the volume and for a patch alike, so a
 * p³ patch is the NDHWC tensor [1, p, p, p, 1] without a transpose.
 */
import { float16BitsToNumber } from './float16.ts';
import type { Volume } from './volume.ts';

export type Shape3 = readonly [number, number, number];
export type Origin3 = [number, number, number];

/** Float32 data of a volume's shape, or a volume in its native dtype (converted row by row). */
export type PatchSource = Float32Array | Pick<Volume, 'dtype' | 'data'>;

function checkPatchAndOverlap(patch: number, overlap: number): void {
  if (!Number.isInteger(patch) || patch < 1) throw new Error(`Patch size must be a positive integer, got ${patch}.`);
  if (!Number.isInteger(overlap) || overlap < 0 || overlap >= patch) {
    throw new Error(`Patch overlap must be an integer in [0, ${patch - 1}] for ${patch}-voxel patches, got ${overlap}.`);
  }
}

/**
 * Patch starts along one axis of length n: stride patch − overlap, the last patch flush with the
 * far edge (so it may overlap its neighbour by more than `overlap`); one patch at 0 when n ≤ patch.
 */
export function axisOrigins(n: number, patch: number, overlap: number): number[] {
  checkPatchAndOverlap(patch, overlap);
  if (!Number.isInteger(n) || n < 1) throw new Error(`Axis length must be a positive integer, got ${n}.`);
  if (n <= patch) return [0];
  const stride = patch - overlap;
  const origins: number[] = [];
  for (let start = 0; start + patch < n; start += stride) origins.push(start);
  origins.push(n - patch);
  return origins;
}

/** Every patch origin [x, y, z], z outermost then y then x (the order the accumulator expects). */
export function patchOrigins(shape: Shape3, patch: number, overlap: number): Origin3[] {
  const [xs, ys, zs] = shape.map((n) => axisOrigins(n, patch, overlap)) as [number[], number[], number[]];
  const origins: Origin3[] = [];
  for (const z of zs) for (const y of ys) for (const x of xs) origins.push([x, y, z]);
  return origins;
}

/**
 * 1-D blend weight across a patch: a raised-cosine ramp over `overlap` voxels at each end, 1 in
 * between, never 0 (so a voxel only one patch reaches, e.g. at the volume edge, still gets its value).
 * Predictions near a patch border see less context and are the least reliable, hence the taper.
 * The 3-D weight is w(x)·w(y)·w(z), so sums over patches factorise into three 1-D sums.
 */
export function blendWeights1d(patch: number, overlap: number): Float32Array {
  checkPatchAndOverlap(patch, overlap);
  const w = new Float32Array(patch).fill(1);
  for (let i = 0; i < overlap && i < patch - 1 - i; i++) {
    const ramp = 0.5 - 0.5 * Math.cos((Math.PI * (i + 1)) / (overlap + 1));
    w[i] = ramp;
    w[patch - 1 - i] = ramp;
  }
  return w;
}

/** Per-position sum of the 1-D weights of every patch covering it along an axis of length n. */
export function blendWeightSums1d(n: number, origins: readonly number[], weights: Float32Array): Float64Array {
  const sums = new Float64Array(n);
  for (const start of origins) {
    const end = Math.min(n, start + weights.length);
    for (let i = start; i < end; i++) sums[i]! += weights[i - start]!;
  }
  return sums;
}

/**
 * Reflection at the volume edge, edge voxel repeated (scipy's 'reflect', numpy's 'symmetric'):
 * … 2 1 0 | 0 1 2 … n−1 | n−1 n−2 …; periodic with period 2n, so any offset is defined, n = 1 too.
 */
export function reflectIndex(i: number, n: number): number {
  if (i >= 0 && i < n) return i;
  const period = 2 * n;
  const m = ((i % period) + period) % period;
  return m < n ? m : period - 1 - m;
}

function checkShape(shape: Shape3, length: number): void {
  const [nx, ny, nz] = shape;
  if (nx * ny * nz !== length) throw new Error(`Source has ${length} voxels but the shape ${nx}×${ny}×${nz} needs ${nx * ny * nz}.`);
}

/**
 * Copies the p³ patch at `origin` (may lie partly or wholly outside) from `source` into `out`,
 * reflect-padding outside the volume. Rows fully inside are bulk copies; only edge rows go voxel by voxel.
 */
export function copyPatch(
  source: Float32Array | Uint8Array,
  shape: Shape3,
  origin: readonly number[],
  patch: number,
  out: Float32Array | Uint8Array,
): void {
  checkShape(shape, source.length);
  forEachPatchRow(shape, origin, patch, out.length, (rowStart, xSource, outOffset) => {
    if (xSource === null) out.set(source.subarray(rowStart + origin[0]!, rowStart + origin[0]! + patch), outOffset);
    else for (let x = 0; x < patch; x++) out[outOffset + x] = source[rowStart + xSource[x]!]!;
  });
}

/** As copyPatch, from float32 data or a volume in any native dtype; out is p³ float32, x fastest. */
export function extractPatch(source: PatchSource, shape: Shape3, origin: readonly number[], patch: number, out: Float32Array): Float32Array {
  if (source instanceof Float32Array) {
    copyPatch(source, shape, origin, patch, out);
    return out;
  }
  if (source.dtype !== 'float16') {
    checkShape(shape, source.data.length);
    forEachPatchRow(shape, origin, patch, out.length, (rowStart, xSource, outOffset) => {
      // Typed-array set converts int8/uint8/int16/uint16 to float32 as toFloat32 does, without a view per row.
      if (xSource === null) out.set(source.data.subarray(rowStart + origin[0]!, rowStart + origin[0]! + patch), outOffset);
      else for (let x = 0; x < patch; x++) out[outOffset + x] = source.data[rowStart + xSource[x]!]!;
    });
    return out;
  }
  checkShape(shape, source.data.length);
  forEachPatchRow(shape, origin, patch, out.length, (rowStart, xSource, outOffset) => {
    for (let x = 0; x < patch; x++) out[outOffset + x] = float16BitsToNumber(source.data[rowStart + (xSource ? xSource[x]! : origin[0]! + x)]!);
  });
  return out;
}

/**
 * Visits the p² rows of a patch: `rowStart` is the source index of voxel (0, sy, sz) of the
 * reflected row; `xSource` is null when the row's x range lies inside the volume (a bulk copy from
 * rowStart + origin x), else the reflected source x of each patch x.
 */
function forEachPatchRow(
  shape: Shape3,
  origin: readonly number[],
  patch: number,
  outLength: number,
  visit: (rowStart: number, xSource: Int32Array | null, outOffset: number) => void,
): void {
  const [nx, ny, nz] = shape;
  const [ox, oy, oz] = origin as [number, number, number];
  if (!Number.isInteger(patch) || patch < 1) throw new Error(`Patch size must be a positive integer, got ${patch}.`);
  if (outLength !== patch ** 3) throw new Error(`Patch buffer holds ${outLength} values but a ${patch}³ patch needs ${patch ** 3}.`);
  if (![ox, oy, oz].every(Number.isInteger)) throw new Error(`Patch origin must be integer voxels, got ${origin.join(', ')}.`);
  const xInside = ox >= 0 && ox + patch <= nx;
  const xSource = xInside ? null : Int32Array.from({ length: patch }, (_, x) => reflectIndex(ox + x, nx));
  for (let z = 0; z < patch; z++) {
    const sz = reflectIndex(oz + z, nz);
    for (let y = 0; y < patch; y++) {
      const sy = reflectIndex(oy + y, ny);
      visit(nx * (sy + ny * sz), xSource, patch * (y + patch * z));
    }
  }
}
