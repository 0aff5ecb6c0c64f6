import { describe, expect, it } from 'vitest';
import { fft3dOfReal } from './fft-real.ts';
import { createRandom } from '../sim/random.ts';
import { naiveDft3d, maxAbsDiff } from './naive-dft.ts';

/** The 3D DFT of a real volume by its definition (x fastest). */
const naiveDft3dOfReal = (data: Float64Array, shape: readonly [number, number, number]) => naiveDft3d(data, new Float64Array(data.length), shape);

describe('fft3dOfReal', () => {
  // Even depths take the packed half-depth path (m = 1, 2, 3, 4 planes), with odd, even and
  // non-power-of-two widths; odd depths fall back to the complex transform.
  it.each([
    [2, 2, 2],
    [3, 5, 4],
    [4, 4, 8],
    [5, 3, 6],
    [1, 1, 2],
    [6, 1, 4],
    [3, 4, 5],
    [4, 2, 1],
  ] as [number, number, number][])('equals the naive DFT of a random %i×%i×%i volume', (nx, ny, nz) => {
    const random = createRandom(nx * 100 + ny * 10 + nz);
    const data = Float64Array.from({ length: nx * ny * nz }, () => random.gaussian());
    const [expRe, expIm] = naiveDft3dOfReal(data, [nx, ny, nz]);
    const re = data.slice();
    // Garbage in the imaginary part must be ignored.
    const im = Float64Array.from({ length: data.length }, () => random.gaussian());
    fft3dOfReal(re, im, [nx, ny, nz]);
    expect(maxAbsDiff(re, expRe)).toBeLessThan(1e-10);
    expect(maxAbsDiff(im, expIm)).toBeLessThan(1e-10);
  });

  it('works on float32 arrays within float32 rounding', () => {
    const shape: [number, number, number] = [8, 4, 6];
    const random = createRandom(3);
    const data = Float64Array.from({ length: 8 * 4 * 6 }, () => random.gaussian());
    const [expRe, expIm] = naiveDft3dOfReal(data, shape);
    const re = Float32Array.from(data);
    const im = new Float32Array(data.length);
    fft3dOfReal(re, im, shape);
    expect(maxAbsDiff(re, expRe)).toBeLessThan(1e-4);
    expect(maxAbsDiff(im, expIm)).toBeLessThan(1e-4);
  });

  it('rejects arrays that do not match the shape', () => {
    expect(() => fft3dOfReal(new Float32Array(8), new Float32Array(8), [2, 2, 4])).toThrow(/do not match shape 2×2×4/);
  });
});
