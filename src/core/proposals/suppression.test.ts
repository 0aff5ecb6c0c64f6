import { describe, expect, it } from 'vitest';
import { createRandom } from '../sim/random.ts';
import { ACCEPTED, NOT_REACHED, suppressOverlaps, traceSuppression, type SuppressionCandidate } from './suppression.ts';

function randomCandidates(count: number, seed: number): SuppressionCandidate[] {
  const random = createRandom(seed);
  return Array.from({ length: count }, () => ({
    x: random.uniform(0, 40),
    y: random.uniform(0, 40),
    z: random.uniform(0, 20),
    score: random.uniform(0, 10),
    diameterVoxels: random.uniform(2, 12),
  }));
}

describe('suppressOverlaps', () => {
  it('never returns two picks closer than half the smaller d_best', () => {
    const candidates = randomCandidates(3000, 5);
    const picked = suppressOverlaps(candidates).map((i) => candidates[i]!);
    expect(picked.length).toBeGreaterThan(50);
    let violations = 0;
    for (let a = 0; a < picked.length; a++)
      for (let b = a + 1; b < picked.length; b++) {
        const p = picked[a]!;
        const q = picked[b]!;
        const distance = Math.hypot(p.x - q.x, p.y - q.y, p.z - q.z);
        if (distance < Math.min(p.diameterVoxels, q.diameterVoxels) / 2) violations++;
      }
    expect(violations).toBe(0);
  });

  it('takes the strongest first and suppresses the weaker neighbour inside its sphere', () => {
    const candidates = [
      { x: 0, y: 0, z: 0, score: 1, diameterVoxels: 10 },
      { x: 3, y: 0, z: 0, score: 2, diameterVoxels: 10 },
      { x: 20, y: 0, z: 0, score: 0.5, diameterVoxels: 10 },
    ];
    expect(suppressOverlaps(candidates)).toEqual([1, 2]);
    expect(suppressOverlaps(candidates, 1)).toEqual([1]);
  });

  it('lets unreported candidates suppress without being returned', () => {
    const candidates = [
      { x: 0, y: 0, z: 0, score: 5, diameterVoxels: 20 },
      { x: 4, y: 0, z: 0, score: 2, diameterVoxels: 6 },
      { x: 30, y: 0, z: 0, score: 1, diameterVoxels: 6 },
    ];
    expect(suppressOverlaps(candidates, Infinity, (c) => c.diameterVoxels < 10)).toEqual([2]);
  });

  it('is deterministic under ties', () => {
    const candidates = randomCandidates(500, 9).map((c) => ({ ...c, score: 1 }));
    expect(suppressOverlaps(candidates)).toEqual(suppressOverlaps(candidates));
  });

  it('visits candidates of higher precedence first, so a large object suppresses a stronger sub-structure peak', () => {
    const candidates = [
      // A subunit of a large particle: a strong, small blob 5 voxels off the particle's centre.
      { x: 5, y: 0, z: 0, score: 9, diameterVoxels: 6 },
      // The large particle's own peak: weaker, d_best above the requested range.
      { x: 0, y: 0, z: 0, score: 4, diameterVoxels: 24 },
      // A small particle on its own.
      { x: 40, y: 0, z: 0, score: 3, diameterVoxels: 6 },
    ];
    const small = (c: SuppressionCandidate) => c.diameterVoxels < 10;
    expect(suppressOverlaps(candidates, Infinity, small)).toEqual([0, 2]);
    const trace = traceSuppression(candidates, Infinity, small, Infinity, (c) => (small(c) ? 0 : 1));
    expect(trace.reported).toEqual([2]);
    expect([...trace.fate]).toEqual([1, ACCEPTED, ACCEPTED]);
  });

  it('widens the sphere of chosen candidates and lets them suppress when suppressed themselves', () => {
    const candidates = [
      // Two peaks of one large object (neither reported): the second lies in the first's sphere.
      { x: 0, y: 0, z: 0, score: 5, diameterVoxels: 20 },
      { x: 8, y: 0, z: 0, score: 4, diameterVoxels: 18 },
      // A part 13.6 voxels from the first peak, 11 from the second: outside both d_best spheres
      // (radius 10 and 9) and the first's widened one (12.5), inside the second's widened one (11.25).
      { x: 8, y: 11, z: 0, score: 9, diameterVoxels: 5 },
      // A particle 30 voxels away.
      { x: 40, y: 0, z: 0, score: 3, diameterVoxels: 5 },
    ];
    const large = (c: SuppressionCandidate) => c.diameterVoxels > 10;
    const precedence = (c: SuppressionCandidate) => c.diameterVoxels;
    expect(traceSuppression(candidates, Infinity, (c) => !large(c), Infinity, precedence).reported).toEqual([2, 3]);
    const widened = { sphereDiameter: (c: SuppressionCandidate) => (large(c) ? 1.25 : 1) * c.diameterVoxels };
    expect(traceSuppression(candidates, Infinity, (c) => !large(c), Infinity, precedence, widened).reported).toEqual([2, 3]);
    const trace = traceSuppression(candidates, Infinity, (c) => !large(c), Infinity, precedence, { ...widened, suppressesWhenSuppressed: large });
    expect(trace.reported).toEqual([3]);
    expect([...trace.fate]).toEqual([ACCEPTED, 0, 1, ACCEPTED]);
  });

  it('marks candidates after the report limit as not reached', () => {
    const candidates = randomCandidates(200, 3);
    const trace = traceSuppression(candidates, Infinity, () => true, 5);
    expect(trace.reported).toHaveLength(5);
    expect(trace.reported).toEqual(suppressOverlaps(candidates, Infinity, () => true, 5));
    expect([...trace.fate].filter((f) => f === NOT_REACHED).length).toBeGreaterThan(0);
    for (const [i, f] of trace.fate.entries()) if (f >= 0) expect(candidates[f]!.score).toBeGreaterThanOrEqual(candidates[i]!.score);
  });
});
