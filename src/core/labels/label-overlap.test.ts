import { describe, expect, it } from 'vitest';
import { classDice } from './label-overlap.ts';

describe('class Dice between label maps', () => {
  it('counts one class only, is 0 where both lack it, and refuses maps of different sizes', () => {
    const a = Uint8Array.of(1, 1, 2, 0);
    const b = Uint8Array.of(1, 0, 2, 2);
    expect(classDice(a, b, 1)).toBeCloseTo(2 / 3, 9);
    expect(classDice(a, b, 2)).toBeCloseTo(2 / 3, 9);
    expect(classDice(a, b, 3)).toBe(0);
    expect(() => classDice(a, Uint8Array.of(1), 1)).toThrow(/cannot be compared/);
  });
});
