import { describe, expect, it } from 'vitest';
import { automaticMask, sampleSlab } from './auto-mask.ts';
import { FourierLogFilterBank } from './fourier-log-bank.ts';
import { ballVolume, type Ball } from './test-volumes.ts';

const shape: [number, number, number] = [48, 48, 32];
const particles: Ball[] = [
  { x: 10, y: 10, z: 16, diameter: 8, contrast: -1 },
  { x: 36, y: 12, z: 15, diameter: 8, contrast: -1 },
  { x: 12, y: 36, z: 17, diameter: 8, contrast: -1 },
  { x: 36, y: 36, z: 16, diameter: 8, contrast: -1 },
];

async function lowPass(balls: Ball[]): Promise<Float32Array> {
  let out = new Float32Array(0);
  await new FourierLogFilterBank().run(ballVolume(shape, balls, 0.5, 2), [{ kind: 'gaussian', sigmaVoxels: [2, 2, 2] }], (_, r) => (out = r.slice()));
  return out;
}

const at = (x: number, y: number, z: number) => x + shape[0] * (y + shape[1] * z);

describe('automaticMask', () => {
  for (const contrast of [-6, 6]) {
    it(`removes a ${contrast < 0 ? 'dark' : 'bright'} gold bead and keeps the particles`, async () => {
      const bead: Ball = { x: 24, y: 24, z: 16, diameter: 8, contrast };
      const { mask, outlierVoxels } = automaticMask(await lowPass([...particles, bead]), shape, { dilationVoxels: 4 });
      expect(outlierVoxels).toBeGreaterThan(0);
      expect(mask[at(24, 24, 16)]).toBe(0);
      expect(mask[at(24, 24 + 7, 16)]).toBe(0);
      for (const p of particles) expect(mask[at(p.x, p.y, p.z)]).toBe(1);
    });
  }
});

describe('sampleSlab', () => {
  it('finds the z range that holds structure', () => {
    const [nx, ny, nz] = [8, 8, 20];
    const values = new Float32Array(nx * ny * nz);
    for (let z = 0; z < nz; z++)
      for (let i = 0; i < nx * ny; i++) values[z * nx * ny + i] = (i % 2 ? 1 : -1) * (z >= 5 && z <= 14 ? 1 : 0.1);
    expect(sampleSlab(values, new Uint8Array(values.length), [nx, ny, nz])).toEqual([5, 14]);
  });

  it('keeps every slice when none is quieter', () => {
    const values = Float32Array.from({ length: 8 * 8 * 6 }, (_, i) => (i % 2 ? 1 : -1));
    expect(sampleSlab(values, new Uint8Array(values.length), [8, 8, 6])).toEqual([0, 5]);
  });
});
