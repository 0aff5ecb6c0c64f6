import { describe, expect, it } from 'vitest';
import { applyWindow } from '../core/volume/window.ts';
import { imageClipRect, windowedGrey, windowUniforms } from './slice-gl-program.ts';
import { fitTransform, toCanvas } from './view-transform.ts';

describe('slice shader uniforms', () => {
  const values = new Float32Array([-3, -1, 0, 0.2, 0.5, 0.77, 1, 2, NaN]);

  for (const window of [
    { low: -1, high: 1, invert: false },
    { low: -1, high: 1, invert: true },
    { low: 0.5, high: 0.5, invert: false },
    { low: 0.5, high: -2, invert: true },
  ]) {
    it(`matches the CPU window for ${JSON.stringify(window)}`, () => {
      const cpu = new Uint8ClampedArray(values.length * 4);
      applyWindow(values, window.low, window.high, window.invert, cpu);
      const u = windowUniforms(window);
      expect([...values].map((v) => windowedGrey(v, u))).toEqual([...values].map((_, i) => cpu[i * 4]));
    });
  }

  it('rejects a window that is not finite', () => {
    expect(() => windowUniforms({ low: NaN, high: 1, invert: false })).toThrow(/finite/);
  });
});

describe('image clip rectangle', () => {
  it('covers the canvas for a fitted square image, row 0 at the top', () => {
    expect(imageClipRect(fitTransform(64, 64, 256, 256), 64, 64, 256, 256)).toEqual([-1, 1, 1, -1]);
  });

  it('puts voxel centres where the view transform puts them', () => {
    const t = { scale: 3, offsetX: 20, offsetY: -7 };
    const [x0, y0, x1, y1] = imageClipRect(t, 50, 40, 400, 300);
    const [cx, cy] = toCanvas(t, 10, 5);
    // Voxel (10, 5) centre, by interpolating across the quad.
    const u = (10 + 0.5) / 50;
    const v = (5 + 0.5) / 40;
    expect(((x0 + (x1 - x0) * u + 1) / 2) * 400).toBeCloseTo(cx, 9);
    expect(((1 - (y0 + (y1 - y0) * v)) / 2) * 300).toBeCloseTo(cy, 9);
  });
});
