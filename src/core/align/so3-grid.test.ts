import { describe, expect, it } from 'vitest';
import { createRandom } from '../sim/random.ts';
import { IDENTITY, multiply, rotationDistance, rotationGrid, transpose, zyzRotation } from './so3-grid.ts';

const DEG = Math.PI / 180;

describe('rotation grid', () => {
  it('composes orthonormal ZYZ rotations and measures the angle between two', () => {
    const r = zyzRotation(0.3, 1.1, -2);
    const product = multiply(r, transpose(r));
    for (let i = 0; i < 9; i++) expect(product[i]).toBeCloseTo(IDENTITY[i]!, 12);
    expect(rotationDistance(r, r)).toBeCloseTo(0, 6);
    expect(rotationDistance(IDENTITY, zyzRotation(Math.PI / 2, 0, 0)) / DEG).toBeCloseTo(90, 6);
    expect(rotationDistance(IDENTITY, zyzRotation(0, 0.7, 0))).toBeCloseTo(0.7, 9);
  });

  it('covers SO(3): a random rotation lies within about one step of the grid, half within half a step', () => {
    const grid = rotationGrid(30);
    expect(grid.length).toBe(636);
    const random = createRandom(5);
    const nearest = Array.from({ length: 400 }, () => {
      const r = Float64Array.from(random.rotation());
      return Math.min(...grid.map((g) => rotationDistance(r, g))) / DEG;
    }).sort((a, b) => a - b);
    expect(nearest.at(-1)).toBeLessThan(25);
    expect(nearest[200]).toBeLessThan(16);
    expect(rotationGrid(60).length).toBeLessThan(grid.length / 4);
    expect(() => rotationGrid(0)).toThrow(/rotation step/);
  });
});
