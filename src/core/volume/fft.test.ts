import { describe, expect, it } from 'vitest';
import { evenCuts, fft1d, fft3d, fft3dAxes, fftPlan, frequencyIndex, isPowerOfTwo, nextPowerOfTwo, splitAxisLines, transformAxis } from './fft.ts';
import { createRandom } from '../sim/random.ts';
import { maxAbsDiff, naiveDft, naiveDft3d } from './naive-dft.ts';

function randomComplex(n: number, seed: number): [Float64Array, Float64Array] {
  const random = createRandom(seed);
  const re = new Float64Array(n);
  const im = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    re[i] = random.gaussian();
    im[i] = random.gaussian();
  }
  return [re, im];
}

describe('fft1d', () => {
  it.each([1, 2, 4, 8, 64, 256, 3, 5, 6, 12, 100, 160, 97])('matches the naive DFT for n = %i', (n) => {
    for (const inverse of [false, true]) {
      const [re, im] = randomComplex(n, n);
      const [expRe, expIm] = naiveDft(re, im, inverse);
      fft1d(re, im, inverse);
      const tolerance = 1e-9 * n;
      expect(maxAbsDiff(re, expRe)).toBeLessThan(tolerance);
      expect(maxAbsDiff(im, expIm)).toBeLessThan(tolerance);
    }
  });

  it('round-trips forward then inverse (÷ n) for a Bluestein length', () => {
    const [re, im] = randomComplex(1000, 7);
    const [origRe, origIm] = [re.slice(), im.slice()];
    fft1d(re, im, false);
    fft1d(re, im, true);
    for (let i = 0; i < re.length; i++) {
      re[i]! /= 1000;
      im[i]! /= 1000;
    }
    expect(maxAbsDiff(re, origRe)).toBeLessThan(1e-10);
    expect(maxAbsDiff(im, origIm)).toBeLessThan(1e-10);
  });

  it('refuses bad lengths with a clear message', () => {
    expect(() => fftPlan(0)).toThrow(/positive integer/);
    expect(() => fftPlan(2.5)).toThrow(/positive integer/);
    expect(() => fft1d(new Float64Array(4), new Float64Array(3))).toThrow(/equal/);
  });
});

describe('fft3d', () => {
  it.each([
    [8, 4, 2],
    [6, 5, 3],
    [20, 3, 1],
    [1, 1, 7],
  ] as [number, number, number][])('matches the naive 3D DFT for %i×%i×%i (x fastest)', (nx, ny, nz) => {
    const [re, im] = randomComplex(nx * ny * nz, nx + 10 * ny + 100 * nz);
    const [expRe, expIm] = naiveDft3d(re, im, [nx, ny, nz]);
    fft3d(re, im, [nx, ny, nz]);
    expect(maxAbsDiff(re, expRe!)).toBeLessThan(1e-8);
    expect(maxAbsDiff(im, expIm!)).toBeLessThan(1e-8);
  });

  it('inverse undoes forward on float32 arrays (32×16×8)', () => {
    const n = 32 * 16 * 8;
    const [re64, im64] = randomComplex(n, 3);
    const re = Float32Array.from(re64);
    const im = Float32Array.from(im64);
    fft3d(re, im, [32, 16, 8]);
    expect(maxAbsDiff(re, re64)).toBeGreaterThan(1);
    fft3d(re, im, [32, 16, 8], true);
    expect(maxAbsDiff(re, re64)).toBeLessThan(1e-5);
    expect(maxAbsDiff(im, im64)).toBeLessThan(1e-5);
  });

  it('rejects arrays that do not match the shape', () => {
    expect(() => fft3d(new Float32Array(10), new Float32Array(10), [2, 2, 2])).toThrow(/do not match shape 2×2×2/);
  });
});

describe('helpers', () => {
  it('computes powers of two and signed frequencies', () => {
    expect(nextPowerOfTwo(1)).toBe(1);
    expect(nextPowerOfTwo(129)).toBe(256);
    expect(isPowerOfTwo(64)).toBe(true);
    expect(isPowerOfTwo(96)).toBe(false);
    expect([0, 1, 2, 3, 4, 5].map((k) => frequencyIndex(k, 6))).toEqual([0, 1, 2, -3, -2, -1]);
    expect([0, 1, 2, 3, 4].map((k) => frequencyIndex(k, 5))).toEqual([0, 1, 2, -2, -1]);
  });
});

describe('passes in shares (parallel workers)', () => {
  it('cuts runs evenly, never into empty ones', () => {
    expect(evenCuts(10, 3)).toEqual([[0, 3], [3, 6], [6, 10]]);
    expect(evenCuts(2, 4)).toEqual([[0, 1], [1, 2]]);
  });

  // Shares by groups (y: 12 planes, 8 selected), by tiles of lines (x, z: one group; y for 10 parts), one share.
  it.each([2, 3, 5, 10, 1])('transforming the %i shares of each pass one after another equals the whole pass', (parts) => {
    const shape = [8, 16, 12] as const;
    const n = 8 * 16 * 12;
    const [re, im] = randomComplex(n, 11);
    const wholeRe = Float32Array.from(re);
    const wholeIm = Float32Array.from(im);
    const sharedRe = Float32Array.from(re);
    const sharedIm = Float32Array.from(im);
    const selected = Uint8Array.from({ length: 12 }, (_, z) => (z % 3 === 1 ? 0 : 1));
    for (const axis of fft3dAxes(shape)) {
      const lines = axis.groups > 1 ? { ...axis, selectedGroups: selected } : axis;
      transformAxis(wholeRe, wholeIm, lines, false, 1);
      const shares = splitAxisLines(lines, parts);
      expect(shares.length).toBeLessThanOrEqual(parts);
      for (const share of shares) transformAxis(sharedRe, sharedIm, share, false, 1);
    }
    expect(Array.from(sharedRe)).toEqual(Array.from(wholeRe));
    expect(Array.from(sharedIm)).toEqual(Array.from(wholeIm));
  });
});
