import { describe, expect, it } from 'vitest';
import { minSizeFromRadii, picksFromSegmentation } from './segmentation-picks.ts';

const shape: [number, number, number] = [20, 20, 20];

/** A cube of class `id` with edge `edge` at `at`, probability 200/255 inside. */
function paint(labels: Uint8Array, probs: Uint8Array[], id: number, at: [number, number, number], edge: number): void {
  for (let z = at[2]; z < at[2] + edge; z++)
    for (let y = at[1]; y < at[1] + edge; y++)
      for (let x = at[0]; x < at[0] + edge; x++) {
        const i = x + 20 * (y + 20 * z);
        labels[i] = id;
        probs[id - 1]![i] = 200;
      }
}

describe('picksFromSegmentation', () => {
  it('gives one pick per cluster at its centroid, scored by mean probability, dropping fragments', () => {
    const labels = new Uint8Array(8000);
    const probs = [new Uint8Array(8000), new Uint8Array(8000)];
    paint(labels, probs, 1, [2, 2, 2], 6); // 216 voxels: a particle
    paint(labels, probs, 1, [15, 15, 15], 2); // 8 voxels: a fragment for radius 4 (10 % of 268 = 27)
    paint(labels, probs, 2, [12, 2, 2], 3); // 27 voxels
    const minSizeOfClass = minSizeFromRadii((id) => (id === 1 ? 4 : undefined));
    for (const method of ['components', 'dbscan'] as const) {
      const picks = picksFromSegmentation({ labels, probabilities: probs }, shape, { method, minSizeOfClass });
      expect(picks.map((p) => [p.classId, p.x, p.y, p.z, p.size])).toEqual([
        [1, 4.5, 4.5, 4.5, 216],
        [2, 13, 3, 3, 27],
      ]);
      expect(picks[0]!.score).toBeCloseTo(200 / 255, 6);
    }
  });

  it('lets a small-species piece embedded in the surface of a larger particle join it, not a neighbour that only touches it', () => {
    const labels = new Uint8Array(8000);
    const probs = [new Uint8Array(8000), new Uint8Array(8000)];
    paint(labels, probs, 1, [2, 2, 2], 6); // 216 voxels: a large particle (radius 4)
    paint(labels, probs, 2, [6, 3, 3], 2); // 8 voxels in its +x surface: 20 of 24 faces on class 1
    paint(labels, probs, 2, [8, 5, 5], 3); // 27 voxels outside, on its +x face: 9 of 54 faces
    paint(labels, probs, 2, [14, 14, 14], 3); // 27 voxels, alone: a small particle (radius 3)
    const radiusVoxels = (id: number) => (id === 1 ? 4 : 3);
    const minSizeOfClass = minSizeFromRadii(() => 1, 0, 5);
    const sizes = (picks: { classId: number; size: number }[]) => picks.map((p) => [p.classId, p.size]).sort((a, b) => a[0]! - b[0]! || a[1]! - b[1]!);
    const plain = picksFromSegmentation({ labels, probabilities: probs }, shape, { minSizeOfClass });
    expect(sizes(plain)).toEqual([[1, 208], [2, 8], [2, 27], [2, 27]]);
    for (const method of ['components', 'dbscan'] as const) {
      const picks = picksFromSegmentation({ labels, probabilities: probs }, shape, { method, minSizeOfClass, fragments: { radiusVoxels, fraction: 0.5 } });
      expect(sizes(picks)).toEqual([[1, 216], [2, 27], [2, 27]]);
    }
    // The larger species is never absorbed into the smaller: swap the radii and nothing changes.
    const swapped = picksFromSegmentation({ labels, probabilities: probs }, shape, { minSizeOfClass, fragments: { radiusVoxels: (id) => (id === 1 ? 3 : 4), fraction: 1 } });
    expect(sizes(swapped)).toEqual(sizes(plain));
    // The input map is left as it was.
    expect(labels[6 + 20 * (3 + 20 * 3)]).toBe(2);
  });

  it('refuses a fraction outside [0, 1]', () => {
    expect(() => minSizeFromRadii(() => 3, 2)).toThrow(/fraction/);
  });
});
