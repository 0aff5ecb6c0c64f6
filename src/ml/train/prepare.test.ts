import { describe, expect, it } from 'vitest';
import { paintSphereLabels } from '../../core/labels/sphere-labels.ts';
import { simulateTomogram } from '../../core/sim/simulate.ts';
import { smallTestConfig } from '../../core/sim/test-configs.ts';
import { withAveragedShapeLabels, type LabelledTomogram } from './prepare.ts';

describe('validation shape labels from averages', () => {
  const sim = simulateTomogram(smallTestConfig({ shape: [64, 64, 32], voxelSize: 10, particleCount: 20, seed: 2 }));
  const radius = (id: number) => sim.config.species[id - 1]!.diameterAngstrom / 2 / sim.config.voxelSize;
  const tomogram: LabelledTomogram = { name: 'sim', volume: sim.volume, picks: sim.particles };

  it('paints each class’s averaged shape at its picks instead of spheres', async () => {
    const shaped = await withAveragedShapeLabels(tomogram, radius);
    const spheres = paintSphereLabels([64, 64, 32], sim.particles, radius);
    expect(shaped.labelMap).toHaveLength(spheres.length);
    let differ = 0;
    for (let i = 0; i < spheres.length; i++) if (shaped.labelMap![i] !== spheres[i]) differ++;
    expect(differ).toBeGreaterThan(0.05 * spheres.reduce((n, v) => n + (v ? 1 : 0), 0));
    // Every class present in the picks is painted (not necessarily at the centre: the proteasome is a hollow barrel).
    for (const id of new Set(sim.particles.map((p) => p.classId))) expect(shaped.labelMap!.includes(id), `class ${id}`).toBe(true);
  });

  it('keeps a label map that is already given', async () => {
    const given = { ...tomogram, labelMap: sim.labelMap };
    expect(await withAveragedShapeLabels(given, radius)).toBe(given);
  });
});
