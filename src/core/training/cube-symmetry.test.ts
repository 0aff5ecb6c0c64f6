import { describe, expect, it } from 'vitest';
import { createRandom } from '../sim/random.ts';
import { applyCubeSymmetry, augmentPatch, CUBE_SYMMETRY_COUNT, Z_PRESERVING_SYMMETRIES } from './cube-symmetry.ts';

const P = 4;
const distinctPatch = () => Float32Array.from({ length: P ** 3 }, (_, i) => i);

describe('applyCubeSymmetry', () => {
  it('gives the identity for 0 and 48 distinct permutations of the voxels', () => {
    const src = distinctPatch();
    expect(applyCubeSymmetry(src, new Float32Array(P ** 3), P, 0)).toEqual(src);
    const seen = new Set<string>();
    for (let s = 0; s < CUBE_SYMMETRY_COUNT; s++) {
      const dst = applyCubeSymmetry(src, new Float32Array(P ** 3), P, s);
      expect([...dst].sort((a, b) => a - b)).toEqual([...src]);
      seen.add(dst.join(','));
    }
    expect(seen.size).toBe(48);
  });

  it('maps axes as documented: symmetry 1 flips x, 8 swaps y and z', () => {
    const src = distinctPatch();
    const flipX = applyCubeSymmetry(src, new Float32Array(P ** 3), P, 1);
    expect(flipX[0]).toBe(P - 1);
    const swapYZ = applyCubeSymmetry(src, new Float32Array(P ** 3), P, 8);
    expect(swapYZ[0 + P * 1 + P * P * 2]).toBe(0 + P * 2 + P * P * 1);
  });

  it('is a group: composing two symmetries gives one of the 48, and each has an inverse', () => {
    const src = distinctPatch();
    const all = new Map<string, number>();
    for (let s = 0; s < 48; s++) all.set(applyCubeSymmetry(src, new Float32Array(P ** 3), P, s).join(','), s);
    for (let a = 0; a < 48; a++) {
      const once = applyCubeSymmetry(src, new Float32Array(P ** 3), P, a);
      let hasInverse = false;
      for (let b = 0; b < 48; b++) {
        const twice = applyCubeSymmetry(once, new Float32Array(P ** 3), P, b).join(',');
        expect(all.has(twice)).toBe(true);
        if (twice === src.join(',')) hasInverse = true;
      }
      expect(hasInverse).toBe(true);
    }
  });

  it('rejects bad indices, sizes and in-place use', () => {
    const src = distinctPatch();
    expect(() => applyCubeSymmetry(src, new Float32Array(P ** 3), P, 48)).toThrow(/0, 47/);
    expect(() => applyCubeSymmetry(src, new Float32Array(5), P, 1)).toThrow(/64 values/);
    expect(() => applyCubeSymmetry(src, src, P, 1)).toThrow(/in place/);
  });
});

describe('augmentPatch', () => {
  it('moves image and labels together, in place or into out buffers, deterministically by seed', () => {
    const image = distinctPatch();
    const labels = Uint8Array.from(image, (v) => v % 7);
    const inPlace = { input: image.slice(), labels: labels.slice() };
    const used = augmentPatch(inPlace.input, inPlace.labels, P, createRandom(5));
    const out = { input: new Float32Array(P ** 3), labels: new Uint8Array(P ** 3) };
    expect(augmentPatch(image, labels, P, createRandom(5), out)).toBe(used);
    expect(out).toEqual(inPlace);
    inPlace.input.forEach((v, i) => expect(inPlace.labels[i]).toBe(v % 7));
    const symmetries = new Set(Array.from({ length: 400 }, (_, k) => augmentPatch(image.slice(), labels.slice(), P, createRandom(k))));
    expect(symmetries.size).toBe(48);
  });
});

describe('Z_PRESERVING_SYMMETRIES', () => {
  it('holds the 16 symmetries that map z-lines onto z-lines', () => {
    expect(Z_PRESERVING_SYMMETRIES).toHaveLength(16);
    const p = 3;
    // A marker at z = 0 only: after a z-preserving symmetry it is still in plane z = 0 or z = p − 1.
    const src = new Uint8Array(p ** 3);
    src[0 + p * 1] = 1; // x 0, y 1, z 0
    for (const s of Z_PRESERVING_SYMMETRIES) {
      const dst = applyCubeSymmetry(src, new Uint8Array(p ** 3), p, s);
      const z = Math.floor(dst.indexOf(1) / (p * p));
      expect([0, p - 1]).toContain(z);
    }
  });
});
