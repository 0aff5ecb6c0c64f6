import { describe, expect, it } from 'vitest';
import { paintSphereLabels, type LabelPoint } from '../labels/sphere-labels.ts';
import { createRandom } from '../sim/random.ts';
import { copyPatch, type Shape3 } from '../volume/patch-grid.ts';
import { createPatchSampler, type TrainingTomogram } from './patch-sampler.ts';

const P = 8;

function tomogram(shape: Shape3, particles: LabelPoint[], seed: number): TrainingTomogram {
  const rng = createRandom(seed);
  const n = shape[0] * shape[1] * shape[2];
  return { data: Float32Array.from({ length: n }, () => rng.gaussian()), shape, labelMap: paintSphereLabels(shape, particles, () => 2), particles };
}

// Class 1 is common, class 2 rare: balancing must still show both equally often.
const common = Array.from({ length: 40 }, (_, i) => ({ x: 3 + (i % 8) * 3, y: 3 + Math.floor(i / 8) * 4, z: 6, classId: 1 }));
const rare = [{ x: 1, y: 20, z: 2, classId: 2 }];
const tomograms = [tomogram([28, 24, 12], common, 1), tomogram([16, 22, 10], rare, 2)];

describe('createPatchSampler', () => {
  it('is deterministic by seed', () => {
    const a = createPatchSampler({ tomograms, patch: P, nClasses: 3, random: createRandom(9) }).sample(6);
    const b = createPatchSampler({ tomograms, patch: P, nClasses: 3, random: createRandom(9) }).sample(6);
    const c = createPatchSampler({ tomograms, patch: P, nClasses: 3, random: createRandom(10) }).sample(6);
    expect(a).toEqual(b);
    expect(a.origins).not.toEqual(c.origins);
  });

  it('skips a batch exactly as sampling it would (replay on resume)', () => {
    const sampled = createPatchSampler({ tomograms, patch: P, nClasses: 3, random: createRandom(9) });
    const skipped = createPatchSampler({ tomograms, patch: P, nClasses: 3, random: createRandom(9) });
    sampled.sample(5);
    skipped.skip(5);
    expect(skipped.sample(4)).toEqual(sampled.sample(4));
    expect(() => skipped.skip(0)).toThrow(/positive integer/);
  });

  it('balances classes, keeps the particle centre in the central region, and honours backgroundFraction', () => {
    const sampler = createPatchSampler({ tomograms, patch: P, nClasses: 3, random: createRandom(3), backgroundFraction: 0.25 });
    expect(sampler.classes).toEqual([1, 2]);
    const { origins } = sampler.sample(2000);
    const count = (c: number) => origins.filter((o) => o.classId === c).length;
    expect(count(0) / 2000).toBeCloseTo(0.25, 1);
    expect(count(1) / count(2)).toBeGreaterThan(0.85);
    expect(count(1) / count(2)).toBeLessThan(1.15);
    for (const o of origins.filter((q) => q.classId > 0)) {
      const q = tomograms[o.tomogram]!.particles[o.particle]!;
      expect(q.classId).toBe(o.classId);
      for (const [c, corner] of [[q.x, o.x], [q.y, o.y], [q.z, o.z]] as const) {
        expect(Math.round(c) - corner).toBeGreaterThanOrEqual(2);
        expect(Math.round(c) - corner).toBeLessThanOrEqual(5);
      }
    }
    // Background patches lie inside the tomogram (or at 0 where it is smaller than a patch).
    for (const o of origins.filter((q) => q.classId === 0)) {
      const [nx, ny, nz] = tomograms[o.tomogram]!.shape;
      expect(o.x >= 0 && o.x <= nx - P && o.y >= 0 && o.y <= ny - P && o.z >= 0 && o.z <= nz - P).toBe(true);
    }
  });

  it('cuts image and labels at the same place, reflect-padded, into caller buffers', () => {
    const sampler = createPatchSampler({ tomograms, patch: P, nClasses: 3, random: createRandom(4), backgroundFraction: 0 });
    const out = { input: new Float32Array(5 * P ** 3), labels: new Uint8Array(5 * P ** 3), origins: [] };
    const batch = sampler.sample(4, out);
    expect(batch).toBe(out);
    expect(batch.origins).toHaveLength(4);
    batch.origins.forEach((o, b) => {
      const t = tomograms[o.tomogram]!;
      const image = new Float32Array(P ** 3);
      const labels = new Uint8Array(P ** 3);
      copyPatch(t.data, t.shape, [o.x, o.y, o.z], P, image);
      copyPatch(t.labelMap, t.shape, [o.x, o.y, o.z], P, labels);
      expect(batch.input.subarray(b * P ** 3, (b + 1) * P ** 3)).toEqual(image);
      expect(batch.labels.subarray(b * P ** 3, (b + 1) * P ** 3)).toEqual(labels);
      expect(labels.includes(o.classId)).toBe(true);
    });
  });

  it('rejects labels or particles outside the class range, mismatched shapes and small buffers', () => {
    const random = createRandom(1);
    expect(() => createPatchSampler({ tomograms, patch: P, nClasses: 2, random })).toThrow(/label 2 but the network has 2 classes/);
    const badParticle = { ...tomograms[1]!, particles: [{ x: 1, y: 1, z: 1, classId: 0 }] };
    expect(() => createPatchSampler({ tomograms: [badParticle], patch: P, nClasses: 3, random })).toThrow(/Particle 0 .* class 0/);
    const badShape = { ...tomograms[1]!, shape: [16, 22, 11] as Shape3 };
    expect(() => createPatchSampler({ tomograms: [badShape], patch: P, nClasses: 3, random })).toThrow(/16×22×11/);
    const sampler = createPatchSampler({ tomograms, patch: P, nClasses: 3, random });
    expect(() => sampler.sample(2, { input: new Float32Array(P ** 3), labels: new Uint8Array(2 * P ** 3), origins: [] })).toThrow(/need 1024/);
  });
});
