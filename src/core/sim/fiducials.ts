/**
 * High-contrast objects that are not particles: gold beads (solid spheres on the top and bottom
 * surfaces of the ice slab, where fiducials sit) and contamination (clusters of overlapping dense
 * spheres anywhere in the slab, like ice crystals or debris).
 */
import type { FiducialConfig, SimulationConfig } from './config.ts';
import { slabRange, type Sphere, type SphereGrid } from './geometry.ts';
import { membraneClearance, type MembraneGeometry } from './membrane.ts';
import type { Random } from './random.ts';

export interface FiducialSphere extends Sphere {
  kind: 'gold' | 'contamination';
  contrast: number;
}

const ATTEMPTS = 500;
/** Spheres per contamination cluster and how far they spread (× the cluster radius). */
const CLUSTER_SPHERES = 4;
const CLUSTER_SPREAD = 0.8;

/**
 * Places gold and contamination without overlapping each other or the membrane; adds each
 * placed object's bounding sphere to `grid`. Objects that find no room are left out.
 */
export function placeFiducials(
  fiducials: FiducialConfig,
  config: Pick<SimulationConfig, 'shape' | 'slabFraction' | 'voxelSize' | 'minGapAngstrom'>,
  membrane: MembraneGeometry | null,
  grid: SphereGrid,
  random: Random,
): FiducialSphere[] {
  const [nx, ny] = config.shape;
  const [zLo, zHi] = slabRange(config);
  const gap = config.minGapAngstrom / config.voxelSize;
  const placed: FiducialSphere[] = [];
  const free = (s: Sphere) =>
    !grid.overlaps(s.x, s.y, s.z, s.radius, gap) && (!membrane || membraneClearance(membrane, s.x, s.y, s.z) > s.radius + gap);
  const inPlane = (r: number, n: number) => random.uniform(Math.min(r, (n - 1) / 2), Math.max(n - 1 - r, (n - 1) / 2));

  const goldRadius = fiducials.goldRadiusAngstrom / config.voxelSize;
  for (let g = 0; g < fiducials.goldCount; g++) {
    for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
      const onTop = random.next() < 0.5;
      const z = onTop ? zHi - goldRadius : zLo + goldRadius;
      const s = { x: inPlane(goldRadius, nx), y: inPlane(goldRadius, ny), z, radius: goldRadius };
      if (!free(s)) continue;
      grid.add(s);
      placed.push({ ...s, kind: 'gold', contrast: fiducials.goldContrast });
      break;
    }
  }

  const clusterRadius = fiducials.contaminationRadiusAngstrom / config.voxelSize;
  const bounding = clusterRadius * (1 + CLUSTER_SPREAD);
  for (let c = 0; c < fiducials.contaminationCount; c++) {
    for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
      const zMin = Math.min(zLo + bounding, (zLo + zHi) / 2);
      const zMax = Math.max(zHi - bounding, (zLo + zHi) / 2);
      const center = { x: inPlane(bounding, nx), y: inPlane(bounding, ny), z: random.uniform(zMin, zMax), radius: bounding };
      if (!free(center)) continue;
      grid.add(center);
      for (let k = 0; k < CLUSTER_SPHERES; k++) {
        const [dx, dy, dz] = [random.gaussian(), random.gaussian(), random.gaussian()];
        const norm = Math.hypot(dx, dy, dz) || 1;
        const offset = k === 0 ? 0 : random.uniform(0.3, CLUSTER_SPREAD) * clusterRadius;
        placed.push({
          x: center.x + (dx / norm) * offset,
          y: center.y + (dy / norm) * offset,
          z: center.z + (dz / norm) * offset,
          radius: clusterRadius * random.uniform(0.5, 1) * (k === 0 ? 1 : 0.8),
          kind: 'contamination',
          contrast: fiducials.contaminationContrast,
        });
      }
      break;
    }
  }
  return placed;
}

/** Writes solid spheres (max with what is there, so cluster members do not add up). */
export function renderFiducials(spheres: readonly FiducialSphere[], density: Float32Array, shape: readonly [number, number, number]): void {
  const [nx, ny, nz] = shape;
  for (const s of spheres) {
    const r = s.radius + 0.5;
    for (let z = Math.max(0, Math.floor(s.z - r)); z <= Math.min(nz - 1, Math.ceil(s.z + r)); z++)
      for (let y = Math.max(0, Math.floor(s.y - r)); y <= Math.min(ny - 1, Math.ceil(s.y + r)); y++)
        for (let x = Math.max(0, Math.floor(s.x - r)); x <= Math.min(nx - 1, Math.ceil(s.x + r)); x++) {
          // One-voxel soft edge, as for particles.
          const edge = 0.5 - (Math.hypot(x - s.x, y - s.y, z - s.z) - s.radius);
          if (edge <= 0) continue;
          const value = s.contrast * Math.min(1, edge);
          const i = x + nx * (y + ny * z);
          if (value > density[i]!) density[i] = value;
        }
  }
}
