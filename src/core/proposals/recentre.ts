/**
 * Moves each in-range candidate to the centre of mass of the significant response around it: the
 * best response over the scales from d_min up, above θ, within a window of the candidate's own
 * size (see propose.ts), one step. A LoG peaks on a particle's densest blob, which for a lobed or
 * elongated particle is a lobe 0.3–0.5 R off its centre (outside the usual 0.5 R match
 * tolerance, and each lobe a proposal of its own). The lobes' joint mass centre is the particle's
 * centre; a compact particle's stays where it is. One step only: iterated, the window climbs
 * towards the mass of whole crowds (README.md, "Deviations").
 */
import type { Point3 } from '../metrics/point-grid.ts';
import type { Shape3 } from './mirror-pad.ts';

/**
 * Replaces x, y, z of every candidate `shouldMove` accepts by the mass centre of
 * max(0, response − floor) over the voxels inside `mask` (1 = usable; null = all) within
 * `radiusVoxels(candidate)`; a candidate with no such mass keeps its position.
 */
export function recentreOnResponseMass<C extends Point3>(
  candidates: readonly C[],
  shouldMove: (candidate: C) => boolean,
  response: Float32Array,
  shape: Shape3,
  mask: Uint8Array | null,
  radiusVoxels: (candidate: C) => number,
  floor: number,
): void {
  const [nx, ny, nz] = shape;
  for (const c of candidates) {
    if (!shouldMove(c)) continue;
    const radius = radiusVoxels(c);
    const reach = Math.floor(radius);
    const x0 = Math.round(c.x);
    const y0 = Math.round(c.y);
    const z0 = Math.round(c.z);
    let mass = 0;
    let mx = 0;
    let my = 0;
    let mz = 0;
    for (let z = Math.max(0, z0 - reach); z <= Math.min(nz - 1, z0 + reach); z++) {
      for (let y = Math.max(0, y0 - reach); y <= Math.min(ny - 1, y0 + reach); y++) {
        // Half-width of the sphere's row: one square root per row, no distance test per voxel.
        const left = radius * radius - (y - y0) ** 2 - (z - z0) ** 2;
        if (left < 0) continue;
        const half = Math.floor(Math.sqrt(left));
        const row = nx * (y + ny * z);
        const xEnd = Math.min(nx - 1, x0 + half);
        for (let x = Math.max(0, x0 - half); x <= xEnd; x++) {
          const w = response[row + x]! - floor;
          if (!(w > 0) || (mask && !mask[row + x])) continue;
          mass += w;
          mx += w * x;
          my += w * y;
          mz += w * z;
        }
      }
    }
    if (mass > 0) {
      c.x = mx / mass;
      c.y = my / mass;
      c.z = mz / mass;
    }
  }
}
