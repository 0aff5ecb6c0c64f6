import { describe, expect, it } from 'vitest';
import type { Shape3 } from '../volume/patch-grid.ts';
import { correctionSuggestions, DEFAULT_SUGGESTION_THRESHOLD } from './correction-suggestions.ts';
import { paintSphereLabels, type LabelPoint } from './sphere-labels.ts';

const shape: Shape3 = [24, 24, 24];
const radius = 3;
const radiusVoxels = () => radius;

/** The LC's estimate S from (position, class, probability) spheres, with a flat trust α. */
function estimateFrom(spheres: { at: LabelPoint; p: number }[], alpha = 0.07) {
  const probabilities = [new Uint8Array(shape[0] * shape[1] * shape[2]), new Uint8Array(shape[0] * shape[1] * shape[2])];
  const labels = new Uint8Array(probabilities[0]!.length);
  for (const s of spheres) {
    const one = paintSphereLabels(shape, [s.at], radiusVoxels);
    one.forEach((v, i) => {
      if (!v) return;
      probabilities[s.at.classId - 1]![i] = Math.round(255 * s.p);
      if (s.p > 0.5) labels[i] = s.at.classId;
    });
  }
  return { estimate: { labels, probabilities }, trust: new Uint8Array(labels.length).fill(Math.round(255 * alpha)) };
}

