import { describe, expect, it } from 'vitest';
import { conv3dBackpropFilter } from './conv3d-backprop-filter.ts';
import { conv3dBackpropInput } from './conv3d-backprop-input.ts';
import { conv3dForward } from './conv3d-forward.ts';
import { type Conv3dPad, type Conv3dStrides, conv3dGeometry } from './conv3d-geometry.ts';
import { seededUniform, naiveConv3d, naiveConv3dBackpropFilter, naiveConv3dBackpropInput } from './conv3d-naive-reference.ts';

const random = seededUniform;

const product = (shape: readonly number[]): number => shape.reduce((a, b) => a * b, 1);

/** Max |a − b| relative to max |b|, so one tolerance fits every shape. */
function relativeError(a: Float32Array, b: Float64Array): number {
  let diff = 0;
  let scale = 1e-30;
  for (let i = 0; i < b.length; i++) {
    diff = Math.max(diff, Math.abs(a[i]! - b[i]!));
    scale = Math.max(scale, Math.abs(b[i]!));
  }
  return diff / scale;
}

interface Case {
  name: string;
  x: number[];
  filter: number[];
  strides: Conv3dStrides;
  pad: Conv3dPad;
}

const CASES: Case[] = [
  { name: '3×3×3 same, batch 2, odd sizes, 3 → 5 channels', x: [2, 5, 7, 9, 3], filter: [3, 3, 3, 3, 5], strides: 1, pad: 'same' },
  { name: '3×3×3 same, 5 → 3 channels, several chunks', x: [2, 7, 9, 11, 5], filter: [3, 3, 3, 5, 3], strides: 1, pad: 'same' },
  { name: '3×3×3 same, 1 → 8 channels (first layer)', x: [1, 6, 5, 7, 1], filter: [3, 3, 3, 1, 8], strides: 1, pad: 'same' },
  { name: '1×1×1, 8 → 5 channels (final layer)', x: [2, 4, 5, 3, 8], filter: [1, 1, 1, 8, 5], strides: 1, pad: 'same' },
  { name: '2×2×2 stride 2 same, even sizes, 6 → 12', x: [2, 6, 4, 8, 6], filter: [2, 2, 2, 6, 12], strides: 2, pad: 'same' },
  { name: '2×2×2 stride 2 same, odd sizes (padded)', x: [1, 7, 5, 3, 4], filter: [2, 2, 2, 4, 3], strides: 2, pad: 'same' },
  { name: 'even kernel stride 1 same (asymmetric pad)', x: [1, 5, 6, 4, 2], filter: [2, 4, 2, 2, 3], strides: 1, pad: 'same' },
  { name: '3×3×3 valid stride 1', x: [1, 6, 5, 7, 2], filter: [3, 3, 3, 2, 3], strides: 1, pad: 'valid' },
  { name: 'mixed strides, valid', x: [2, 9, 7, 8, 3], filter: [3, 2, 3, 3, 4], strides: [2, 1, 3], pad: 'valid' },
];

describe('conv3d kernels vs the float64 reference', () => {
  CASES.forEach((c, i) => {
    const g = conv3dGeometry(c.x, c.filter, c.strides, c.pad);
    const x = random(product(c.x), 3 * i + 1);
    const w = random(product(c.filter), 3 * i + 2);
    const dy = random(g.batch * g.outD * g.outH * g.outW * g.outC, 3 * i + 3);

    it(`forward: ${c.name}`, () => {
      expect(relativeError(conv3dForward(x, w, g), naiveConv3d(x, w, g))).toBeLessThan(1e-5);
    });
    it(`backprop input: ${c.name}`, () => {
      // Prefilled with NaN: the kernel must write every value of a reused output buffer.
      const out = new Float32Array(x.length).fill(NaN);
      expect(relativeError(conv3dBackpropInput(dy, w, g, out), naiveConv3dBackpropInput(dy, w, g))).toBeLessThan(1e-5);
    });
    it(`backprop filter: ${c.name}`, () => {
      const out = new Float32Array(w.length).fill(NaN);
      expect(relativeError(conv3dBackpropFilter(x, dy, g, out), naiveConv3dBackpropFilter(x, dy, g))).toBeLessThan(1e-5);
    });
  });

  it('gives the same answer on a second call (scratch buffers are reset)', () => {
    const g = conv3dGeometry([1, 4, 4, 4, 3], [3, 3, 3, 3, 5], 1, 'same');
    const x = random(product([1, 4, 4, 4, 3]), 7);
    const dy = random(product([1, 4, 4, 4, 5]), 8);
    const first = conv3dBackpropFilter(x, dy, g);
    conv3dBackpropFilter(random(x.length, 9), random(dy.length, 10), g);
    expect(conv3dBackpropFilter(x, dy, g)).toEqual(first);
  });

  it('rejects arrays that do not match the geometry', () => {
    const g = conv3dGeometry([1, 4, 4, 4, 2], [3, 3, 3, 2, 2], 1, 'same');
    expect(() => conv3dForward(new Float32Array(10), new Float32Array(108), g)).toThrow(/x has 10 values, expected 128/);
    expect(() => conv3dGeometry([1, 4, 4, 4, 2], [3, 3, 3, 3, 2], 1, 'same')).toThrow(/2 channels but the filter expects 3/);
  });
});
