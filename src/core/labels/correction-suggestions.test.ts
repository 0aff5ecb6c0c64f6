import { describe, expect, it } from 'vitest';
import type { Shape3 } from '../volume/patch-grid.ts';
import { correctionSuggestions } from './correction-suggestions.ts';
import { paintSphereLabels, type LabelPoint } from './sphere-labels.ts';

const shape: Shape3 = [24, 24, 24];
const radius = 3;
const radiusVoxels = () => radius;

/** Corrected maps from a list of (position, class, probability) spheres: C as the LC would give it. */
function correctedFrom(spheres: { at: LabelPoint; p: number }[]) {
  const labels = paintSphereLabels(shape, spheres.map((s) => s.at), radiusVoxels);
  const probabilities = [new Uint8Array(labels.length), new Uint8Array(labels.length)];
  for (const s of spheres) {
    const one = paintSphereLabels(shape, [s.at], radiusVoxels);
    one.forEach((v, i) => {
      if (v) probabilities[s.at.classId - 1]![i] = Math.round(255 * s.p);
    });
  }
  return { labels, probabilities };
}

describe('correction suggestions', () => {
  const agreed: LabelPoint = { x: 5, y: 18, z: 5, classId: 1 };
  const missed: LabelPoint = { x: 5, y: 5, z: 5, classId: 1 };
  const doubted: LabelPoint = { x: 18, y: 18, z: 18, classId: 2 };
  const wrongClass: LabelPoint = { x: 18, y: 5, z: 5, classId: 1 };
  const picks = [agreed, doubted, wrongClass];
  const noisy = paintSphereLabels(shape, picks, radiusVoxels);
  const corrected = correctedFrom([
    { at: agreed, p: 0.98 },
    { at: missed, p: 0.8 },
    { at: { ...wrongClass, classId: 2 }, p: 0.7 },
  ]);

  it('finds the missed particle, the doubted pick and the class change, ranked by confidence', () => {
    const s = correctionSuggestions(corrected, noisy, picks, shape, { radiusVoxels });
    // The doubted pick's sphere is pure background in C (confidence 1), the missed particle 0.8.
    expect(s.map((x) => x.kind)).toEqual(['remove', 'add', 'relabel']);
    expect(s[0]).toMatchObject({ kind: 'remove', pickIndex: 1, classId: 2 });
    expect(s[0]!.confidence).toBeCloseTo(1, 5);
    expect(s[1]).toMatchObject({ kind: 'add', classId: 1, x: 5, y: 5, z: 5 });
    expect(s[1]!.confidence).toBeCloseTo(0.8, 2);
    expect(s[2]).toMatchObject({ kind: 'relabel', pickIndex: 2, classId: 2, fromClassId: 1 });
    expect(s[2]!.confidence).toBeCloseTo(0.7, 2);
  });

  it('questions nothing when the corrected labels agree with the picks', () => {
    const same = correctedFrom(picks.map((at) => ({ at, p: 0.97 })));
    expect(correctionSuggestions(same, noisy, picks, shape, { radiusVoxels })).toEqual([]);
  });

  it('lists small disagreements (early in training α is small) below the bulk threshold', () => {
    const doubtful = correctedFrom(picks.map((at) => ({ at, p: at === doubted ? 0.9 : 0.97 })));
    const s = correctionSuggestions(doubtful, noisy, picks, shape, { radiusVoxels });
    expect(s).toHaveLength(1);
    expect(s[0]).toMatchObject({ kind: 'remove', pickIndex: 1 });
    expect(s[0]!.confidence).toBeCloseTo(0.1, 2);
    expect(correctionSuggestions(doubtful, noisy, picks, shape, { radiusVoxels, minMass: 0.2 })).toEqual([]);
  });

  it('ignores clusters far smaller than the class volume (fragments)', () => {
    const frag = correctedFrom([{ at: missed, p: 0.8 }]);
    const tinyRadius = () => 1;
    const onlyCore = correctedFrom([]);
    onlyCore.labels[5 + 24 * (5 + 24 * 5)] = 1;
    onlyCore.probabilities[0]![5 + 24 * (5 + 24 * 5)] = 200;
    expect(correctionSuggestions(onlyCore, new Uint8Array(noisy.length), [], shape, { radiusVoxels })).toEqual([]);
    expect(correctionSuggestions(frag, new Uint8Array(noisy.length), [], shape, { radiusVoxels: tinyRadius })).toHaveLength(1);
  });

  it('refuses maps of another size', () => {
    expect(() => correctionSuggestions(corrected, new Uint8Array(10), picks, shape, { radiusVoxels })).toThrow(/must both cover 24×24×24/);
  });
});
