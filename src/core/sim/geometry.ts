/**
 * Geometry shared by the placement steps: the ice slab and a hashed grid of spheres that answers
 * "does a sphere here overlap anything placed so far?" in O(1) per query.
 */
import type { SimulationConfig } from './config.ts';

export interface Sphere {
  x: number;
  y: number;
  z: number;
  radius: number;
}

/** z range (voxel centres, inclusive) of the ice slab, centred in the tomogram. */
export function slabRange(config: Pick<SimulationConfig, 'shape' | 'slabFraction'>): [number, number] {
  const nz = config.shape[2];
  const margin = (nz * (1 - config.slabFraction)) / 2;
  return [margin, nz - 1 - margin];
}

export class SphereGrid {
  private readonly cells = new Map<number, Sphere[]>();
  private readonly dims: [number, number, number];

  /** `cellSize` must be ≥ the largest sum of two radii plus gap that will be queried. */
  constructor(
    shape: readonly [number, number, number],
    private readonly cellSize: number,
  ) {
    this.dims = [
      Math.max(1, Math.ceil(shape[0] / cellSize)),
      Math.max(1, Math.ceil(shape[1] / cellSize)),
      Math.max(1, Math.ceil(shape[2] / cellSize)),
    ];
  }

  private cellOf(v: number, axis: 0 | 1 | 2): number {
    return Math.min(this.dims[axis] - 1, Math.max(0, Math.floor(v / this.cellSize)));
  }

  add(sphere: Sphere): void {
    const key = this.key(this.cellOf(sphere.x, 0), this.cellOf(sphere.y, 1), this.cellOf(sphere.z, 2));
    const list = this.cells.get(key);
    if (list) list.push(sphere);
    else this.cells.set(key, [sphere]);
  }

  private key(cx: number, cy: number, cz: number): number {
    return cx + this.dims[0] * (cy + this.dims[1] * cz);
  }

  /** True when a sphere at (x,y,z) of `radius` would come closer than `gap` to a stored one. */
  overlaps(x: number, y: number, z: number, radius: number, gap: number): boolean {
    const cx = this.cellOf(x, 0);
    const cy = this.cellOf(y, 1);
    const cz = this.cellOf(z, 2);
    for (let iz = Math.max(0, cz - 1); iz <= Math.min(this.dims[2] - 1, cz + 1); iz++)
      for (let iy = Math.max(0, cy - 1); iy <= Math.min(this.dims[1] - 1, cy + 1); iy++)
        for (let ix = Math.max(0, cx - 1); ix <= Math.min(this.dims[0] - 1, cx + 1); ix++) {
          const list = this.cells.get(this.key(ix, iy, iz));
          if (!list) continue;
          for (const s of list) {
            const limit = radius + s.radius + gap;
            const dx = s.x - x;
            const dy = s.y - y;
            const dz = s.z - z;
            if (dx * dx + dy * dy + dz * dz < limit * limit) return true;
          }
        }
    return false;
  }
}
