import { describe, expect, it } from 'vitest';
import { smallTestConfig } from '../sim/test-configs.ts';
import { simulateTomogram } from '../sim/simulate.ts';
import { normaliseForNetwork } from '../training/normalise.ts';
import type { Shape3 } from '../volume/patch-grid.ts';
import { averageBoxes, classShapeFromPicks, otsuThreshold, paintShapeLabels, type ClassShape } from './average-shape-labels.ts';
import { classDice as dice } from './label-overlap.ts';
import { paintSphereLabels } from './sphere-labels.ts';

describe('shape labels from subtomogram averages', () => {
  it('Otsu splits two clusters of values between them', () => {
    const t = otsuThreshold([...Array(50).fill(0), ...Array(50).fill(10)].map((v, i) => v + (i % 5) * 0.1));
    expect(t).toBeGreaterThan(0.4);
    expect(t).toBeLessThan(10);
  });

  it('averages boxes around picks (reflected at the edges)', () => {
    const shape: Shape3 = [9, 9, 9];
    const source = new Float32Array(729);
    source[4 + 9 * (4 + 9 * 4)] = 2;
    const avg = averageBoxes(source, shape, [{ x: 4, y: 4, z: 4, classId: 1 }, { x: 4.4, y: 3.6, z: 4.2, classId: 1 }], 3);
    expect(avg[13]).toBeCloseTo(2, 6); // the centre of the 3³ box
    expect(avg.reduce((a, b) => a + b, 0)).toBeCloseTo(2, 6);
  });

  it('on simulated particles, the averaged shapes match the true label map better than spheres do', async () => {
    const sim = simulateTomogram(smallTestConfig({ shape: [96, 96, 48], voxelSize: 10, particleCount: 40, seed: 4 }));
    const shape = sim.config.shape as Shape3;
    const source = normaliseForNetwork(sim.volume);
    const radiusOf = (id: number) => sim.config.species[id - 1]!.diameterAngstrom / 2 / sim.config.voxelSize;
    const shapes = new Map<number, ClassShape>();
    for (const id of new Set(sim.particles.map((p) => p.classId))) {
      const s = await classShapeFromPicks(source, shape, sim.particles, id, radiusOf(id));
      if (s) shapes.set(id, s);
    }
    const painted = paintShapeLabels(shape, sim.particles, shapes);
    const spheres = paintSphereLabels(shape, sim.particles, radiusOf);
    const counts = new Map<number, number>();
    for (const p of sim.particles) counts.set(p.classId, (counts.get(p.classId) ?? 0) + 1);
    // Classes with enough picks for an average (a handful of boxes is noise).
    const averaged = [...counts].filter(([, n]) => n >= 5).map(([id]) => id);
    expect(averaged.length).toBeGreaterThan(1);
    for (const id of averaged) {
      const s = shapes.get(id)!;
      expect(s.fillOfSphere, `class ${id}`).toBeGreaterThan(0.1);
      expect(dice(painted, sim.labelMap, id), `class ${id}`).toBeGreaterThan(dice(spheres, sim.labelMap, id));
    }
  });

  it('aligned in rotation, the shapes follow each particle: closer to the true labels than position-aligned ones', async () => {
    const sim = simulateTomogram(smallTestConfig({ shape: [96, 96, 48], voxelSize: 10, particleCount: 40, seed: 4 }));
    const shape = sim.config.shape as Shape3;
    const source = normaliseForNetwork(sim.volume);
    const radiusOf = (id: number) => sim.config.species[id - 1]!.diameterAngstrom / 2 / sim.config.voxelSize;
    const paint = async (refineRotations: boolean) => {
      const shapes = new Map<number, ClassShape>();
      for (const id of new Set(sim.particles.map((p) => p.classId))) {
        const s = await classShapeFromPicks(source, shape, sim.particles, id, radiusOf(id), { refineRotations });
        if (s) shapes.set(id, s);
      }
      return { shapes, painted: paintShapeLabels(shape, sim.particles, shapes) };
    };
    const position = await paint(false);
    const rotation = await paint(true);
    expect(position.shapes.get(3)!.orientations).toBeNull();
    expect(rotation.shapes.get(3)!.orientations?.size).toBe(sim.particles.filter((p) => p.classId === 3).length);
    // The elongated species (3) and the asymmetric large ones (1, 2) gain most (measured: +0.08–0.13).
    for (const id of [1, 2, 3]) {
      expect(dice(rotation.painted, sim.labelMap, id), `class ${id}`).toBeGreaterThan(dice(position.painted, sim.labelMap, id) + 0.05);
    }
  });

  it('falls back to the sphere when there is no shape to find (pure noise)', async () => {
    const shape: Shape3 = [40, 40, 40];
    const source = new Float32Array(40 ** 3);
    let seed = 7;
    for (let i = 0; i < source.length; i++) source[i] = ((seed = (seed * 16807) % 2147483647) / 2147483647) - 0.5;
    const picks = [{ x: 20, y: 20, z: 20, classId: 1 }];
    const s = (await classShapeFromPicks(source, shape, picks, 1, 5))!;
    expect(s.fillOfSphere).toBeGreaterThan(0.1);
    expect(s.fillOfSphere).toBeLessThan(1.5);
    expect(await classShapeFromPicks(source, shape, picks, 2, 5)).toBeNull();
  });
});
