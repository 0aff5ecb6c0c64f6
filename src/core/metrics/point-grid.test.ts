import { describe, expect, it } from 'vitest';
import { createRandom } from '../sim/random.ts';
import { PointGrid, type Point3 } from './point-grid.ts';

function randomPoints(n: number, lo: number, hi: number, random: () => number): Point3[] {
  return Array.from({ length: n }, () => ({ x: lo + (hi - lo) * random(), y: lo + (hi - lo) * random(), z: lo + (hi - lo) * random() }));
}

function within(grid: PointGrid, q: Point3, r: number): number[] {
  const found: number[] = [];
  grid.forEachWithin(q.x, q.y, q.z, r, (i) => found.push(i));
  return found.sort((a, b) => a - b);
}

function bruteWithin(points: Point3[], q: Point3, r: number): number[] {
  return points.flatMap((p, i) => ((p.x - q.x) ** 2 + (p.y - q.y) ** 2 + (p.z - q.z) ** 2 <= r * r ? [i] : []));
}

describe('PointGrid', () => {
  it('finds exactly the points a brute-force search finds, including negative coordinates', () => {
    const random = createRandom(7).next;
    const points = randomPoints(2000, -50, 50, random);
    const grid = new PointGrid(points, 4);
    for (const q of randomPoints(200, -60, 60, random)) {
      for (const r of [0.5, 4, 11]) expect(within(grid, q, r)).toEqual(bruteWithin(points, q, r));
    }
  });

  it('includes a point exactly on the radius and reports squared distances', () => {
    const grid = new PointGrid([{ x: 3, y: 4, z: 0 }, { x: 0, y: 0, z: 5.001 }], 5);
    const hits: Array<[number, number]> = [];
    grid.forEachWithin(0, 0, 0, 5, (i, d2) => hits.push([i, d2]));
    expect(hits).toEqual([[0, 25]]);
  });

  it('stays correct when the cell is tiny compared with the extent', () => {
    const points = [{ x: 0, y: 0, z: 0 }, { x: 1e7, y: 1e7, z: 1e7 }, { x: 1e7 + 0.3, y: 1e7, z: 1e7 }];
    const grid = new PointGrid(points, 1e-3);
    expect(within(grid, { x: 1e7, y: 1e7, z: 1e7 }, 0.5)).toEqual([1, 2]);
    expect(within(grid, { x: 0, y: 0, z: 0 }, 0.5)).toEqual([0]);
  });

  it('handles an empty point set and queries far outside the points', () => {
    expect(within(new PointGrid([], 1), { x: 0, y: 0, z: 0 }, 10)).toEqual([]);
    expect(within(new PointGrid([{ x: 1, y: 1, z: 1 }], 1), { x: 500, y: 1, z: 1 }, 2)).toEqual([]);
  });

  it('rejects a non-positive cell size', () => {
    expect(() => new PointGrid([], 0)).toThrow(/cell size/);
    expect(() => new PointGrid([], NaN)).toThrow(/cell size/);
  });
});
