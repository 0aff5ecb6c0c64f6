import { describe, expect, it } from 'vitest';
import { gaussianBlur3d, gaussianKernel } from './gaussian-blur.ts';

type Dims = [number, number, number];

/** Direct triple sum with edge clamping: the definition the separable passes must reproduce. */
function naiveBlur(data: Float32Array, [nx, ny, nz]: Dims, sigmas: Dims): Float64Array {
  const kernels = sigmas.map((s) => (s === 0 ? Float32Array.of(1) : gaussianKernel(s)));
  const [wx, wy, wz] = kernels as [Float32Array, Float32Array, Float32Array];
  const [rx, ry, rz] = kernels.map((w) => (w.length - 1) / 2) as Dims;
  const clamp = (v: number, n: number) => Math.min(n - 1, Math.max(0, v));
  const out = new Float64Array(data.length);
  for (let z = 0; z < nz; z++)
    for (let y = 0; y < ny; y++)
      for (let x = 0; x < nx; x++) {
        let sum = 0;
        for (let c = -rz; c <= rz; c++)
          for (let b = -ry; b <= ry; b++)
            for (let a = -rx; a <= rx; a++) {
              const v = data[clamp(x + a, nx) + nx * (clamp(y + b, ny) + ny * clamp(z + c, nz))]!;
              sum += wx[a + rx]! * wy[b + ry]! * wz[c + rz]! * v;
            }
        out[x + nx * (y + ny * z)] = sum;
      }
  return out;
}

function randomField(n: number, seed = 7): Float32Array {
  let s = seed;
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    out[i] = s / 2 ** 30 - 1;
  }
  return out;
}

function maxDifference(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]! - b[i]!));
  return m;
}

describe('gaussianKernel', () => {
  it('is symmetric, sums to 1 and reaches 3σ', () => {
    const w = gaussianKernel(1.5);
    expect(w.length).toBe(2 * 5 + 1);
    expect(w.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 6);
    for (let k = 0; k < w.length; k++) expect(w[k]).toBeCloseTo(w[w.length - 1 - k]!, 7);
    expect(w[5]! / w[6]!).toBeCloseTo(Math.exp(1 / (2 * 1.5 ** 2)), 5);
  });

  it('rejects σ that is not a positive number', () => {
    for (const bad of [0, -1, Number.NaN, Infinity]) expect(() => gaussianKernel(bad)).toThrow(/positive number of voxels/);
  });
});

describe('gaussianBlur3d', () => {
  it('matches the direct 3D convolution with clamped edges', async () => {
    const dims: Dims = [9, 7, 6];
    const field = randomField(9 * 7 * 6);
    const expected = naiveBlur(field, dims, [1.2, 0.8, 1.6]);
    await gaussianBlur3d(field, dims, [1.2, 0.8, 1.6]);
    expect(maxDifference(field, expected)).toBeLessThan(1e-5);
  });

  it('handles kernels wider than the volume and leaves an axis with σ 0 alone', async () => {
    const dims: Dims = [5, 3, 4];
    const field = randomField(5 * 3 * 4, 3);
    const expected = naiveBlur(field, dims, [2.5, 0, 2]);
    await gaussianBlur3d(field, dims, [2.5, 0, 2]);
    expect(maxDifference(field, expected)).toBeLessThan(1e-5);
  });

  it('keeps a constant field constant and spreads an impulse into the kernel', async () => {
    const dims: Dims = [8, 8, 8];
    const flat = new Float32Array(512).fill(3.25);
    await gaussianBlur3d(flat, dims, 1);
    expect(maxDifference(flat, new Float32Array(512).fill(3.25))).toBeLessThan(1e-5);

    const impulse = new Float32Array(15 * 15 * 15);
    impulse[7 + 15 * (7 + 15 * 7)] = 1;
    await gaussianBlur3d(impulse, [15, 15, 15], 1);
    const w = gaussianKernel(1);
    expect(impulse.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
    expect(impulse[7 + 15 * (7 + 15 * 7)]).toBeCloseTo(w[3]! ** 3, 6);
    expect(impulse[8 + 15 * (6 + 15 * 7)]).toBeCloseTo(w[4]! * w[2]! * w[3]!, 6);
  });

  it('calls pause between units and stops when it throws (cancellation)', async () => {
    let calls = 0;
    const field = new Float32Array(4 * 4 * 4);
    await gaussianBlur3d(field, [4, 4, 4], 1, () => {
      calls++;
      return undefined;
    });
    expect(calls).toBeGreaterThan(3);
    const abort = () => Promise.reject(new DOMException('cancelled', 'AbortError'));
    await expect(gaussianBlur3d(field, [4, 4, 4], 1, abort)).rejects.toThrow(/cancelled/);
  });

  it('rejects a field whose length does not match its dimensions', async () => {
    await expect(gaussianBlur3d(new Float32Array(10), [2, 2, 2], 1)).rejects.toThrow(/holds 10 values but 2×2×2 needs 8/);
    await expect(gaussianBlur3d(new Float32Array(0), [0, 2, 2], 1)).rejects.toThrow(/positive integers/);
  });
});
