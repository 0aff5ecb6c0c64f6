/**
 * A keep-mask as a uint8 Volume (1 = keep) on the tomogram's grid, for writeMrc: the studio
 * exports the painted mask so `tomopick propose --mask FILE` uses the same exclusion.
 */
import { computeStats, type Volume } from '../volume/volume.ts';

export function maskAsVolume(keep: Uint8Array, grid: Pick<Volume, 'nx' | 'ny' | 'nz' | 'voxelSize' | 'origin'>): Volume {
  const { nx, ny, nz } = grid;
  if (keep.length !== nx * ny * nz) throw new RangeError(`the mask holds ${keep.length} voxels but the tomogram ${nx}×${ny}×${nz} = ${nx * ny * nz}`);
  const data = keep;
  return { nx, ny, nz, voxelSize: [...grid.voxelSize], origin: [...grid.origin], dtype: 'uint8', data, stats: computeStats({ dtype: 'uint8', data }) };
}
