/**
 * Noisy training labels derived from the truth, deterministic by seed: a fraction of particles
 * dropped (missed by the annotator), the rest jittered (per-axis Gaussian, sd = jitterVoxels),
 * and spurious picks at random slab positions that lie outside every true particle, with a
 * class drawn by abundance. Which truth particles were dropped and which picks are spurious is
 * recorded so benchmarks can score label-correction methods.
 */
import type { NoisyLabelConfig, SimulationConfig } from './config.ts';
import { slabRange } from './geometry.ts';
import type { Random } from './random.ts';

export interface NoisyLabelRecord {
  x: number;
  y: number;
  z: number;
  classId: number;
  spurious: boolean;
  /** Index into the truth particles (absent for spurious picks). */
  truthIndex?: number;
}

export interface NoisyLabels {
  records: NoisyLabelRecord[];
  droppedTruthIndices: number[];
}

export interface TruthPoint {
  x: number;
  y: number;
  z: number;
  classId: number;
  /** Bounding radius, voxels. */
  radius: number;
}

const SPURIOUS_ATTEMPTS = 1000;

export function makeNoisyLabels(
  truth: readonly TruthPoint[],
  noisy: NoisyLabelConfig,
  config: Pick<SimulationConfig, 'shape' | 'slabFraction' | 'species'>,
  random: Random,
): NoisyLabels {
  const [nx, ny, nz] = config.shape;
  const clamp = (v: number, n: number) => Math.min(n - 1, Math.max(0, v));

  // Partial Fisher–Yates: the first `dropCount` of a shuffled index list are dropped.
  const indices = truth.map((_, i) => i);
  const dropCount = Math.round(noisy.dropFraction * truth.length);
  for (let i = 0; i < dropCount; i++) {
    const j = i + random.int(indices.length - i);
    [indices[i], indices[j]] = [indices[j]!, indices[i]!];
  }
  const droppedTruthIndices = indices.slice(0, dropCount).sort((a, b) => a - b);
  const dropped = new Set(droppedTruthIndices);

  const records: NoisyLabelRecord[] = [];
  truth.forEach((t, truthIndex) => {
    if (dropped.has(truthIndex)) return;
    records.push({
      x: clamp(t.x + noisy.jitterVoxels * random.gaussian(), nx),
      y: clamp(t.y + noisy.jitterVoxels * random.gaussian(), ny),
      z: clamp(t.z + noisy.jitterVoxels * random.gaussian(), nz),
      classId: t.classId,
      spurious: false,
      truthIndex,
    });
  });

  const abundanceTotal = config.species.reduce((a, s) => a + s.abundance, 0);
  const drawClass = () => {
    let u = random.next() * abundanceTotal;
    for (let i = 0; i < config.species.length; i++) {
      u -= config.species[i]!.abundance;
      if (u < 0) return i + 1;
    }
    return config.species.length;
  };
  const [zLo, zHi] = slabRange(config);
  const spuriousCount = Math.round(noisy.spuriousFraction * truth.length);
  for (let s = 0; s < spuriousCount; s++) {
    for (let attempt = 0; attempt < SPURIOUS_ATTEMPTS; attempt++) {
      const x = random.uniform(0, nx - 1);
      const y = random.uniform(0, ny - 1);
      const z = random.uniform(zLo, zHi);
      const hitsTruth = truth.some((t) => (t.x - x) ** 2 + (t.y - y) ** 2 + (t.z - z) ** 2 < t.radius * t.radius);
      if (hitsTruth) continue;
      records.push({ x, y, z, classId: drawClass(), spurious: true });
      break;
    }
  }
  return { records, droppedTruthIndices };
}
