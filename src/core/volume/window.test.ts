import { describe, expect, it } from 'vitest';
import { applyWindow } from './window.ts';

const greys = (rgba: Uint8ClampedArray) => [...rgba].filter((_, i) => i % 4 === 0);

describe('applyWindow', () => {
  it('maps low → black and high → white, linearly, clamped outside, opaque', () => {
    const out = new Uint8ClampedArray(5 * 4);
    applyWindow(Float32Array.from([-5, 0, 5, 10, 20]), 0, 10, false, out);
    expect(greys(out)).toEqual([0, 0, 128, 255, 255]);
    expect(out.slice(8, 12)).toEqual(Uint8ClampedArray.from([128, 128, 128, 255]));
  });

  it('inverts', () => {
    const out = new Uint8ClampedArray(3 * 4);
    applyWindow(Float32Array.from([0, 2.5, 10]), 0, 10, true, out);
    expect(greys(out)).toEqual([255, 191, 0]);
  });

  it('shows NaN as opaque black whether inverted or not', () => {
    const out = new Uint8ClampedArray(2 * 4);
    applyWindow(Float32Array.from([NaN, 10]), 0, 10, true, out);
    expect([...out]).toEqual([0, 0, 0, 255, 0, 0, 0, 255]);
  });

  it('thresholds at low when the window is empty', () => {
    const out = new Uint8ClampedArray(3 * 4);
    applyWindow(Float32Array.from([1, 3, 5]), 3, 3, false, out);
    expect(greys(out)).toEqual([0, 255, 255]);
  });

  it('rejects a wrongly sized output and a non-finite window', () => {
    expect(() => applyWindow(new Float32Array(2), 0, 1, false, new Uint8ClampedArray(4))).toThrow(/2 values need 8/);
    expect(() => applyWindow(new Float32Array(1), NaN, 1, false, new Uint8ClampedArray(4))).toThrow(/must be finite/);
  });
});
