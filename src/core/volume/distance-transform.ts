/**
 * Exact Euclidean distance transform of a binary mask (Felzenszwalb & Huttenlocher's lower
 * envelope of parabolas, one pass per axis): for every set voxel, the squared distance in voxels
 * to the nearest unset voxel, with everything outside the box counting as unset. Linear in the
 * voxel count; used on the bounding box of one cluster at a time (clustering/split-merged.ts).
 */
import type { Shape3 } from './patch-grid.ts';

/** Squared distance to the nearest unset voxel (0 on unset voxels). */
export function squaredDistanceToBackground(mask: Uint8Array, shape: Shape3): Float32Array {
  const [nx, ny, nz] = shape;
  if (mask.length !== nx * ny * nz) throw new Error(`Mask has ${mask.length} voxels but the shape ${nx}×${ny}×${nz} needs ${nx * ny * nz}.`);
  const distance = new Float32Array(mask.length);
  for (let i = 0; i < mask.length; i++) distance[i] = mask[i] ? Infinity : 0;
  const longest = Math.max(nx, ny, nz);
  const line = new Float64Array(longest + 2);
  const scratch = new Envelope(longest + 2);
  const passes: [number, number, number, number][] = [
    [nx, 1, ny * nz, 0], // along x: lines start at every (y, z)
    [ny, nx, nx * nz, 1], // along y
    [nz, nx * ny, nx * ny, 2], // along z
  ];
  for (const [length, stride, lineCount, axis] of passes) {
    for (let l = 0; l < lineCount; l++) {
      const start = lineStart(l, axis, nx, ny);
      // Pad each line with one background voxel at both ends: the box edge is background.
      line[0] = 0;
      for (let k = 0; k < length; k++) line[k + 1] = distance[start + k * stride]!;
      line[length + 1] = 0;
      scratch.transform(line, length + 2);
      for (let k = 0; k < length; k++) distance[start + k * stride] = scratch.out[k + 1]!;
    }
  }
  return distance;
}

function lineStart(l: number, axis: number, nx: number, ny: number): number {
  if (axis === 0) return l * nx; // l = y + ny·z
  if (axis === 1) return (l % nx) + nx * ny * Math.floor(l / nx); // l = x + nx·z
  return l; // l = x + nx·y
}

/** The 1-D squared distance transform of a sampled function, reusing its buffers across lines. */
class Envelope {
  readonly out: Float64Array;
  private readonly vertex: Int32Array;
  private readonly boundary: Float64Array;

  constructor(capacity: number) {
    this.out = new Float64Array(capacity);
    this.vertex = new Int32Array(capacity);
    this.boundary = new Float64Array(capacity + 1);
  }

  transform(f: Float64Array, n: number): void {
    const { vertex: v, boundary: z, out } = this;
    let k = 0;
    let first = 0;
    while (first < n && f[first] === Infinity) first++;
    if (first === n) {
      out.fill(Infinity, 0, n);
      return;
    }
    v[0] = first;
    z[0] = -Infinity;
    z[1] = Infinity;
    for (let q = first + 1; q < n; q++) {
      const fq = f[q]!;
      if (fq === Infinity) continue;
      let s = intersection(f, q, v[k]!);
      while (s <= z[k]!) {
        k--;
        s = intersection(f, q, v[k]!);
      }
      k++;
      v[k] = q;
      z[k] = s;
      z[k + 1] = Infinity;
    }
    k = 0;
    for (let q = 0; q < n; q++) {
      while (z[k + 1]! < q) k++;
      const d = q - v[k]!;
      out[q] = d * d + f[v[k]!]!;
    }
  }
}

const intersection = (f: Float64Array, q: number, p: number) => (f[q]! + q * q - (f[p]! + p * p)) / (2 * (q - p));
