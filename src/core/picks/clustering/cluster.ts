/** What both clustering methods return, and the shared input checks. */
import type { Shape3 } from '../../volume/patch-grid.ts';

export interface Cluster {
  classId: number;
  /** Voxels in the cluster. */
  size: number;
  /** Centroid in voxels (0-based, voxel centres at integers). */
  x: number;
  y: number;
  z: number;
  /** Linear indices (x + nx·(y + ny·z)) of the cluster's voxels, ascending by discovery; absent with keepVoxels: false. */
  voxels?: Uint32Array;
}

export function checkLabelMapShape(labelMap: Uint8Array, shape: Shape3): void {
  const [nx, ny, nz] = shape;
  if (![nx, ny, nz].every((n) => Number.isInteger(n) && n > 0)) throw new Error(`Shape must be positive integers, got ${shape.join('×')}.`);
  if (labelMap.length !== nx * ny * nz) {
    throw new Error(`Label map has ${labelMap.length} voxels but the shape ${nx}×${ny}×${nz} needs ${nx * ny * nz}.`);
  }
  if (nx * ny * nz > 2 ** 32) throw new Error(`Label maps above 2^32 voxels are not supported (got ${nx}×${ny}×${nz}).`);
}
