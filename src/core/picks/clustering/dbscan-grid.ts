/**
 * Exact DBSCAN over the labelled voxel coordinates of each class (RobPicker/DeepFinder post-
 * processing: eps = 1 voxel, 5 points), computed on the grid instead of with a spatial index:
 * a voxel's eps-neighbourhood is a fixed set of integer offsets (|d| ≤ eps, itself included), so
 * counting neighbours is a few array reads. Same clusters as scikit-learn's DBSCAN given the points
 * in linear-index order (np.argwhere order of the [z, y, x] array), border points included.
 */
import type { Shape3 } from '../../volume/patch-grid.ts';
import { checkLabelMapShape, type Cluster } from './cluster.ts';
import { floodClusters, type Offset3 } from './flood-clusters.ts';

export interface DbscanOptions {
  /** Neighbourhood radius in voxels, Euclidean, inclusive (default 1: the 6 face neighbours). */
  eps?: number;
  /** Points (the voxel itself included) an eps-neighbourhood needs for a core voxel (default 5). */
  minPoints?: number;
  /** Clusters with fewer voxels are dropped afterwards (default 1). */
  minSize?: number;
  keepVoxels?: boolean;
}

/** Larger radii make the offset list (and the run time) grow as eps³; 8 voxels is already ~2100 offsets. */
const MAX_EPS = 8;

export function ballOffsets(eps: number): Offset3[] {
  const r = Math.floor(eps);
  const offsets: Offset3[] = [];
  for (let z = -r; z <= r; z++)
    for (let y = -r; y <= r; y++)
      for (let x = -r; x <= r; x++) if (x * x + y * y + z * z <= eps * eps && (x || y || z)) offsets.push([x, y, z]);
  return offsets;
}

export function dbscanGrid(labelMap: Uint8Array, shape: Shape3, options: DbscanOptions = {}): Cluster[] {
  const { eps = 1, minPoints = 5, minSize = 1, keepVoxels = true } = options;
  checkLabelMapShape(labelMap, shape);
  if (!(eps >= 1 && eps <= MAX_EPS)) throw new Error(`eps must be between 1 and ${MAX_EPS} voxels, got ${eps}.`);
  if (!Number.isInteger(minPoints) || minPoints < 1) throw new Error(`minPoints must be a positive integer, got ${minPoints}.`);
  if (!Number.isInteger(minSize) || minSize < 1) throw new Error(`minSize must be a positive integer, got ${minSize}.`);
  const offsets = ballOffsets(eps);
  const core = coreVoxels(labelMap, shape, offsets, minPoints);
  return floodClusters(labelMap, shape, { offsets, core, minSize, keepVoxels });
}

/** Bitset of voxels with at least minPoints same-class voxels (itself included) within eps. */
function coreVoxels(labelMap: Uint8Array, shape: Shape3, offsets: readonly Offset3[], minPoints: number): Uint32Array {
  const [nx, ny, nz] = shape;
  const core = new Uint32Array(Math.ceil(labelMap.length / 32));
  const step = offsets.map((o) => o[0] + nx * (o[1] + ny * o[2]));
  const reach = offsets.reduce((m, o) => Math.max(m, Math.abs(o[0]), Math.abs(o[1]), Math.abs(o[2])), 0);
  for (let z = 0, i = 0; z < nz; z++) {
    const zInside = z >= reach && z < nz - reach;
    for (let y = 0; y < ny; y++) {
      const yzInside = zInside && y >= reach && y < ny - reach;
      for (let x = 0; x < nx; x++, i++) {
        const classId = labelMap[i]!;
        if (classId === 0) continue;
        let count = 1;
        if (yzInside && x >= reach && x < nx - reach) {
          for (let k = 0; k < step.length && count < minPoints; k++) if (labelMap[i + step[k]!] === classId) count++;
        } else {
          for (let k = 0; k < offsets.length && count < minPoints; k++) {
            const [ox, oy, oz] = offsets[k]!;
            const xx = x + ox;
            const yy = y + oy;
            const zz = z + oz;
            if (xx < 0 || xx >= nx || yy < 0 || yy >= ny || zz < 0 || zz >= nz) continue;
            if (labelMap[i + step[k]!] === classId) count++;
          }
        }
        if (count >= minPoints) core[i >>> 5]! |= 1 << (i & 31);
      }
    }
  }
  return core;
}
