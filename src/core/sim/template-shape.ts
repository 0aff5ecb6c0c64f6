/**
 * A particle shape taken from a density map (e.g. the polnet 10 Å templates): resampled
 * trilinearly at the tomogram's voxel size. The label surface is the iso-level at
 * TEMPLATE_LABEL_FRACTION of the map maximum; the centre is the centroid of that mask.
 */
import type { ShapeModel } from './shape-model.ts';

/** A density map for one species: x fastest, positive = protein, background ≈ 0. */
export interface TemplateMap {
  nx: number;
  ny: number;
  nz: number;
  /** Å per voxel of the map. */
  voxelSize: number;
  data: Float32Array;
}

export const TEMPLATE_LABEL_FRACTION = 0.1;

export function templateShape(map: TemplateMap, tomogramVoxelSize: number, contrast: number): ShapeModel {
  const { nx, ny, nz, data } = map;
  if (data.length !== nx * ny * nz) throw new Error(`template map has ${data.length} values for ${nx}×${ny}×${nz}`);
  let max = -Infinity;
  for (let i = 0; i < data.length; i++) if (data[i]! > max) max = data[i]!;
  if (!(max > 0)) throw new Error('template map has no positive density');
  const threshold = max * TEMPLATE_LABEL_FRACTION;
  let cx = 0;
  let cy = 0;
  let cz = 0;
  let count = 0;
  let sumInside = 0;
  for (let z = 0, i = 0; z < nz; z++)
    for (let y = 0; y < ny; y++)
      for (let x = 0; x < nx; x++, i++) {
        if (data[i]! >= threshold) {
          cx += x;
          cy += y;
          cz += z;
          sumInside += data[i]!;
          count++;
        }
      }
  cx /= count;
  cy /= count;
  cz /= count;
  let radiusMap = 0;
  for (let z = 0, i = 0; z < nz; z++)
    for (let y = 0; y < ny; y++)
      for (let x = 0; x < nx; x++, i++) {
        if (data[i]! >= threshold) radiusMap = Math.max(radiusMap, Math.hypot(x - cx, y - cy, z - cz));
      }
  // Mean density inside the mask maps to `contrast`, so maps on different scales mix evenly.
  const scale = contrast / (sumInside / count);
  const toMap = tomogramVoxelSize / map.voxelSize;
  const sample = (fx: number, fy: number, fz: number): number => {
    const x0 = Math.floor(fx);
    const y0 = Math.floor(fy);
    const z0 = Math.floor(fz);
    if (x0 < 0 || y0 < 0 || z0 < 0 || x0 + 1 >= nx || y0 + 1 >= ny || z0 + 1 >= nz) return 0;
    const tx = fx - x0;
    const ty = fy - y0;
    const tz = fz - z0;
    const i = x0 + nx * (y0 + ny * z0);
    const sx = nx * ny;
    const c00 = data[i]! + tx * (data[i + 1]! - data[i]!);
    const c10 = data[i + nx]! + tx * (data[i + nx + 1]! - data[i + nx]!);
    const c01 = data[i + sx]! + tx * (data[i + sx + 1]! - data[i + sx]!);
    const c11 = data[i + sx + nx]! + tx * (data[i + sx + nx + 1]! - data[i + sx + nx]!);
    const c0 = c00 + ty * (c10 - c00);
    const c1 = c01 + ty * (c11 - c01);
    return c0 + tz * (c1 - c0);
  };
  return {
    // +1 voxel: trilinear interpolation can reach the threshold up to one map voxel further out.
    radius: (radiusMap + 1) / toMap,
    labelThreshold: threshold * scale,
    densityAt(x, y, z) {
      return Math.max(0, sample(cx + x * toMap, cy + y * toMap, cz + z * toMap)) * scale;
    },
  };
}
