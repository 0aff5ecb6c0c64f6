import { describe, expect, it } from 'vitest';
import { createRandom } from '../sim/random.ts';
import { alignSubtomograms, sphereVoxels } from './align-subtomograms.ts';
import { rotateBox } from './rotate-box.ts';
import { multiply, rotationDistance, transpose, type Rotation } from './so3-grid.ts';

const edge = 17;
const c = (edge - 1) / 2;

/** Four blobs of different sizes: no rotation maps it onto itself. */
function asymmetricParticle(): Float32Array {
  const blobs = [[0, 0, 0, 2.4], [4.5, 0, 0, 1.8], [-1, 4, 0, 1.4], [-2, -2, -4, 1.2]] as const;
  const box = new Float32Array(edge ** 3);
  for (let z = 0; z < edge; z++) for (let y = 0; y < edge; y++) for (let x = 0; x < edge; x++) {
    box[x + edge * (y + edge * z)] = blobs.reduce((v, [bx, by, bz, r]) => v + Math.exp(-((x - c - bx) ** 2 + (y - c - by) ** 2 + (z - c - bz) ** 2) / (r * r)), 0);
  }
  return box;
}

function correlation(a: Float32Array, b: Float32Array, voxels: Int32Array): number {
  const mean = (v: Float32Array) => voxels.reduce((s, i) => s + v[i]!, 0) / voxels.length;
  const [ma, mb] = [mean(a), mean(b)];
  let ab = 0;
  let aa = 0;
  let bb = 0;
  for (const i of voxels) {
    ab += (a[i]! - ma) * (b[i]! - mb);
    aa += (a[i]! - ma) ** 2;
    bb += (b[i]! - mb) ** 2;
  }
  return ab / Math.sqrt(aa * bb);
}

describe('subtomogram alignment', () => {
  const random = createRandom(11);
  const particle = asymmetricParticle();
  const truth: Rotation[] = Array.from({ length: 12 }, () => Float64Array.from(random.rotation()));
  const boxes = truth.map((r) => {
    const box = rotateBox(particle, edge, r);
    for (let i = 0; i < box.length; i++) box[i]! += 0.3 * random.gaussian();
    return box;
  });

  it('recovers the particles\' relative orientations and averages them into the particle', async () => {
    const alignment = await alignSubtomograms(boxes, edge, { maskRadius: 7 });
    const errors: number[] = [];
    for (let i = 0; i < truth.length; i++) {
      for (let j = i + 1; j < truth.length; j++) {
        const relativeTruth = multiply(truth[i]!, transpose(truth[j]!));
        const relativeFound = multiply(alignment.rotations[i]!, transpose(alignment.rotations[j]!));
        errors.push((rotationDistance(relativeTruth, relativeFound) * 180) / Math.PI);
      }
    }
    errors.sort((a, b) => a - b);
    expect(errors[errors.length >> 1]).toBeLessThan(15); // the 30° grid, then local searches at 15° and 7.5°
    // The average is the particle in the frame of the reference: particle k = reference turned by
    // R_k = template turned by T_k, so reference = template turned by R_kᵀ·T_k.
    const frame = multiply(transpose(alignment.rotations[0]!), truth[0]!);
    const expected = rotateBox(particle, edge, frame);
    const voxels = sphereVoxels(edge, 7);
    const positionOnly = new Float32Array(edge ** 3);
    for (const box of boxes) for (let i = 0; i < box.length; i++) positionOnly[i]! += box[i]! / boxes.length;
    expect(correlation(alignment.average, expected, voxels)).toBeGreaterThan(0.85);
    expect(correlation(alignment.average, expected, voxels)).toBeGreaterThan(correlation(positionOnly, expected, voxels) + 0.2);
    expect(alignment.rounds).toBeGreaterThanOrEqual(3); // ≥ 1 global round and the 2 local ones
    expect(alignment.scores.every((s) => s > 0.3)).toBe(true);
  });

  it('leaves one particle as it is, refuses a box of the wrong size, and stops when cancelled', async () => {
    const single = await alignSubtomograms([boxes[0]!], edge, { maskRadius: 7 });
    expect(single.rounds).toBe(0);
    expect(Array.from(single.average)).toEqual(Array.from(boxes[0]!));
    await expect(alignSubtomograms([new Float32Array(8)], edge, { maskRadius: 7 })).rejects.toThrow(/expected 17³/);
    const controller = new AbortController();
    controller.abort();
    await expect(alignSubtomograms(boxes, edge, { maskRadius: 7, signal: controller.signal })).rejects.toThrow();
  });
});
