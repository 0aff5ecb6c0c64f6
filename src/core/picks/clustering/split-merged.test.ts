import { describe, expect, it } from 'vitest';
import type { Shape3 } from '../../volume/patch-grid.ts';
import { connectedComponents } from './connected-components.ts';
import { splitMergedClusters } from './split-merged.ts';

interface Ball {
  x: number;
  y: number;
  z: number;
  r: number;
}

function paint(shape: Shape3, balls: Ball[], classId = 1): Uint8Array {
  const [nx, ny, nz] = shape;
  const map = new Uint8Array(nx * ny * nz);
  for (let z = 0; z < nz; z++)
    for (let y = 0; y < ny; y++)
      for (let x = 0; x < nx; x++)
        if (balls.some((b) => (x - b.x) ** 2 + (y - b.y) ** 2 + (z - b.z) ** 2 <= b.r * b.r)) map[x + nx * (y + ny * z)] = classId;
  return map;
}

const shape: Shape3 = [64, 48, 40];
const radius = () => 8;

describe('splitMergedClusters', () => {
  it('splits two touching particles of a class into one piece each, centred on them', () => {
    // Segmented 2 voxels fatter than the radius-8 particles 17 voxels apart: one component.
    const centres = [
      { x: 20, y: 24, z: 20 },
      { x: 37, y: 24, z: 20 },
    ];
    const map = paint(shape, centres.map((c) => ({ ...c, r: 10 })));
    const components = connectedComponents(map, shape);
    expect(components).toHaveLength(1);
    const pieces = splitMergedClusters(components, shape, { radiusVoxels: radius });
    expect(pieces).toHaveLength(2);
    expect(pieces.reduce((s, p) => s + p.size, 0)).toBe(components[0]!.size);
    const found = pieces.map((p) => [p.x, p.y, p.z]).sort((a, b) => a[0]! - b[0]!);
    found.forEach((p, k) => expect(Math.hypot(p[0]! - centres[k]!.x, p[1]! - centres[k]!.y, p[2]! - centres[k]!.z)).toBeLessThan(1.5));
    const joined = pieces.flatMap((p) => Array.from(p.voxels!)).sort((a, b) => a - b);
    expect(joined).toEqual(Array.from(components[0]!.voxels!).sort((a, b) => a - b));
  });

  it('splits a row of three and gives a large particle its ball against a small neighbour', () => {
    const row = paint(shape, [8, 26, 44].map((x) => ({ x: x + 4, y: 24, z: 20, r: 10 })));
    expect(splitMergedClusters(connectedComponents(row, shape), shape, { radiusVoxels: radius })).toHaveLength(3);
    const unequal = paint(shape, [
      { x: 22, y: 24, z: 20, r: 12 },
      { x: 39, y: 24, z: 20, r: 7 },
    ]);
    const pieces = splitMergedClusters(connectedComponents(unequal, shape), shape, { radiusVoxels: radius });
    expect(pieces).toHaveLength(2);
    const big = pieces.find((p) => p.x < 30)!;
    expect(big.size).toBeGreaterThan(0.95 * ((4 / 3) * Math.PI * 12 ** 3));
  });

  it('leaves single particles whole: a fat ball, a lobed one, and everything of a class without a radius', () => {
    const fat = paint(shape, [{ x: 30, y: 24, z: 20, r: 11 }]);
    const lobed = paint(shape, [
      { x: 30, y: 24, z: 20, r: 8 },
      { x: 37, y: 24, z: 20, r: 5 },
      { x: 24, y: 29, z: 20, r: 5 },
      { x: 30, y: 18, z: 25, r: 5 },
    ]);
    for (const map of [fat, lobed]) {
      const components = connectedComponents(map, shape);
      expect(components[0]!.size).toBeGreaterThan((4 / 3) * Math.PI * 8 ** 3); // examined, not skipped by size
      expect(splitMergedClusters(components, shape, { radiusVoxels: radius })).toEqual(components);
    }
    const pair = connectedComponents(paint(shape, [{ x: 20, y: 24, z: 20, r: 10 }, { x: 37, y: 24, z: 20, r: 10 }]), shape);
    expect(splitMergedClusters(pair, shape, { radiusVoxels: () => undefined })).toEqual(pair);
  });

  it('needs the voxel lists', () => {
    const components = connectedComponents(paint(shape, [{ x: 20, y: 24, z: 20, r: 10 }, { x: 37, y: 24, z: 20, r: 10 }]), shape, { keepVoxels: false });
    expect(() => splitMergedClusters(components, shape, { radiusVoxels: radius })).toThrow(/voxels/);
  });
});
