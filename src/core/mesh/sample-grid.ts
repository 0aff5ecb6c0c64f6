/**
 * Which voxels marching cubes samples: every `step`-th voxel of a region of interest, starting at
 * the region's first voxel. Mesh positions stay in the full volume's voxel frame whatever the step
 * or region, so a coarse preview overlays the full-resolution data exactly.
 */
import type { Vec3 } from '../volume/volume.ts';

export type Dims = readonly [number, number, number];

/** Voxel bounds per axis: `min` inclusive, `max` exclusive. */
export interface RegionOfInterest {
  min: Vec3;
  max: Vec3;
}

export interface SampleGrid {
  /** Voxel of the first sample along x, y, z. */
  start: Vec3;
  step: number;
  /** Samples along x, y, z. */
  size: Vec3;
}

const AXES = ['x', 'y', 'z'] as const;

export function validateDims(dims: Dims, length: number): void {
  if (dims.length !== 3 || !dims.every((n) => Number.isInteger(n) && n > 0)) {
    throw new Error(`marching cubes needs three positive integer dimensions, got [${dims.join(', ')}]`);
  }
  const count = dims[0] * dims[1] * dims[2];
  if (count !== length) {
    throw new Error(`the field holds ${length} values but dimensions ${dims.join('×')} need ${count}`);
  }
}

export function sampleGrid(dims: Dims, step = 1, roi?: RegionOfInterest): SampleGrid {
  if (!Number.isInteger(step) || step < 1) throw new Error(`step must be a positive integer, got ${step}`);
  const min = roi?.min ?? [0, 0, 0];
  const max = roi?.max ?? [dims[0], dims[1], dims[2]];
  const size: Vec3 = [0, 0, 0];
  for (let a = 0; a < 3; a++) {
    const lo = min[a]!;
    const hi = max[a]!;
    if (!Number.isInteger(lo) || !Number.isInteger(hi) || lo < 0 || hi > dims[a]! || lo >= hi) {
      throw new Error(
        `region of interest along ${AXES[a]} must be integers with 0 ≤ min < max ≤ ${dims[a]}, got min ${lo}, max ${hi}`,
      );
    }
    size[a] = Math.floor((hi - 1 - lo) / step) + 1;
  }
  return { start: [min[0]!, min[1]!, min[2]!], step, size };
}
