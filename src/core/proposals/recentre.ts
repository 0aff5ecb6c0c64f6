/**
 * Moves each in-range candidate to the centre of mass of the significant response around it: the
 * best response over the scales from d_min up, above θ, within the range's largest particle
 * radius (d_max / 2), one step. A LoG peaks on a particle's densest blob, which for a lobed or
 * elongated particle is a lobe 0.3–0.5 R off its centre (outside the usual 0.5 R match
 * tolerance, and each lobe a proposal of its own). The lobes' joint mass centre is the particle's
 * centre; a compact particle's stays where it is. One step only: iterated, the window climbs
 * towards the mass of whole crowds (README.md, "Deviations").
 */
import type { Shape3 } from './mirror-pad.ts';

export interface Positioned {
  x: number;
  y: number;
  z: number;
}

/**
 * Replaces x, y, z of every candidate `shouldMove` accepts by the mass centre of
 * max(0, response − floor) over the voxels inside `mask` (1 = usable; null = all) within
 * `radiusVoxels`; a candidate with no such mass keeps its position.
 */
export function recentreOnResponseMass<C extends Positioned>(
  candidates: readonly C[],
  shouldMove: (candidate: C) => boolean,
  response: Float32Array,
  shape: Shape3,
  mask: Uint8Array | null,
  radiusVoxels: number,
  floor: number,
): void {
  const [nx, ny, nz] = shape;
  const reach = Math.floor(radiusVoxels);
  const r2 = radiusVoxels * radiusVoxels;
  for (const c of candidates) {
    if (!shouldMove(c)) continue;
    const x0 = Math.round(c.x);
    const y0 = Math.round(c.y);
    const z0 = Math.round(c.z);
    let mass = 0;
    let mx = 0;
    let my = 0;
    let mz = 0;
    for (let z = Math.max(0, z0 - reach); z <= Math.min(nz - 1, z0 + reach); z++) {
      for (let y = Math.max(0, y0 - reach); y <= Math.min(ny - 1, y0 + reach); y++) {
        const row = nx * (y + ny * z);
        for (let x = Math.max(0, x0 - reach); x <= Math.min(nx - 1, x0 + reach); x++) {
          if ((x - x0) ** 2 + (y - y0) ** 2 + (z - z0) ** 2 > r2) continue;
          if (mask && !mask[row + x]) continue;
          const w = response[row + x]! - floor;
          if (!(w > 0)) continue;
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
