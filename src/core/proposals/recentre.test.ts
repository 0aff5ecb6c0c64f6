import { describe, expect, it } from 'vitest';
import { recentreOnResponseMass } from './recentre.ts';

const SHAPE = [24, 24, 24] as const;
const index = (x: number, y: number, z: number) => x + SHAPE[0] * (y + SHAPE[1] * z);

/** A response made of Gaussian blobs (peak height 5, σ 1.2 voxels). */
function blobs(centres: readonly [number, number, number][]): Float32Array {
  const map = new Float32Array(SHAPE[0] * SHAPE[1] * SHAPE[2]);
  for (let z = 0; z < SHAPE[2]; z++)
    for (let y = 0; y < SHAPE[1]; y++)
      for (let x = 0; x < SHAPE[0]; x++)
        for (const [cx, cy, cz] of centres) map[index(x, y, z)]! += 5 * Math.exp(-((x - cx) ** 2 + (y - cy) ** 2 + (z - cz) ** 2) / (2 * 1.2 ** 2));
  return map;
}

const always = () => true;

describe('recentreOnResponseMass', () => {
  it('moves a pick on one lobe of a two-lobed particle to the particle centre', () => {
    // Lobes 4 voxels apart, the window (the range's largest radius) 5 voxels.
    const map = blobs([[10, 12, 12], [14, 12, 12]]);
    const pick = { x: 10, y: 12, z: 12 };
    recentreOnResponseMass([pick], always, map, SHAPE, null, () => 5, 2);
    expect(Math.abs(pick.x - 12)).toBeLessThan(0.5);
    expect(pick.y).toBeCloseTo(12, 5);
    expect(pick.z).toBeCloseTo(12, 5);
  });

  it('leaves a compact particle where its peak is', () => {
    const map = blobs([[10, 11, 13]]);
    const pick = { x: 10, y: 11, z: 13 };
    recentreOnResponseMass([pick], always, map, SHAPE, null, () => 5, 2);
    expect(pick).toEqual({ x: expect.closeTo(10, 5), y: expect.closeTo(11, 5), z: expect.closeTo(13, 5) });
  });

  it('ignores masked voxels, response below the floor, and candidates it is told to skip', () => {
    const map = blobs([[10, 12, 12], [14, 12, 12]]);
    const mask = new Uint8Array(map.length).fill(1);
    for (let z = 0; z < SHAPE[2]; z++) for (let y = 0; y < SHAPE[1]; y++) for (let x = 12; x < SHAPE[0]; x++) mask[index(x, y, z)] = 0;
    const masked = { x: 10, y: 12, z: 12 };
    recentreOnResponseMass([masked], always, map, SHAPE, mask, () => 5, 2);
    expect(masked.x).toBeLessThan(10.5); // only its own lobe is usable

    const faint = { x: 3, y: 3, z: 3 };
    recentreOnResponseMass([faint], always, map, SHAPE, null, () => 5, 2);
    expect(faint).toEqual({ x: 3, y: 3, z: 3 });

    const skipped = { x: 10, y: 12, z: 12 };
    recentreOnResponseMass([skipped], () => false, map, SHAPE, null, () => 5, 2);
    expect(skipped).toEqual({ x: 10, y: 12, z: 12 });
  });

  it('sizes the window per candidate: a small particle beside a large one keeps its place in a small window', () => {
    const map = blobs([[6, 12, 12], [11, 12, 12], [12, 12, 12], [13, 12, 12]]);
    const small = { x: 6, y: 12, z: 12 };
    const sameInLargeWindow = { x: 6, y: 12, z: 12 };
    recentreOnResponseMass([small, sameInLargeWindow], always, map, SHAPE, null, (c) => (c === small ? 2 : 8), 2);
    expect(Math.abs(small.x - 6)).toBeLessThan(0.5);
    expect(sameInLargeWindow.x).toBeGreaterThan(8); // pulled towards the large one's mass
  });
});
