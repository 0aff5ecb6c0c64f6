import { describe, expect, it } from 'vitest';
import { fft3d, frequencyIndex } from '../volume/fft.ts';
import { FourierLogFilterBank } from './fourier-log-bank.ts';
import type { BankFilter } from './log-filter-bank.ts';
import { sigmaForDiameter } from './scales.ts';
import { ballVolume } from './test-volumes.ts';

const iso = (s: number) => [s, s, s] as const;

async function responses(volume: ReturnType<typeof ballVolume>, filters: BankFilter[]): Promise<Float32Array[]> {
  const out: Float32Array[] = [];
  await new FourierLogFilterBank().run(volume, filters, (index, response) => (out[index] = response.slice()));
  return out;
}

describe('FourierLogFilterBank', () => {
  it('a dark ball responds most at its centre and at the scale of its diameter', async () => {
    const diameter = 12;
    const volume = ballVolume([48, 48, 48], [{ x: 24, y: 23, z: 25, diameter, contrast: -1 }]);
    const diameters = [6, 8, 10, 12, 14, 17, 20];
    const filters: BankFilter[] = diameters.map((d) => ({ kind: 'log', sigmaVoxels: iso(sigmaForDiameter(d)), sign: 1 }));
    const out = await responses(volume, filters);
    const centre = 24 + 48 * (23 + 48 * 25);
    const atCentre = out.map((r) => r[centre]!);
    expect(diameters[atCentre.indexOf(Math.max(...atCentre))]).toBe(12);
    const best = out[atCentre.indexOf(Math.max(...atCentre))]!;
    let argmax = 0;
    for (let i = 1; i < best.length; i++) if (best[i]! > best[argmax]!) argmax = i;
    expect(argmax).toBe(centre);
    expect(best[centre]!).toBeGreaterThan(0);
  });

  it('a bright ball responds positively with sign −1', async () => {
    const volume = ballVolume([32, 32, 32], [{ x: 16, y: 16, z: 16, diameter: 8, contrast: 1 }]);
    const [dark, bright] = await responses(volume, [
      { kind: 'log', sigmaVoxels: iso(sigmaForDiameter(8)), sign: 1 },
      { kind: 'log', sigmaVoxels: iso(sigmaForDiameter(8)), sign: -1 },
    ]);
    const centre = 16 + 32 * (16 + 32 * 16);
    expect(bright![centre]!).toBeGreaterThan(0);
    expect(dark![centre]!).toBeCloseTo(-bright![centre]!, 5);
  });

  it('its Gaussian equals a direct periodic convolution with the continuous Gaussian', async () => {
    const n = 16;
    const volume = ballVolume([n, n, n], [], 1, 7);
    const sigma = 1.5;
    const [smooth] = await responses(volume, [{ kind: 'gaussian', sigmaVoxels: iso(sigma) }]);
    const data = volume.data as Float32Array;
    const norm = (2 * Math.PI * sigma * sigma) ** -1.5;
    const wrap = (d: number) => ((((d + n / 2) % n) + n) % n) - n / 2;
    for (const [px, py, pz] of [
      [3, 4, 5],
      [0, 15, 8],
    ]) {
      let direct = 0;
      for (let z = 0; z < n; z++)
        for (let y = 0; y < n; y++)
          for (let x = 0; x < n; x++) {
            const r2 = wrap(x - px!) ** 2 + wrap(y - py!) ** 2 + wrap(z - pz!) ** 2;
            direct += data[x + n * (y + n * z)]! * norm * Math.exp(-r2 / (2 * sigma * sigma));
          }
      expect(smooth![px! + n * (py! + n * pz!)]).toBeCloseTo(direct, 4);
    }
  });

  it('leaving out the bins beyond a wide pair\'s support changes nothing above float32 rounding', async () => {
    const n = 32;
    const volume = ballVolume([n, n, n], [{ x: 12, y: 20, z: 15, diameter: 10, contrast: -1 }], 0.5, 3);
    // σ = 4 and 5 voxels: only about half of each axis is inside the pair's support.
    const sigmas = [4, 5];
    const out = await responses(volume, sigmas.map((s) => ({ kind: 'log', sigmaVoxels: iso(s), sign: 1 }) as BankFilter));
    // Reference: the full product F·H on every bin, inverse-transformed in float64.
    const data = volume.data as Float32Array;
    const mean = volume.stats.mean;
    const specRe = Float64Array.from(data, (v) => v - mean);
    const specIm = new Float64Array(specRe.length);
    fft3d(specRe, specIm, [n, n, n]);
    sigmas.forEach((sigma, k) => {
      const re = new Float64Array(specRe.length);
      const im = new Float64Array(specRe.length);
      for (let z = 0; z < n; z++)
        for (let y = 0; y < n; y++)
          for (let x = 0; x < n; x++) {
            const f2 = (frequencyIndex(x, n) ** 2 + frequencyIndex(y, n) ** 2 + frequencyIndex(z, n) ** 2) / (n * n);
            const h = -4 * Math.PI * Math.PI * sigma * sigma * f2 * Math.exp(-2 * Math.PI * Math.PI * sigma * sigma * f2);
            const i = x + n * (y + n * z);
            re[i] = specRe[i]! * h;
            im[i] = specIm[i]! * h;
          }
      fft3d(re, im, [n, n, n], true);
      let peak = 0;
      let diff = 0;
      for (let i = 0; i < re.length; i++) {
        peak = Math.max(peak, Math.abs(re[i]!));
        diff = Math.max(diff, Math.abs(re[i]! - out[k]![i]!));
      }
      expect(diff / peak).toBeLessThan(1e-6);
    });
  });

  it('stops when aborted', async () => {
    const volume = ballVolume([16, 16, 16], []);
    const controller = new AbortController();
    controller.abort();
    await expect(
      new FourierLogFilterBank().run(volume, [{ kind: 'gaussian', sigmaVoxels: iso(1) }], () => {}, { signal: controller.signal }),
    ).rejects.toThrow();
  });
});
