/**
 * What the proposal benches share: the requested diameter ranges (one per species, 0.45–1 × its
 * bounding diameter, plus 27–260 Å), the simulated particles in a range (issue 4's recall
 * denominator), their truth points (tolerance 0.5 × radius) and K = 1.5 × their count.
 *
 * Which particles a range holds depends on what "a particle's diameter" means. A LoG filter sees
 * a blob: its best scale gives the diameter of the ball the particle looks like (σ = d / (2√3)),
 * which for a lobed or barrel-shaped complex is well below its longest extent — the simulator's
 * lobed species (100 Å across) fills as much volume as a 52 Å ball and its tiny one (60 Å) as a
 * 42 Å ball, so to any blob detector they are the same size. `equivalent` (the default) sizes a
 * particle by that ball (its labelled volume); `bounding` by its longest extent.
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

export const SIZE_DEFINITIONS = ['equivalent', 'bounding'] as const;
export type SizeDefinition = (typeof SIZE_DEFINITIONS)[number];

export function parseSizeDefinition(text: string): SizeDefinition {
  if (!(SIZE_DEFINITIONS as readonly string[]).includes(text)) throw new Error(`--size expects ${SIZE_DEFINITIONS.join(' or ')}, got "${text}"`);
  return text as SizeDefinition;
}

/**
 * Diameter of the ball with a species' mean labelled volume, Å, per class id − 1: the label map's
 * voxels of the class over its particle count (the simulator places particles whole and apart).
 */
export function equivalentDiametersAngstrom(sim: SimulationResult): number[] {
  const voxels = new Float64Array(sim.classes.length);
  for (const label of sim.labelMap) if (label > 0) voxels[label - 1]! += 1;
  const voxelVolume = sim.config.voxelSize ** 3;
  return sim.classes.map((c, i) => {
    const count = sim.particles.filter((p) => p.classId === c.id).length;
    return count === 0 ? NaN : 2 * Math.cbrt((3 * voxels[i]! * voxelVolume) / (4 * Math.PI * count));
  });
}

export function toTruth(sim: SimulationResult, voxelSize: number, p: Particle): MetricPoint {
  return { x: p.x, y: p.y, z: p.z, classId: p.classId, radiusVoxels: particleDiameterAngstrom(sim, p) / 2 / voxelSize };
}

/** Particles whose diameter (by `size`) lies in the range: the recall's denominator. */
export function particlesInRange(sim: SimulationResult, range: readonly [number, number], size: SizeDefinition): Particle[] {
  const equivalent = size === 'equivalent' ? equivalentDiametersAngstrom(sim) : [];
  return sim.particles.filter((p) => {
    const d = size === 'equivalent' ? equivalent[p.classId - 1]! : particleDiameterAngstrom(sim, p);
    return d >= range[0] - 1e-9 && d <= range[1] + 1e-9;
  });
}

export function topKFor(inRangeCount: number): number {
  return Math.ceil(TOP_K_PER_EXPECTED * inRangeCount);
}
