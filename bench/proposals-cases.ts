/**
 * What the proposal benches share: the requested diameter ranges (one per species, 0.45–1 × its
 * bounding diameter, plus 27–260 Å), the simulated particles in a range (issue 4's recall
 * denominator), their truth points (tolerance 0.5 × radius) and K = 1.5 × their count.
 */
import type { MetricPoint } from '../src/core/metrics/evaluate.ts';
import { TOP_K_PER_EXPECTED } from '../src/core/proposals/propose.ts';
import { STANDARD_SPECIES, type SimulationResult } from '../src/core/sim/index.ts';

export const RANGE_LOW = 0.45;

export interface NamedRange {
  name: string;
  range: [number, number];
}

export const PROPOSAL_RANGES: readonly NamedRange[] = [
  ...STANDARD_SPECIES.map((s) => ({ name: s.name, range: [RANGE_LOW * s.diameterAngstrom, s.diameterAngstrom] as [number, number] })),
  { name: 'all', range: [RANGE_LOW * 60, 260] },
];

export function rangesByName(names: string | undefined): NamedRange[] {
  if (!names) return [...PROPOSAL_RANGES];
  return names.split(',').map((name) => {
    const found = PROPOSAL_RANGES.find((r) => r.name === name);
    if (!found) throw new Error(`unknown range "${name}" (one of ${PROPOSAL_RANGES.map((r) => r.name).join(', ')})`);
    return found;
  });
}

type Particle = SimulationResult['particles'][number];

export function particleDiameterAngstrom(sim: SimulationResult, p: Particle): number {
  return 2 * sim.classes[p.classId - 1]!.radiusAngstrom;
}

export function toTruth(sim: SimulationResult, voxelSize: number, p: Particle): MetricPoint {
  return { x: p.x, y: p.y, z: p.z, classId: p.classId, radiusVoxels: particleDiameterAngstrom(sim, p) / 2 / voxelSize };
}

/** Particles whose bounding diameter lies in the range (the recall's denominator). */
export function particlesInRange(sim: SimulationResult, range: readonly [number, number]): Particle[] {
  return sim.particles.filter((p) => {
    const d = particleDiameterAngstrom(sim, p);
    return d >= range[0] - 1e-9 && d <= range[1] + 1e-9;
  });
}

export function topKFor(inRangeCount: number): number {
  return Math.ceil(TOP_K_PER_EXPECTED * inRangeCount);
}
