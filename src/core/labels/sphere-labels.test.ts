import { describe, expect, it } from 'vitest';
import { paintSphereLabels, type LabelPoint } from './sphere-labels.ts';

const at = (labels: Uint8Array, shape: number[], x: number, y: number, z: number) => labels[x + shape[0]! * (y + shape[1]! * z)];

/** Brute force: every voxel against every point, nearest centre wins, ties by class then order. */
function reference(shape: [number, number, number], points: LabelPoint[], radius: (c: number) => number): Uint8Array {
  const [nx, ny, nz] = shape;
  const out = new Uint8Array(nx * ny * nz);
  for (let z = 0; z < nz; z++)
    for (let y = 0; y < ny; y++)
      for (let x = 0; x < nx; x++) {
        let best = Infinity;
        let bestClass = 0;
        for (const p of points) {
          const d2 = (x - p.x) ** 2 + (y - p.y) ** 2 + (z - p.z) ** 2;
          if (d2 > radius(p.classId) ** 2) continue;
          if (d2 < best || (d2 === best && p.classId < bestClass)) [best, bestClass] = [d2, p.classId];
        }
        out[x + nx * (y + ny * z)] = bestClass;
      }
  return out;
}

describe('paintSphereLabels', () => {
  it('paints a sphere of the class radius (voxel centres within r)', () => {
    const labels = paintSphereLabels([11, 11, 11], [{ x: 5, y: 5, z: 5, classId: 2 }], () => 3);
    expect(labels.reduce((n, v) => n + (v === 2 ? 1 : 0), 0)).toBe(123); // lattice points with d ≤ 3
    expect(at(labels, [11, 11], 8, 5, 5)).toBe(2);
    expect(at(labels, [11, 11], 8, 6, 5)).toBe(0);
  });

  it('gives overlapping voxels to the nearest centre, clips at the edges, matches brute force', () => {
    const shape: [number, number, number] = [30, 25, 20];
    const points: LabelPoint[] = [
      { x: 10, y: 10, z: 10, classId: 1 },
      { x: 15.5, y: 11, z: 9.3, classId: 3 },
      { x: 1, y: 24, z: 0, classId: 2 },
      { x: 28.7, y: 3, z: 19.5, classId: 1 },
      { x: -3, y: 10, z: 10, classId: 2 },
      { x: 12, y: 10, z: 10, classId: 2 },
    ];
    const radius = (c: number) => [0, 6, 4, 5][c]!;
    const labels = paintSphereLabels(shape, points, radius);
    expect(labels).toEqual(reference(shape, points, radius));
    expect(at(labels, shape, 13, 10, 10)).toBe(2); // nearer (12,10,10) than (10,10,10)
    expect(at(labels, shape, 0, 10, 10)).toBe(2); // sphere centred outside the volume
  });

  it('does not depend on the order of the points (ties go to the lower class)', () => {
    const points: LabelPoint[] = [
      { x: 6, y: 5, z: 5, classId: 4 },
      { x: 4, y: 5, z: 5, classId: 2 },
    ];
    const a = paintSphereLabels([11, 11, 11], points, () => 3);
    const b = paintSphereLabels([11, 11, 11], [...points].reverse(), () => 3);
    expect(a).toEqual(b);
    expect(at(a, [11, 11], 5, 5, 5)).toBe(2);
  });

  it('rejects bad class ids, radii and coordinates', () => {
    expect(() => paintSphereLabels([4, 4, 4], [{ x: 1, y: 1, z: 1, classId: 0 }], () => 2)).toThrow(/1…255/);
    expect(() => paintSphereLabels([4, 4, 4], [{ x: 1, y: 1, z: 1, classId: 300 }], () => 2)).toThrow(/1…255/);
    expect(() => paintSphereLabels([4, 4, 4], [{ x: 1, y: 1, z: 1, classId: 1 }], () => 0)).toThrow(/radius 0/);
    expect(() => paintSphereLabels([4, 4, 4], [{ x: NaN, y: 1, z: 1, classId: 1 }], () => 2)).toThrow(/non-finite/);
  });
});
