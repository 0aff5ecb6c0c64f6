import { describe, expect, it } from 'vitest';
import { FIRST_INSIDE, interpolateDiameter, LAST_INSIDE, SCALE_COUNT, scaleDiameters, sigmaForDiameter } from './scales.ts';

describe('scaleDiameters', () => {
  it('gives 4 scales below, 3 inside and 4 above the range, ascending', () => {
    const d = scaleDiameters(100, 400);
    expect(d).toHaveLength(SCALE_COUNT);
    expect(d[FIRST_INSIDE]).toBe(100);
    expect(d[FIRST_INSIDE + 1]).toBeCloseTo(200, 10);
    expect(d[LAST_INSIDE]).toBe(400);
    expect(d[0]).toBeCloseTo(50, 10);
    expect(d[SCALE_COUNT - 1]).toBeCloseTo(800, 10);
    for (let i = 1; i < d.length; i++) expect(d[i]!).toBeGreaterThan(d[i - 1]!);
  });

  it('rejects bad ranges with a clear message', () => {
    expect(() => scaleDiameters(300, 100)).toThrow(/larger than the maximum/);
    expect(() => scaleDiameters(0, 100)).toThrow(/positive/);
  });

  it('uses σ = d / (2√3)', () => {
    expect(sigmaForDiameter(2 * Math.sqrt(3))).toBeCloseTo(1, 12);
  });
});

describe('interpolateDiameter', () => {
  it('finds the vertex of a parabola in log d', () => {
    const d = scaleDiameters(100, 400);
    const peak = Math.log(170);
    const f = (x: number) => 5 - (Math.log(x) - peak) ** 2;
    const best = FIRST_INSIDE + 1;
    expect(interpolateDiameter(d, best, f(d[best - 1]!), f(d[best]!), f(d[best + 1]!))).toBeCloseTo(170, 6);
  });

  it('returns the scale itself at the ends of the bank or without a peak', () => {
    const d = scaleDiameters(100, 400);
    expect(interpolateDiameter(d, 0, 0, 1, 0.5)).toBe(d[0]);
    expect(interpolateDiameter(d, 5, 1, 1, 1)).toBe(d[5]);
  });
});
