import { describe, expect, it } from 'vitest';
import { FIRST_INSIDE, insideScaleCount, interpolateDiameter, isAboveRange, isBelowRange, isInsideRange, MAX_INSIDE_STEP, scaleBank, sigmaForDiameter } from './scales.ts';

describe('scaleBank', () => {
  it("gives UPicker's 11 scales on a range up to 2.25 wide: 4 below, 3 inside, 4 above, ascending", () => {
    const bank = scaleBank(100, 225);
    const d = bank.diameters;
    expect(d).toHaveLength(11);
    expect([bank.firstInside, bank.lastInside]).toEqual([FIRST_INSIDE, FIRST_INSIDE + 2]);
    expect(d[FIRST_INSIDE]).toBe(100);
    expect(d[FIRST_INSIDE + 1]).toBeCloseTo(150, 10);
    expect(d[bank.lastInside]).toBe(225);
    expect(d[0]).toBeCloseTo(50, 10);
    expect(d[10]).toBeCloseTo(450, 10);
    for (let i = 1; i < d.length; i++) expect(d[i]!).toBeGreaterThan(d[i - 1]!);
  });

  it('adds inside scales to a wider range so that neighbours stay at most 1.5× apart', () => {
    expect(insideScaleCount(100, 100)).toBe(3);
    expect(insideScaleCount(100, 226)).toBe(4);
    const bank = scaleBank(27, 260);
    const inside = bank.diameters.slice(bank.firstInside, bank.lastInside + 1);
    expect(inside).toHaveLength(7);
    expect([inside[0], inside.at(-1)]).toEqual([27, 260]);
    for (let i = 1; i < inside.length; i++) expect(inside[i]! / inside[i - 1]!).toBeLessThanOrEqual(MAX_INSIDE_STEP);
    expect(bank.diameters).toHaveLength(15);
    expect(bank.diameters[0]).toBeCloseTo(13.5, 10);
    expect(bank.diameters.at(-1)).toBeCloseTo(520, 10);
  });

  it('tells below, inside and above the range apart by index', () => {
    const bank = scaleBank(27, 260);
    expect([3, 4, 10, 11].map((i) => [isBelowRange(bank, i), isInsideRange(bank, i), isAboveRange(bank, i)])).toEqual([
      [true, false, false],
      [false, true, false],
      [false, true, false],
      [false, false, true],
    ]);
  });

  it('rejects bad ranges with a clear message', () => {
    expect(() => scaleBank(300, 100)).toThrow(/larger than the maximum/);
    expect(() => scaleBank(0, 100)).toThrow(/positive/);
  });

  it('uses σ = d / (2√3)', () => {
    expect(sigmaForDiameter(2 * Math.sqrt(3))).toBeCloseTo(1, 12);
  });
});

describe('interpolateDiameter', () => {
  it('finds the vertex of a parabola in log d', () => {
    const d = scaleBank(100, 400).diameters;
    const peak = Math.log(170);
    const f = (x: number) => 5 - (Math.log(x) - peak) ** 2;
    const best = FIRST_INSIDE + 1;
    expect(interpolateDiameter(d, best, f(d[best - 1]!), f(d[best]!), f(d[best + 1]!))).toBeCloseTo(170, 6);
  });

  it('returns the scale itself at the ends of the bank or without a peak', () => {
    const d = scaleBank(100, 400).diameters;
    expect(interpolateDiameter(d, 0, 0, 1, 0.5)).toBe(d[0]);
    expect(interpolateDiameter(d, 5, 1, 1, 1)).toBe(d[5]);
  });
});
