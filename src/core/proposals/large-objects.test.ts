import { describe, expect, it } from 'vitest';
import { contextBinFactor, contextDiameters, findLargeObjects } from './large-objects.ts';
import { ballVolume } from './test-volumes.ts';

const tomogram = { nx: 256, ny: 256, nz: 128, voxelSize: [10, 10, 10] as [number, number, number] };

describe('context pass', () => {
  it('adds coarse scales above 2·d_max up to 8·d_max, capped at 500 Å', () => {
    const tiny = contextDiameters(60, tomogram);
    expect(tiny[0]).toBe(120);
    expect(tiny).toHaveLength(9);
    expect(tiny.at(-1)).toBeCloseTo(480, 6);
    expect(contextDiameters(100, tomogram).at(-1)).toBeLessThanOrEqual(500);
  });

  it('skips itself where the bank already reaches large objects or the volume is small', () => {
    expect(contextDiameters(260, tomogram)).toEqual([]);
    expect(contextDiameters(260, { ...tomogram, nx: 512, ny: 512, nz: 200 })).toEqual([]);
    // 48×48×32 at 10 Å: no coarse scale fits twice in 320 Å.
    expect(contextDiameters(110, { nx: 48, ny: 48, nz: 32, voxelSize: [10, 10, 10] })).toEqual([]);
  });

  it('bins as much as keeps the first coarse σ at 2 binned voxels or more', () => {
    expect(contextBinFactor(143, [10, 10, 10])).toBe(2);
    expect(contextBinFactor(143, [5, 5, 5])).toBe(4);
    expect(contextBinFactor(100, [10, 10, 10])).toBe(1);
    // The coarsest axis decides.
    expect(contextBinFactor(143, [5, 5, 10])).toBe(2);
  });

  it('finds a large ball at its centre and size, not a small one, and honours the mask', async () => {
    const scene = ballVolume([64, 64, 64], [{ x: 32, y: 32, z: 32, diameter: 22, contrast: -1 }, { x: 10, y: 10, z: 10, diameter: 4, contrast: -1.5 }], 0.2, 2);
    const objects = await findLargeObjects(scene, { dMax: 60, sign: 1, minScore: 3 });
    expect(objects.length).toBeGreaterThanOrEqual(1);
    const [best] = objects;
    expect(Math.hypot(best!.x - 32, best!.y - 32, best!.z - 32)).toBeLessThanOrEqual(1.5);
    expect(best!.diameterAngstrom).toBeGreaterThan(180);
    expect(best!.diameterAngstrom).toBeLessThan(260);
    expect(objects.some((o) => Math.hypot(o.x - 10, o.y - 10, o.z - 10) < 4)).toBe(false);
    const mask = new Uint8Array(64 ** 3).fill(1);
    for (let z = 24; z < 40; z++) for (let y = 24; y < 40; y++) for (let x = 24; x < 40; x++) mask[x + 64 * (y + 64 * z)] = 0;
    const masked = await findLargeObjects(scene, { dMax: 60, sign: 1, minScore: 3, mask });
    expect(masked.some((o) => Math.hypot(o.x - 32, o.y - 32, o.z - 32) <= 1.5)).toBe(false);
  });

  it('honours cancellation', async () => {
    const scene = ballVolume([64, 64, 64], [], 0.2, 2);
    const controller = new AbortController();
    controller.abort();
    await expect(findLargeObjects(scene, { dMax: 60, sign: 1, minScore: 3, signal: controller.signal })).rejects.toThrow();
  });
});
