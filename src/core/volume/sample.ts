import { voxelIndex, voxelValue, type Volume } from './volume.ts';

/**
 * Mean of the voxels whose centres lie within `radius` voxels of (x, y, z), clipped to the volume;
 * NaN when no voxel qualifies (the point is outside). Used to check that imported picks sit on
 * density and, later, for per-pick scores.
 */
export function meanInSphere(volume: Volume, x: number, y: number, z: number, radius: number): number {
  const r2 = radius * radius;
  let sum = 0;
  let n = 0;
  const z0 = Math.max(0, Math.ceil(z - radius));
  const z1 = Math.min(volume.nz - 1, Math.floor(z + radius));
  const y0 = Math.max(0, Math.ceil(y - radius));
  const y1 = Math.min(volume.ny - 1, Math.floor(y + radius));
  const x0 = Math.max(0, Math.ceil(x - radius));
  const x1 = Math.min(volume.nx - 1, Math.floor(x + radius));
  for (let k = z0; k <= z1; k++) {
    for (let j = y0; j <= y1; j++) {
      for (let i = x0; i <= x1; i++) {
        if ((i - x) ** 2 + (j - y) ** 2 + (k - z) ** 2 > r2) continue;
        const v = voxelValue(volume, voxelIndex(volume, i, j, k));
        if (!Number.isFinite(v)) continue;
        sum += v;
        n++;
      }
    }
  }
  return n > 0 ? sum / n : NaN;
}

/** Voxel centres are at integers, so the volume spans [-0.5, n - 0.5) on each axis. */
export function isInsideVolume(volume: Pick<Volume, 'nx' | 'ny' | 'nz'>, x: number, y: number, z: number): boolean {
  return x >= -0.5 && x < volume.nx - 0.5 && y >= -0.5 && y < volume.ny - 0.5 && z >= -0.5 && z < volume.nz - 0.5;
}
