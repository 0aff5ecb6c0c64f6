import { describe, expect, it } from 'vitest';
import { fft3d } from './fft.ts';
import { inverseFft3dFromRows, type FrequencySupport } from './fft-pruned.ts';
import { PowerOfTwoLines } from './fft-lines.ts';
import { createRandom } from '../sim/random.ts';
import { naiveDft, maxAbsDiff } from './naive-dft.ts';

function randomArray(n: number, seed: number): Float64Array {
  const random = createRandom(seed);
  return Float64Array.from({ length: n }, () => random.gaussian());
}

describe('PowerOfTwoLines', () => {
  // Odd and even powers of two: with and without the leading radix-2 stage.
  it.each([
    [2, 1],
    [4, 3],
    [8, 5],
    [16, 2],
    [32, 4],
    [128, 3],
  ])('transforms %i-point interleaved lines (%i at once) like the naive DFT', (n, count) => {
    const lines = new PowerOfTwoLines(n);
    for (const inverse of [false, true]) {
      const inputs = Array.from({ length: count }, (_, l) => [randomArray(n, 10 * n + l), randomArray(n, 20 * n + l)] as const);
      const re = new Float64Array(n * count);
      const im = new Float64Array(n * count);
      inputs.forEach(([r, i], l) => {
        for (let j = 0; j < n; j++) {
          re[lines.reversed[j]! * count + l] = r[j]!;
          im[lines.reversed[j]! * count + l] = i[j]!;
        }
      });
      lines.transformReordered(re, im, count, inverse);
      inputs.forEach(([r, i], l) => {
        const [expRe, expIm] = naiveDft(r, i, inverse);
        const gotRe = Float64Array.from({ length: n }, (_, j) => re[j * count + l]!);
        const gotIm = Float64Array.from({ length: n }, (_, j) => im[j * count + l]!);
        expect(maxAbsDiff(gotRe, expRe)).toBeLessThan(1e-10 * n);
        expect(maxAbsDiff(gotIm, expIm)).toBeLessThan(1e-10 * n);
      });
    }
  });

  it('refuses lengths that are not powers of two', () => {
    expect(() => new PowerOfTwoLines(12)).toThrow(/power-of-two/);
  });
});

