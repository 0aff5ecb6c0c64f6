import { describe, expect, it } from 'vitest';
import { createRandom } from '../sim/random.ts';
import { squaredDistanceToBackground } from './distance-transform.ts';
import type { Shape3 } from './patch-grid.ts';

/** Brute force: the nearest unset voxel, with a one-voxel ring of background around the box. */
function bruteForce(mask: Uint8Array, [nx, ny, nz]: Shape3): Float32Array {
  const out = new Float32Array(mask.length);
  for (let z = 0; z < nz; z++)
    for (let y = 0; y < ny; y++)
      for (let x = 0; x < nx; x++) {
        if (!mask[x + nx * (y + ny * z)]) continue;
        let best = Infinity;
        for (let zz = -1; zz <= nz; zz++)
          for (let yy = -1; yy <= ny; yy++)
            for (let xx = -1; xx <= nx; xx++) {
              const inside = xx >= 0 && yy >= 0 && zz >= 0 && xx < nx && yy < ny && zz < nz;
              if (inside && mask[xx + nx * (yy + ny * zz)]) continue;
              best = Math.min(best, (x - xx) ** 2 + (y - yy) ** 2 + (z - zz) ** 2);
            }
        out[x + nx * (y + ny * z)] = best;
      }
  return out;
}

describe('squaredDistanceToBackground', () => {
  it('equals the brute-force nearest background voxel on random masks, the box edge counting as background', () => {
    const rng = createRandom(7);
    for (const [shape, density] of [
      [[9, 7, 5], 0.8],
      [[4, 11, 6], 0.95],
      [[6, 6, 6], 1],
      [[5, 3, 8], 0.3],
    ] as [Shape3, number][]) {
      const mask = Uint8Array.from({ length: shape[0] * shape[1] * shape[2] }, () => (rng.uniform(0, 1) < density ? 1 : 0));
      expect(Array.from(squaredDistanceToBackground(mask, shape))).toEqual(Array.from(bruteForce(mask, shape)));
    }
  });

  it('is the depth below the surface inside a ball', () => {
    const shape: Shape3 = [21, 21, 21];
    const mask = new Uint8Array(21 ** 3);
    for (let z = 0; z < 21; z++) for (let y = 0; y < 21; y++) for (let x = 0; x < 21; x++) if ((x - 10) ** 2 + (y - 10) ** 2 + (z - 10) ** 2 <= 64) mask[x + 21 * (y + 21 * z)] = 1;
    const depth = squaredDistanceToBackground(mask, shape);
    expect(depth[10 + 21 * (10 + 21 * 10)]).toBe(65); // the centre: the nearest voxel outside radius 8 is (8, 1, 0) away
    expect(depth[0]).toBe(0);
  });

  it('rejects a mask of the wrong size', () => {
    expect(() => squaredDistanceToBackground(new Uint8Array(5), [2, 2, 2])).toThrow(/needs 8/);
  });
});
