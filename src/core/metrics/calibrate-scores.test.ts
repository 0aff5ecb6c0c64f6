import { describe, expect, it } from 'vitest';
import { calibrateScoreThresholds, MAX_CUTS, type ScoredPoint } from './calibrate-scores.ts';
import type { MetricPoint } from './evaluate.ts';

const classes = [
  { id: 1, name: 'big', radiusVoxels: 10 },
  { id: 2, name: 'rare', radiusVoxels: 3 },
];

/** Ten big particles along x, four rare ones along y. */
const truth: MetricPoint[] = [
  ...Array.from({ length: 10 }, (_, k) => ({ x: 30 * k, y: 0, z: 0, classId: 1 })),
  ...Array.from({ length: 4 }, (_, k) => ({ x: 0, y: 100 + 20 * k, z: 0, classId: 2 })),
];

describe('calibrateScoreThresholds', () => {
  it('cuts the rare class between its true picks and its low-scoring noise, and leaves a clean class uncut', () => {
    const pred: ScoredPoint[] = [
      ...truth.filter((t) => t.classId === 1).map((t, k) => ({ ...t, x: t.x + 1, score: 0.5 + 0.03 * k })),
      ...truth.filter((t) => t.classId === 2).map((t, k) => ({ ...t, z: 1, score: 0.65 + 0.01 * k })),
      // Twenty noise picks of the rare class, scoring below every true one but one.
      ...Array.from({ length: 20 }, (_, k) => ({ x: 200, y: 200 + 10 * k, z: 0, classId: 2, score: 0.3 + 0.01 * k })),
      { x: 500, y: 500, z: 0, classId: 2, score: 0.9 },
    ];
    const [big, rare] = calibrateScoreThresholds(pred, truth, { classes });
    expect(big).toMatchObject({ classId: 1, name: 'big', minScore: 0, nKept: 10, f1Before: 1, f1After: 1 });
    expect(rare).toMatchObject({ classId: 2, name: 'rare', minScore: 0.65, nTruth: 4, nPred: 25, nKept: 5 });
    expect(rare!.f1Before).toBeCloseTo((2 * 4) / (4 + 25), 10);
    expect(rare!.f1After).toBeCloseTo((2 * 4) / (4 + 5), 10);
  });

  it('keeps every pick when no cut gains F1, and gives a class without picks threshold 0 and F1 0', () => {
    const pred: ScoredPoint[] = truth.filter((t) => t.classId === 1).map((t) => ({ ...t, score: 0.2 }));
    const [big, rare] = calibrateScoreThresholds(pred, truth, { classes });
    expect(big).toMatchObject({ minScore: 0, f1After: 1 });
    expect(rare).toMatchObject({ minScore: 0, nPred: 0, f1Before: 0, f1After: 0 });
  });

  it('scores a cut by the full matching: dropping a closer decoy frees the particle for a true pick', () => {
    const one: MetricPoint[] = [{ x: 0, y: 0, z: 0, classId: 1 }];
    const pred: ScoredPoint[] = [
      { x: 0.5, y: 0, z: 0, classId: 1, score: 0.1 },
      { x: 2, y: 0, z: 0, classId: 1, score: 0.8 },
    ];
    expect(calibrateScoreThresholds(pred, one, { classes })[0]).toMatchObject({ minScore: 0.8, nKept: 1, f1After: 1 });
  });

  it('thins the cuts of a class with many distinct scores to MAX_CUTS by rank, and still finds a clean gap', () => {
    const one: MetricPoint[] = Array.from({ length: 300 }, (_, k) => ({ x: 30 * k, y: 0, z: 0, classId: 1 }));
    // 300 true picks scoring 0.6–0.9, 1 000 noise picks scoring 0.1–0.5: 1 300 distinct scores.
    const pred: ScoredPoint[] = [
      ...one.map((t, k) => ({ ...t, score: 0.6 + (0.3 * k) / 300 })),
      ...Array.from({ length: 1000 }, (_, k) => ({ x: 30 * k, y: 500, z: 0, classId: 1, score: 0.1 + (0.4 * k) / 1000 })),
    ];
    const [big] = calibrateScoreThresholds(pred, one, { classes });
    expect(MAX_CUTS).toBeLessThan(1300);
    expect(big).toMatchObject({ nKept: 300, f1After: 1 });
    expect(big!.minScore).toBeGreaterThan(0.5);
    expect(big!.minScore).toBeLessThanOrEqual(0.6);
  });

  it('needs class numbers everywhere', () => {
    expect(() => calibrateScoreThresholds([{ x: 0, y: 0, z: 0, score: 1 }], truth, { classes })).toThrow(/class number/);
  });
});