describe('inverseFft3dFromRows', () => {
  /** A random spectrum that is zero outside the support box. */
  function spectrum(shape: [number, number, number], support: FrequencySupport, seed: number): [Float64Array, Float64Array] {
    const [nx, ny, nz] = shape;
    const re = randomArray(nx * ny * nz, seed);
    const im = randomArray(nx * ny * nz, seed + 1);
    for (let z = 0; z < nz; z++)
      for (let y = 0; y < ny; y++)
        for (let x = 0; x < nx; x++) {
          if (support[0][x] && support[1][y] && support[2][z]) continue;
          re[x + nx * (y + ny * z)] = 0;
          im[x + nx * (y + ny * z)] = 0;
        }
    return [re, im];
  }

  const band = (n: number, keep: number) => Uint8Array.from({ length: n }, (_, k) => (Math.min(k, n - k) <= keep ? 1 : 0));

  it.each([
    [[16, 8, 4], 3, 2, 1],
    [[8, 8, 8], 4, 4, 4],
    [[6, 5, 3], 3, 2, 1],
    [[32, 4, 1], 5, 1, 0],
  ] as [[number, number, number], number, number, number][])(
    'equals the full inverse fft3d for %j with bands %i, %i, %i (garbage outside the support ignored)',
    (shape, kx, ky, kz) => {
      const [nx, ny, nz] = shape;
      const support: FrequencySupport = [band(nx, kx), band(ny, ky), band(nz, kz)];
      const [specRe, specIm] = spectrum(shape, support, nx + ny + nz);
      const expRe = specRe.slice();
      const expIm = specIm.slice();
      fft3d(expRe, expIm, shape, true);
      // Output arrays start with garbage: the pruned passes must never read it.
      const re = randomArray(nx * ny * nz, 99);
      const im = randomArray(nx * ny * nz, 98);
      const requested = new Set<string>();
      inverseFft3dFromRows(
        (y, z, rowRe, rowIm) => {
          requested.add(`${y},${z}`);
          for (let x = 0; x < nx; x++) {
            rowRe[x] = specRe[x + nx * (y + ny * z)]!;
            rowIm[x] = specIm[x + nx * (y + ny * z)]!;
          }
        },
        support,
        re,
        im,
        shape,
      );
      expect(maxAbsDiff(re, expRe)).toBeLessThan(1e-12);
      expect(maxAbsDiff(im, expIm)).toBeLessThan(1e-12);
      const inside = support[1].reduce((a, b) => a + b, 0) * support[2].reduce((a, b) => a + b, 0);
      expect(requested.size).toBe(inside);
    },
  );

  it.each([
    [[16, 8, 4], [11, 5, 3]],
    [[8, 8, 8], [8, 8, 5]],
    [[8, 8, 8], [8, 3, 8]],
    [[6, 5, 3], [4, 5, 2]],
    [[32, 4, 1], [20, 3, 1]],
  ] as [[number, number, number], [number, number, number]][])('writes only the box %j → %j when asked, equal to the full inverse there', (shape, box) => {
    const [nx, ny, nz] = shape;
    const [ox, oy, oz] = box;
    const support: FrequencySupport = [band(nx, 2), band(ny, 1), band(nz, 1)];
    const [specRe, specIm] = spectrum(shape, support, 7 * nx + ny);
    const expRe = specRe.slice();
    const expIm = specIm.slice();
    fft3d(expRe, expIm, shape, true);
    const out = { shape: box, re: new Float64Array(ox * oy * oz), im: new Float64Array(ox * oy * oz) };
    const source = (y: number, z: number, rowRe: Float64Array, rowIm: Float64Array) => {
      rowRe.set(specRe.subarray(nx * (y + ny * z), nx * (y + ny * z + 1)));
      rowIm.set(specIm.subarray(nx * (y + ny * z), nx * (y + ny * z + 1)));
    };
    inverseFft3dFromRows(source, support, randomArray(nx * ny * nz, 5), randomArray(nx * ny * nz, 6), shape, out);
    let worst = 0;
    for (let z = 0; z < oz; z++)
      for (let y = 0; y < oy; y++)
        for (let x = 0; x < ox; x++) {
          const i = x + ox * (y + oy * z);
          const j = x + nx * (y + ny * z);
          worst = Math.max(worst, Math.abs(out.re[i]! - expRe[j]!), Math.abs(out.im[i]! - expIm[j]!));
        }
    expect(worst).toBeLessThan(1e-12);
  });

  it('may write a box of whole planes into views of its own work arrays', () => {
    const shape: [number, number, number] = [8, 4, 16];
    const support: FrequencySupport = [band(8, 2), band(4, 1), band(16, 3)];
    const [specRe, specIm] = spectrum(shape, support, 31);
    const expRe = specRe.slice();
    const expIm = specIm.slice();
    fft3d(expRe, expIm, shape, true);
    const re = randomArray(8 * 4 * 16, 1);
    const im = randomArray(8 * 4 * 16, 2);
    const out = { shape: [8, 4, 11] as const, re: re.subarray(0, 8 * 4 * 11), im: im.subarray(0, 8 * 4 * 11) };
    const source = (y: number, z: number, rowRe: Float64Array, rowIm: Float64Array) => {
      rowRe.set(specRe.subarray(8 * (y + 4 * z), 8 * (y + 4 * z + 1)));
      rowIm.set(specIm.subarray(8 * (y + 4 * z), 8 * (y + 4 * z + 1)));
    };
    inverseFft3dFromRows(source, support, re, im, shape, out);
    expect(maxAbsDiff(out.re, expRe.subarray(0, out.re.length))).toBeLessThan(1e-12);
    expect(maxAbsDiff(out.im, expIm.subarray(0, out.im.length))).toBeLessThan(1e-12);
  });

  it('rejects a box larger than the transform', () => {
    const support: FrequencySupport = [band(4, 1), band(4, 1), band(4, 1)];
    const out = { shape: [4, 5, 4] as const, re: new Float32Array(80), im: new Float32Array(80) };
    expect(() => inverseFft3dFromRows(() => {}, support, new Float32Array(64), new Float32Array(64), [4, 4, 4], out)).toThrow(/4×5×4 does not fit/);
  });

  it('rejects a support that does not match the shape', () => {
    const support: FrequencySupport = [band(4, 1), band(4, 1), band(3, 1)];
    expect(() => inverseFft3dFromRows(() => {}, support, new Float32Array(64), new Float32Array(64), [4, 4, 4])).toThrow(/axis z has 3 bins/);
  });
});
