import { describe, expect, it } from 'vitest';
import { validationBlockOrigin, type ClassedPoint } from './validation-block.ts';

const p = (x: number, y: number, z: number, classId: number): ClassedPoint => ({ x, y, z, classId });

describe('validationBlockOrigin', () => {
  it('keeps the central block when it already holds every class', () => {
    const points = [p(50, 50, 50, 1), p(60, 60, 60, 2), p(120, 120, 120, 1)];
    expect(validationBlockOrigin([128, 128, 128], [64, 64, 64], points)).toEqual([32, 32, 32]);
  });

  it('moves the block to take in a rare class the centre lacks', () => {
    const common = [p(60, 60, 60, 1), p(70, 64, 64, 1), p(64, 70, 64, 1)];
    const rare = p(100, 40, 64, 2);
    const origin = validationBlockOrigin([128, 128, 128], [64, 64, 64], [...common, rare]);
    const inside = (q: ClassedPoint) => [q.x, q.y, q.z].every((v, i) => v >= origin[i]! && v <= origin[i]! + 63);
    expect(inside(rare)).toBe(true);
    expect(common.some(inside)).toBe(true);
  });

  it('prefers more particles of the rarest class, then more particles', () => {
    // Class 2 twice near x = 10, once near x = 110; class 1 everywhere.
    const points = [p(10, 32, 32, 2), p(14, 32, 32, 2), p(110, 32, 32, 2), ...[8, 40, 72, 104].map((x) => p(x, 20, 20, 1))];
    const origin = validationBlockOrigin([128, 64, 64], [64, 64, 64], points);
    expect(origin).toEqual([0, 0, 0]);
  });

  it('uses the whole volume when it is smaller than the block', () => {
    expect(validationBlockOrigin([40, 30, 20], [40, 30, 20], [p(1, 1, 1, 1)])).toEqual([0, 0, 0]);
  });
});
