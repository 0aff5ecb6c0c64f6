import { describe, expect, it } from 'vitest';
import { createRandom, deriveSeed } from './random.ts';

describe('createRandom', () => {
  it('is deterministic by seed and differs between seeds', () => {
    const a = createRandom(42);
    const b = createRandom(42);
    const c = createRandom(43);
    const seqA = Array.from({ length: 5 }, () => a.next());
    expect(Array.from({ length: 5 }, () => b.next())).toEqual(seqA);
    expect(Array.from({ length: 5 }, () => c.next())).not.toEqual(seqA);
  });

  it('draws uniforms in [0,1) and standard normals with the right moments', () => {
    const random = createRandom(1);
    let sum = 0;
    let sumSq = 0;
    let min = 1;
    let max = 0;
    const n = 200_000;
    for (let i = 0; i < n; i++) {
      const u = random.next();
      min = Math.min(min, u);
      max = Math.max(max, u);
      const g = random.gaussian();
      sum += g;
      sumSq += g * g;
    }
    expect(min).toBeGreaterThanOrEqual(0);
    expect(max).toBeLessThan(1);
    expect(Math.abs(sum / n)).toBeLessThan(0.01);
    expect(sumSq / n).toBeCloseTo(1, 1);
    const ints = new Set(Array.from({ length: 1000 }, () => random.int(7)));
    expect([...ints].sort()).toEqual([0, 1, 2, 3, 4, 5, 6]);
  });

  it('draws proper rotations, uniform on SO(3)', () => {
    const random = createRandom(9);
    let traceSum = 0;
    let zSum = 0;
    let zSqSum = 0;
    const n = 20_000;
    let worstDet = 0;
    let worstDot = 0;
    for (let i = 0; i < n; i++) {
      const r = random.rotation();
      // Orthonormal with determinant +1.
      const det =
        r[0]! * (r[4]! * r[8]! - r[5]! * r[7]!) -
        r[1]! * (r[3]! * r[8]! - r[5]! * r[6]!) +
        r[2]! * (r[3]! * r[7]! - r[4]! * r[6]!);
      worstDet = Math.max(worstDet, Math.abs(det - 1));
      worstDot = Math.max(worstDot, Math.abs(r[0]! * r[1]! + r[3]! * r[4]! + r[6]! * r[7]!));
      traceSum += r[0]! + r[4]! + r[8]!;
      zSum += r[8]!;
      zSqSum += r[8]! * r[8]!;
    }
    expect(worstDet).toBeLessThan(1e-9);
    expect(worstDot).toBeLessThan(1e-9);
    // Haar measure: E[trace] = 0, the image of ẑ is uniform on the sphere (E[z] = 0, E[z²] = 1/3).
    expect(Math.abs(traceSum / n)).toBeLessThan(0.03);
    expect(Math.abs(zSum / n)).toBeLessThan(0.02);
    expect(zSqSum / n).toBeCloseTo(1 / 3, 2);
  });
});

describe('deriveSeed', () => {
  it('gives independent, reproducible streams', () => {
    expect(deriveSeed(1, 'noise')).toBe(deriveSeed(1, 'noise'));
    expect(deriveSeed(1, 'noise')).not.toBe(deriveSeed(1, 'placement'));
    expect(deriveSeed(1, 'noise')).not.toBe(deriveSeed(2, 'noise'));
  });
});
