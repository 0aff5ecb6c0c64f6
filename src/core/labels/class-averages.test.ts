import { describe, expect, it } from 'vitest';
import type { Volume } from '../volume/volume.ts';
import { classAverageSurfaces } from './class-averages.ts';

/** Noise with bright balls of radius 3 at the picks of class 1 (class 2 has none). */
function ballsVolume(centres: readonly [number, number, number][]): Pick<Volume, 'nx' | 'ny' | 'nz' | 'dtype' | 'data'> {
  const n = 32;
  const data = new Float32Array(n ** 3);
  let seed = 11;
  for (let i = 0; i < data.length; i++) {
    const x = i % n;
    const y = Math.floor(i / n) % n;
    const z = Math.floor(i / (n * n));
    const inside = centres.some(([cx, cy, cz]) => (x - cx) ** 2 + (y - cy) ** 2 + (z - cz) ** 2 <= 9);
    data[i] = (inside ? 2 : 0) + ((seed = (seed * 16807) % 2147483647) / 2147483647 - 0.5);
  }
  return { nx: n, ny: n, nz: n, dtype: 'float32', data };
}

describe('class averages', () => {
  it('averages the picks of each class into a ball-shaped mask and its surface', async () => {
    const centres: [number, number, number][] = [
      [8, 8, 8],
      [22, 9, 16],
      [10, 22, 22],
      [23, 23, 8],
    ];
    const picks = centres.map(([x, y, z]) => ({ x, y, z, classId: 1 }));
    const stages: string[] = [];
    const surfaces = await classAverageSurfaces(
      ballsVolume(centres),
      picks,
      [
        { classId: 1, radiusVoxels: 4 },
        { classId: 2, radiusVoxels: 4 },
      ],
      { onProgress: (_f, stage) => stage && stages.push(stage) },
    );
    expect(surfaces.map((s) => [s.classId, s.count])).toEqual([[1, 4]]);
    const [ball] = surfaces;
    // A radius-3 ball in a radius-4 class sphere fills (3/4)³ ≈ 0.42 of it; Otsu on a blurred average lands near.
    expect(ball!.fillOfSphere).toBeGreaterThan(0.25);
    expect(ball!.fillOfSphere).toBeLessThan(0.8);
    expect(ball!.mesh.indices.length).toBeGreaterThan(0);
    expect(stages).toContain('averaging class 1');
    expect(ball!.rotationsRefined).toBe(false);
    const aligned = await classAverageSurfaces(ballsVolume(centres), picks, [{ classId: 1, radiusVoxels: 4 }], { refineRotations: true, onProgress: (_f, stage) => stage && stages.push(stage) });
    expect(aligned[0]!.rotationsRefined).toBe(true);
    expect(aligned[0]!.fillOfSphere).toBeGreaterThan(0.25); // a ball stays a ball, whatever each pick's turn
    expect(aligned[0]!.fillOfSphere).toBeLessThan(0.8);
    expect(stages).toContain('aligning class 1');
  });
});
