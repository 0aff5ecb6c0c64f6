/**
 * One spherical vesicle: a lipid bilayer drawn as two Gaussian head-group sheets
 * (± half the bilayer thickness about the mid-surface), centred in the ice slab.
 */
import type { MembraneConfig, SimulationConfig } from './config.ts';
import { slabRange } from './geometry.ts';
import type { Random } from './random.ts';

export interface MembraneGeometry {
  x: number;
  y: number;
  z: number;
  /** Mid-surface radius, voxels. */
  radius: number;
  /** Distance between leaflet peaks, voxels. */
  leafletSeparation: number;
  /** Gaussian sd of each leaflet, voxels. */
  leafletSigma: number;
  /** Half-width of the shell that carries density, voxels. */
  halfThickness: number;
  contrast: number;
}

/** Head-group sheets are ~8 Å thick (sd); never thinner than a voxel can show. */
const LEAFLET_SIGMA_ANGSTROM = 8;

export function placeMembrane(
  membrane: MembraneConfig,
  config: Pick<SimulationConfig, 'shape' | 'slabFraction' | 'voxelSize'>,
  random: Random,
): MembraneGeometry {
  const radius = membrane.radiusAngstrom / config.voxelSize;
  const leafletSeparation = membrane.bilayerThicknessAngstrom / config.voxelSize;
  const leafletSigma = Math.max(0.7, LEAFLET_SIGMA_ANGSTROM / config.voxelSize);
  const halfThickness = leafletSeparation / 2 + 3 * leafletSigma;
  const [zLo, zHi] = slabRange(config);
  const along = (n: number) => (n - 1 > 2 * radius ? random.uniform(radius, n - 1 - radius) : (n - 1) / 2);
  return {
    x: along(config.shape[0]),
    y: along(config.shape[1]),
    z: (zLo + zHi) / 2,
    radius,
    leafletSeparation,
    leafletSigma,
    halfThickness,
    contrast: membrane.contrast,
  };
}

/** Distance from a point to the membrane's density shell (≤ 0 inside the shell). */
export function membraneClearance(m: MembraneGeometry, x: number, y: number, z: number): number {
  return Math.abs(Math.hypot(x - m.x, y - m.y, z - m.z) - m.radius) - m.halfThickness;
}

/** Adds the bilayer density into `density` (x fastest). */
export function renderMembrane(m: MembraneGeometry, density: Float32Array, shape: readonly [number, number, number]): void {
  const [nx, ny, nz] = shape;
  const reach = m.radius + m.halfThickness;
  const lo = (c: number) => Math.max(0, Math.floor(c - reach));
  const hi = (c: number, n: number) => Math.min(n - 1, Math.ceil(c + reach));
  const half = m.leafletSeparation / 2;
  const inv2s2 = 1 / (2 * m.leafletSigma * m.leafletSigma);
  for (let z = lo(m.z); z <= hi(m.z, nz); z++)
    for (let y = lo(m.y); y <= hi(m.y, ny); y++)
      for (let x = lo(m.x); x <= hi(m.x, nx); x++) {
        const d = Math.hypot(x - m.x, y - m.y, z - m.z) - m.radius;
        if (Math.abs(d) > m.halfThickness) continue;
        const value = Math.exp(-((d - half) ** 2) * inv2s2) + Math.exp(-((d + half) ** 2) * inv2s2);
        density[x + nx * (y + ny * z)]! += m.contrast * value;
      }
}
