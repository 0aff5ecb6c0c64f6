/**
 * Random sequential placement of particles without overlaps: bounding spheres (plus a gap) never
 * intersect each other, the membrane shell or the fiducials, and stay inside the tomogram and
 * the ice slab. Larger species go first, which packs far better than a random order.
 */
import type { SimulationConfig } from './config.ts';
import { slabRange, type SphereGrid } from './geometry.ts';
import { membraneClearance, type MembraneGeometry } from './membrane.ts';
import type { Random } from './random.ts';

export interface PlacedParticle {
  x: number;
  y: number;
  z: number;
  /** Index into config.species. */
  speciesIndex: number;
  /** Row-major 3×3: particle frame → tomogram frame. */
  rotation: number[];
}

export interface PlacementResult {
  particles: PlacedParticle[];
  /** Per species: how many were asked for and how many found room. */
  requested: number[];
  placed: number[];
}

const ATTEMPTS_PER_PARTICLE = 2000;

/** particleCount split by abundance with largest-remainder rounding (sums exactly). */
export function countsByAbundance(total: number, abundances: readonly number[]): number[] {
  const sum = abundances.reduce((a, b) => a + b, 0);
  const exact = abundances.map((a) => (total * a) / sum);
  const counts = exact.map(Math.floor);
  let left = total - counts.reduce((a, b) => a + b, 0);
  const order = exact.map((e, i) => [e - Math.floor(e), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (const [, i] of order) {
    if (left-- <= 0) break;
    counts[i]!++;
  }
  return counts;
}

export function placeParticles(
  config: Pick<SimulationConfig, 'shape' | 'slabFraction' | 'voxelSize' | 'minGapAngstrom' | 'particleCount' | 'species'>,
  radii: readonly number[],
  membrane: MembraneGeometry | null,
  grid: SphereGrid,
  random: Random,
  signal?: AbortSignal,
): PlacementResult {
  const [nx, ny] = config.shape;
  const [zLo, zHi] = slabRange(config);
  const gap = config.minGapAngstrom / config.voxelSize;
  const requested = countsByAbundance(
    config.particleCount,
    config.species.map((s) => s.abundance),
  );
  const placed = requested.map(() => 0);
  const order = radii.map((r, i) => [r, i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  const particles: PlacedParticle[] = [];
  for (const [radius, speciesIndex] of order) {
    const range = (lo: number, hi: number) => (hi >= lo ? [lo, hi] : null);
    const xr = range(radius, nx - 1 - radius);
    const yr = range(radius, ny - 1 - radius);
    const zr = range(zLo + radius, zHi - radius);
    if (!xr || !yr || !zr) continue;
    for (let n = 0; n < requested[speciesIndex]!; n++) {
      signal?.throwIfAborted();
      for (let attempt = 0; attempt < ATTEMPTS_PER_PARTICLE; attempt++) {
        const x = random.uniform(xr[0]!, xr[1]!);
        const y = random.uniform(yr[0]!, yr[1]!);
        const z = random.uniform(zr[0]!, zr[1]!);
        if (grid.overlaps(x, y, z, radius, gap)) continue;
        if (membrane && membraneClearance(membrane, x, y, z) < radius + gap) continue;
        grid.add({ x, y, z, radius });
        particles.push({ x, y, z, speciesIndex, rotation: random.rotation() });
        placed[speciesIndex]!++;
        break;
      }
    }
  }
  return { particles, requested, placed };
}