describe('correction suggestions', () => {
  const agreed: LabelPoint = { x: 5, y: 18, z: 5, classId: 1 };
  const missed: LabelPoint = { x: 5, y: 5, z: 5, classId: 1 };
  const doubted: LabelPoint = { x: 18, y: 18, z: 18, classId: 2 };
  const wrongClass: LabelPoint = { x: 18, y: 5, z: 5, classId: 1 };
  const picks = [agreed, doubted, wrongClass];
  const noisy = paintSphereLabels(shape, picks, radiusVoxels);
  const lc = estimateFrom([
    { at: agreed, p: 0.98 },
    { at: missed, p: 0.8 },
    { at: { ...wrongClass, classId: 2 }, p: 0.7 },
  ]);

  it('finds the missed particle, the doubted pick and the class change, ranked by confidence', () => {
    const s = correctionSuggestions(lc, noisy, picks, shape, { radiusVoxels });
    // The doubted pick's sphere is pure background in S (confidence 1), the missed particle 0.8.
    expect(s.map((x) => x.kind)).toEqual(['remove', 'add', 'relabel']);
    expect(s[0]).toMatchObject({ kind: 'remove', pickIndex: 1, classId: 2 });
    expect(s[0]!.confidence).toBeCloseTo(1, 5);
    expect(s[1]).toMatchObject({ kind: 'add', classId: 1, x: 5, y: 5, z: 5 });
    expect(s[1]!.confidence).toBeCloseTo(0.8, 2);
    expect(s[2]).toMatchObject({ kind: 'relabel', pickIndex: 2, classId: 2, fromClassId: 1 });
    expect(s[2]!.confidence).toBeCloseTo(0.7, 2);
  });

  it('questions nothing when the corrected labels agree with the picks', () => {
    const same = estimateFrom(picks.map((at) => ({ at, p: 0.97 })));
    expect(correctionSuggestions(same, noisy, picks, shape, { radiusVoxels })).toEqual([]);
  });

  it('lists weaker disagreements below the bulk threshold, and none below minMass', () => {
    const doubtful = estimateFrom(picks.map((at) => ({ at, p: at === doubted ? 0.7 : 0.97 })));
    const s = correctionSuggestions(doubtful, noisy, picks, shape, { radiusVoxels });
    expect(s).toHaveLength(1);
    expect(s[0]).toMatchObject({ kind: 'remove', pickIndex: 1 });
    expect(s[0]!.confidence).toBeCloseTo(0.3, 2);
    expect(correctionSuggestions(doubtful, noisy, picks, shape, { radiusVoxels, minMass: 0.4 })).toEqual([]);
  });

  it('does not depend on the scale of α (a learned α of 0.07 still reaches the bulk threshold)', () => {
    const spheres = [{ at: agreed, p: 0.98 }, { at: missed, p: 0.8 }, { at: { ...wrongClass, classId: 2 }, p: 0.7 }];
    const low = correctionSuggestions(estimateFrom(spheres, 0.07), noisy, picks, shape, { radiusVoxels });
    const high = correctionSuggestions(estimateFrom(spheres, 0.6), noisy, picks, shape, { radiusVoxels });
    expect(low.map((x) => x.confidence)).toEqual(high.map((x) => x.confidence));
    expect(low.filter((x) => x.confidence >= DEFAULT_SUGGESTION_THRESHOLD)).toHaveLength(3);
  });

  it('weighs the estimate by α: voxels the LC trusts more count more', () => {
    const trusted = estimateFrom([{ at: missed, p: 0.9 }]);
    const weak = estimateFrom([{ at: { ...missed, z: missed.z + 1 }, p: 0.55 }]);
    // One cluster: S 0.9 where z ≤ 5 (α 0.5), 0.55 above it (α 0.02).
    const i = (x: number, y: number, z: number) => x + shape[0] * (y + shape[1] * z);
    for (let z = 0; z < shape[2]; z++) {
      for (let y = 0; y < shape[1]; y++) {
        for (let x = 0; x < shape[0]; x++) {
          const k = i(x, y, z);
          if (z > missed.z && weak.estimate.labels[k]) {
            trusted.estimate.labels[k] = 1;
            trusted.estimate.probabilities[0]![k] = weak.estimate.probabilities[0]![k]!;
            trusted.trust[k] = 5;
          } else trusted.trust[k] = 128;
        }
      }
    }
    const [add] = correctionSuggestions(trusted, new Uint8Array(noisy.length), [], shape, { radiusVoxels });
    expect(add!.kind).toBe('add');
    expect(add!.confidence).toBeGreaterThan(0.85);
    // With α = 0 everywhere the plain mean is used.
    trusted.trust.fill(0);
    const [plain] = correctionSuggestions(trusted, new Uint8Array(noisy.length), [], shape, { radiusVoxels });
    expect(plain!.confidence).toBeLessThan(0.8);
    expect(plain!.confidence).toBeGreaterThan(0.6);
  });

  it('ignores clusters far smaller than the class volume (fragments)', () => {
    const frag = estimateFrom([{ at: missed, p: 0.8 }]);
    const tinyRadius = () => 1;
    const onlyCore = estimateFrom([]);
    onlyCore.estimate.labels[5 + 24 * (5 + 24 * 5)] = 1;
    onlyCore.estimate.probabilities[0]![5 + 24 * (5 + 24 * 5)] = 200;
    expect(correctionSuggestions(onlyCore, new Uint8Array(noisy.length), [], shape, { radiusVoxels })).toEqual([]);
    expect(correctionSuggestions(frag, new Uint8Array(noisy.length), [], shape, { radiusVoxels: tinyRadius })).toHaveLength(1);
  });

  it('takes a smaller species piece embedded in a missed particle for part of it, not for an add', () => {
    // A class-2 piece (radius 3, like class 1 here: see below) sits in the missed particle's +x side.
    const lc = estimateFrom([{ at: agreed, p: 0.98 }, { at: missed, p: 0.8 }]);
    for (let z = missed.z; z < missed.z + 2; z++)
      for (let y = missed.y; y < missed.y + 2; y++)
        for (let x = missed.x + 1; x < missed.x + 3; x++) {
          const i = x + shape[0] * (y + shape[1] * z);
          lc.estimate.labels[i] = 2;
          lc.estimate.probabilities[0]![i] = 0;
          lc.estimate.probabilities[1]![i] = 230;
        }
    // Class 2 is the smaller species (radius 2 vs 3), so its piece is a fragment of class 1.
    const smaller = (id: number) => (id === 2 ? 2 : radius);
    const adds = correctionSuggestions(lc, noisy, picks, shape, { radiusVoxels: smaller }).filter((x) => x.kind === 'add');
    expect(adds).toHaveLength(1);
    expect(adds[0]).toMatchObject({ classId: 1 });
    expect(adds[0]!.voxels).toBe(paintSphereLabels(shape, [missed], radiusVoxels).reduce((n, v) => n + (v ? 1 : 0), 0));
    const kept = correctionSuggestions(lc, noisy, picks, shape, { radiusVoxels: smaller, fragmentFraction: 0, minVolumeFraction: 0 }).filter((x) => x.kind === 'add');
    expect(kept.map((x) => x.classId).sort()).toEqual([1, 2]);
    // A species is never a fragment of a smaller one.
    const larger = correctionSuggestions(lc, noisy, picks, shape, { radiusVoxels: (id) => (id === 2 ? 4 : radius), minVolumeFraction: 0 }).filter((x) => x.kind === 'add');
    expect(larger.map((x) => x.classId).sort()).toEqual([1, 2]);
  });

  it('suggests two touching missed particles as two adds, one at each', () => {
    const left: LabelPoint = { x: 9, y: 12, z: 12, classId: 1 };
    const right: LabelPoint = { x: 15, y: 12, z: 12, classId: 1 };
    const lc = estimateFrom([{ at: left, p: 0.9 }, { at: right, p: 0.9 }]);
    const adds = correctionSuggestions(lc, new Uint8Array(noisy.length), [], shape, { radiusVoxels });
    expect(adds).toHaveLength(2);
    for (const at of [left, right]) expect(adds.some((a) => a.kind === 'add' && Math.hypot(a.x - at.x, a.y - at.y, a.z - at.z) < 1)).toBe(true);
  });

  it('takes the crescent a jittered pick leaves outside its sphere for that pick, not for an add', () => {
    const particle: LabelPoint = { x: 12, y: 12, z: 12, classId: 1 };
    const jittered: LabelPoint = { ...particle, x: 14 };
    const painted = paintSphereLabels(shape, [jittered], radiusVoxels);
    const lc = estimateFrom([{ at: particle, p: 0.9 }]);
    const adds = (spillContact?: number) =>
      correctionSuggestions(lc, painted, [jittered], shape, { radiusVoxels, minVolumeFraction: 0.05, ...(spillContact === undefined ? {} : { spillContact }) }).filter(
        (s) => s.kind === 'add',
      );
    expect(adds()).toEqual([]);
    // Without the rule the crescent (x < 12, beside the painted sphere) comes back as an add.
    const spill = adds(1.01);
    expect(spill).toHaveLength(1);
    expect(spill[0]!.x).toBeLessThan(12);
    // A whole missed particle beside a pick of its class is no spill-out: it stays an add.
    const neighbour = estimateFrom([{ at: particle, p: 0.9 }, { at: { ...particle, x: 5 }, p: 0.9 }]);
    const painted2 = paintSphereLabels(shape, [particle], radiusVoxels);
    const found = correctionSuggestions(neighbour, painted2, [particle], shape, { radiusVoxels }).filter((s) => s.kind === 'add');
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ classId: 1, x: 5 });
  });

  it('refuses maps of another size', () => {
    expect(() => correctionSuggestions(lc, new Uint8Array(10), picks, shape, { radiusVoxels })).toThrow(/must all cover 24×24×24/);
    expect(() => correctionSuggestions({ ...lc, trust: new Uint8Array(10) }, noisy, picks, shape, { radiusVoxels })).toThrow(/trust \(10\)/);
  });
});
