import { describe, expect, it } from 'vitest';
import { ScaleSpaceExtrema } from './scale-space-extrema.ts';
import { createRandom } from '../sim/random.ts';

type Shape = [number, number, number];

/** Every extremum by the definition, volume by volume: "scale:index" strings, sorted. */
function bruteForce(stack: Float32Array[], shape: Shape, firstScale: number, floor: number): string[] {
  const [nx, ny, nz] = shape;
  const out: string[] = [];
  for (let s = firstScale; s < stack.length; s++) {
    const r = stack[s]!;
    for (let z = 0; z < nz; z++)
      for (let y = 0; y < ny; y++)
        for (let x = 0; x < nx; x++) {
          const i = x + nx * (y + ny * z);
          const v = r[i]!;
          if (!(v > floor)) continue;
          if (s > 0 && !(v > stack[s - 1]![i]!)) continue;
          if (s + 1 < stack.length && stack[s + 1]![i]! > v) continue;
          let isMax = true;
          for (let dz = -1; dz <= 1 && isMax; dz++)
            for (let dy = -1; dy <= 1 && isMax; dy++)
              for (let dx = -1; dx <= 1 && isMax; dx++) {
                const [xx, yy, zz] = [x + dx, y + dy, z + dz];
                if ((dx === 0 && dy === 0 && dz === 0) || xx < 0 || yy < 0 || zz < 0 || xx >= nx || yy >= ny || zz >= nz) continue;
                const j = xx + nx * (yy + ny * zz);
                if (r[j]! > v || (r[j] === v && j < i)) isMax = false;
              }
          if (isMax) out.push(`${s}:${i}`);
        }
  }
  return out.sort();
}

function streamed(stack: Float32Array[], shape: Shape, firstScale: number, gain = 1) {
  const extrema = new ScaleSpaceExtrema(shape, firstScale);
  stack.forEach((r, s) => extrema.add(s, r.map((v) => v / gain), gain));
  return extrema.finish();
}

describe('ScaleSpaceExtrema', () => {
  it('finds the maxima in space and scale that the definition gives, on random stacks (ties included)', () => {
    const shape: Shape = [9, 7, 6];
    const random = createRandom(3);
    for (let trial = 0; trial < 4; trial++) {
      // Values rounded to quarters: plenty of ties between neighbours and between scales.
      const stack = Array.from({ length: 5 }, () => Float32Array.from({ length: 9 * 7 * 6 }, () => Math.round(4 * random.gaussian()) / 4));
      const found = streamed(stack, shape, 1);
      const keys = Array.from({ length: found.count }, (_, k) => `${found.scale[k]}:${found.index[k]}`).sort();
      expect(keys).toEqual(bruteForce(stack, shape, 1, 0));
      expect(keys.length).toBeGreaterThan(10);
    }
  });

  it('keeps the response and its neighbouring scales, after the gain', () => {
    const shape: Shape = [5, 5, 5];
    const centre = 2 + 5 * (2 + 5 * 2);
    const stack = [1, 3, 2].map((peak) => {
      const r = new Float32Array(125);
      r[centre] = peak;
      return r;
    });
    const found = streamed(stack, shape, 0, 2);
    expect(found.count).toBe(1);
    expect([found.index[0], found.scale[0], found.response[0], found.below[0], found.above[0]]).toEqual([centre, 1, 3, 1, 2]);
  });

  it('finds a small blob beside a larger one that a maximum over the scales would hide', () => {
    // Scale 0: a sharp blob at x = 3; scale 1: a broad blob at x = 8 whose flank at x = 3 still
    // exceeds the sharp blob's peak next door, so max over scales has no maximum at x = 3.
    const shape: Shape = [12, 1, 1];
    const sharp = Float32Array.from({ length: 12 }, (_, x) => 4 * Math.exp(-((x - 3) ** 2) / 0.5));
    const broad = Float32Array.from({ length: 12 }, (_, x) => 8 * Math.exp(-((x - 8) ** 2) / 30));
    const projection = sharp.map((v, x) => Math.max(v, broad[x]!));
    expect(projection[4]! > projection[3]!).toBe(true);
    expect(sharp[3]! > broad[3]!).toBe(true);
    const found = streamed([new Float32Array(12), sharp, broad], shape, 1);
    const keys = Array.from({ length: found.count }, (_, k) => [found.scale[k], found.index[k]]);
    expect(keys).toEqual([
      [1, 3],
      [2, 8],
    ]);
  });

  it('refuses scales out of order and a second finish', () => {
    const extrema = new ScaleSpaceExtrema([2, 2, 2], 0);
    expect(() => extrema.add(1, new Float32Array(8))).toThrow(/out of order/);
    extrema.add(0, new Float32Array(8));
    extrema.finish();
    expect(() => extrema.finish()).toThrow(/already/);
  });
});
