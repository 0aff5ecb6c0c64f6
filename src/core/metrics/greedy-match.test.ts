import { describe, expect, it } from 'vitest';
import { createRandom } from '../sim/random.ts';
import { greedyMatch } from './greedy-match.ts';
import type { Point3 } from './point-grid.ts';

const p = (x: number, y = 0, z = 0): Point3 => ({ x, y, z });

/** O(n·m) reference: all pairs within tolerance, sorted by distance, taken greedily. */
function bruteGreedy(pred: Point3[], truth: Point3[], tol: number): number {
  const pairs: Array<[number, number, number]> = [];
  pred.forEach((a, i) =>
    truth.forEach((b, j) => {
      const d2 = (a.x - b.x) ** 2 + (a.y - b.y) ** 2 + (a.z - b.z) ** 2;
      if (d2 <= tol * tol) pairs.push([d2, i, j]);
    }),
  );
  pairs.sort((u, v) => u[0] - v[0] || u[1] - v[1] || u[2] - v[2]);
  const usedPred = new Set<number>();
  const usedTruth = new Set<number>();
  for (const [, i, j] of pairs) {
    if (usedPred.has(i) || usedTruth.has(j)) continue;
    usedPred.add(i);
    usedTruth.add(j);
  }
  return usedPred.size;
}

describe('greedyMatch', () => {
  it('matches one-to-one: a second prediction on the same truth pick stays unmatched', () => {
    const result = greedyMatch([p(0.5), p(1)], [p(0)], [2]);
    expect(result.truePositives).toBe(1);
    expect([...result.predToTruth]).toEqual([0, -1]);
    expect([...result.truthToPred]).toEqual([0]);
  });

  it('takes the globally closest pair first (greedy, not an optimal assignment)', () => {
    // pred 0 at 1 is 0.2 from truth 1 (at 1.2) and 1 from truth 0 (at 0); pred 1 at 2 reaches only truth 1.
    const result = greedyMatch([p(1), p(2)], [p(0), p(1.2)], [1.5, 1.5]);
    expect([...result.predToTruth]).toEqual([1, -1]);
    expect(result.truePositives).toBe(1);
  });

  it('includes a pick exactly at the tolerance and excludes one just beyond it', () => {
    expect(greedyMatch([p(3, 4)], [p(0)], [5]).truePositives).toBe(1);
    expect(greedyMatch([p(3, 4.001)], [p(0)], [5]).truePositives).toBe(0);
  });

  it('uses each truth pick’s own tolerance', () => {
    const result = greedyMatch([p(2), p(12)], [p(0), p(10)], [1, 3]);
    expect([...result.predToTruth]).toEqual([-1, 1]);
  });

  it('breaks distance ties by prediction index, deterministically', () => {
    const result = greedyMatch([p(1), p(-1)], [p(0)], [2]);
    expect([...result.predToTruth]).toEqual([0, -1]);
  });

  it('returns no matches when a side is empty', () => {
    expect(greedyMatch([], [p(0)], [1]).truePositives).toBe(0);
    expect(greedyMatch([p(0)], [], []).predToTruth[0]).toBe(-1);
  });

  it('rejects bad tolerances with a clear message', () => {
    expect(() => greedyMatch([p(0)], [p(0)], [0])).toThrow(/tolerance of truth point 0 must be positive/);
    expect(() => greedyMatch([p(0)], [p(0)], [])).toThrow(/0 tolerances for 1 truth points/);
  });

  it('agrees with a brute-force greedy matcher on dense random picks', () => {
    const random = createRandom(11);
    const cloud = (n: number) => Array.from({ length: n }, () => p(random.uniform(0, 60), random.uniform(0, 60), random.uniform(0, 60)));
    const truth = cloud(1500);
    const pred = cloud(1700);
    for (const tol of [1, 3, 6]) {
      expect(greedyMatch(pred, truth, new Float64Array(truth.length).fill(tol)).truePositives).toBe(bruteGreedy(pred, truth, tol));
    }
  });

  it('matches 100k × 100k picks: every jittered copy finds its original, no extra matches', () => {
    const random = createRandom(5);
    const n = 100_000;
    // Truth on a lattice 10 voxels apart: a copy jittered by < 1 voxel can only reach its own pick.
    const truth = Array.from({ length: n }, (_, i) => p((i % 50) * 10, (Math.floor(i / 50) % 50) * 10, Math.floor(i / 2500) * 10));
    const jittered = truth.slice(0, n / 2).map((t) => p(t.x + random.uniform(-0.5, 0.5), t.y + random.uniform(-0.5, 0.5), t.z + random.uniform(-0.5, 0.5)));
    // Extras sit in the middle of lattice cells, > 2 voxels from every truth pick.
    const extras = Array.from({ length: n / 2 }, () => p(random.int(49) * 10 + 5, random.int(49) * 10 + 5, random.int(39) * 10 + 5));
    const pred = [...extras, ...jittered];
    const result = greedyMatch(pred, truth, new Float64Array(n).fill(2));
    expect(result.truePositives).toBe(n / 2);
    for (let i = 0; i < n / 2; i++) expect(result.predToTruth[n / 2 + i]).toBe(i);
  });

  it('refuses a tolerance that makes nearly every pair a candidate', () => {
    const random = createRandom(3);
    const cloud = (n: number) => Array.from({ length: n }, () => p(random.uniform(0, 10), random.uniform(0, 10), random.uniform(0, 10)));
    const truth = cloud(300);
    expect(() => greedyMatch(cloud(300), truth, new Float64Array(300).fill(100), 10_000)).toThrow(/more than 10000 candidate pairs/);
    expect(greedyMatch(cloud(300), truth, new Float64Array(300).fill(100), 100_000).truePositives).toBe(300);
  });
});
