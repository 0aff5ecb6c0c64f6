/**
 * Rotating a cubic box (x fastest) about its centre voxel with trilinear interpolation; what
 * falls outside the box reads 0. Only the voxels listed are computed, so a search that compares
 * inside a spherical mask pays for the mask, not the box.
 */
import type { Rotation } from './so3-grid.ts';

/** out[n] = box(Rᵀ·(x_n − c) + c) for each listed voxel index x_n: the box rotated by R. */
export function rotateBoxAt(box: Float32Array, edge: number, rotation: Rotation, voxels: Int32Array | Uint32Array, out: Float32Array): Float32Array {
  const c = (edge - 1) / 2;
  const r = rotation;
  const plane = edge * edge;
  for (let n = 0; n < voxels.length; n++) {
    const v = voxels[n]!;
    const x = (v % edge) - c;
    const y = (Math.floor(v / edge) % edge) - c;
    const z = Math.floor(v / plane) - c;
    // Rᵀ·(x, y, z): column j of R dotted with the offset.
    const u = r[0]! * x + r[3]! * y + r[6]! * z + c;
    const w = r[1]! * x + r[4]! * y + r[7]! * z + c;
    const s = r[2]! * x + r[5]! * y + r[8]! * z + c;
    out[n] = trilinear(box, edge, u, w, s);
  }
  return out;
}

/** The whole box rotated by R. */
export function rotateBox(box: Float32Array, edge: number, rotation: Rotation, out = new Float32Array(box.length)): Float32Array {
  return rotateBoxAt(box, edge, rotation, allVoxels(edge), out);
}

export function allVoxels(edge: number): Int32Array {
  const all = new Int32Array(edge ** 3);
  for (let i = 0; i < all.length; i++) all[i] = i;
  return all;
}

function trilinear(box: Float32Array, edge: number, x: number, y: number, z: number): number {
  const x0 = Math.floor(x);
  const y0 = Math.floor(y);
  const z0 = Math.floor(z);
  if (x0 < -1 || y0 < -1 || z0 < -1 || x0 >= edge || y0 >= edge || z0 >= edge) return 0;
  const fx = x - x0;
  const fy = y - y0;
  const fz = z - z0;
  let sum = 0;
  for (let dz = 0; dz < 2; dz++) {
    const zi = z0 + dz;
    if (zi < 0 || zi >= edge) continue;
    const wz = dz ? fz : 1 - fz;
    for (let dy = 0; dy < 2; dy++) {
      const yi = y0 + dy;
      if (yi < 0 || yi >= edge) continue;
      const wzy = wz * (dy ? fy : 1 - fy);
      for (let dx = 0; dx < 2; dx++) {
        const xi = x0 + dx;
        if (xi < 0 || xi >= edge) continue;
        sum += wzy * (dx ? fx : 1 - fx) * box[xi + edge * (yi + edge * zi)]!;
      }
    }
  }
  return sum;
}
