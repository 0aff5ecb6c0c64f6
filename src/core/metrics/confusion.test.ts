import { describe, expect, it } from 'vitest';
import { confusionMatrix, type ConfusionPoint } from './confusion.ts';
import { evaluatePicks, type MetricPoint } from './evaluate.ts';

const at = (x: number, classIndex: number, tomogram?: string): ConfusionPoint => ({ x, y: 0, z: 0, classIndex, tomogram });

describe('confusionMatrix', () => {
  it('counts matched pairs by true and picked class, the missed truth and the stray picks', () => {
    // Truth: class 0 at 0 and 100, class 1 at 200 and 300. Picks: a class-1 pick on the class-0
    // particle at 0, a class-1 pick on 200, a stray class-0 pick at 500; nothing near 100 or 300.
    const truth = [at(0, 0), at(100, 0), at(200, 1), at(300, 1)];
    const pred = [at(1, 1), at(201, 1), at(500, 0)];
    expect(confusionMatrix(pred, truth, [2, 2, 2, 2], 2)).toEqual({ counts: [[0, 1], [0, 1]], missed: [1, 1], unmatched: [1, 0] });
  });

  it('uses each truth pick its own tolerance, one pick per particle, closest first', () => {
    const truth = [at(0, 0), at(10, 1)];
    // 3 from the class-0 particle (tolerance 2: too far), 3 from the class-1 one (tolerance 4).
    expect(confusionMatrix([at(7, 0)], truth, [2, 4], 2)).toEqual({ counts: [[0, 0], [1, 0]], missed: [1, 0], unmatched: [0, 0] });
    // Two picks on one particle: the closer one is matched, the other is a stray.
    expect(confusionMatrix([at(1.5, 1), at(0.5, 0)], [at(0, 0)], [2], 2)).toEqual({ counts: [[1, 0], [0, 0]], missed: [0, 0], unmatched: [0, 1] });
  });

  it('matches only within a tomogram', () => {
    expect(confusionMatrix([at(0, 0, 'a')], [at(0, 0, 'b')], [2], 1)).toEqual({ counts: [[0]], missed: [1], unmatched: [1] });
  });
});

describe('evaluatePicks confusion', () => {
  const p = (x: number, classId: number, radiusVoxels?: number): MetricPoint => ({ x, y: 0, z: 0, classId, radiusVoxels });

  it('orders rows like the classes and tells a missed class from a mislabelled one', () => {
    // Class 2's particle is picked as class 1; class 3's is not picked at all.
    const report = evaluatePicks([p(0, 1), p(50, 1)], [p(0, 1), p(50, 2), p(100, 3)], { radiusVoxels: 4 });
    expect(report.classes.map((c) => c.class)).toEqual([1, 2, 3]);
    expect(report.classes.map((c) => c.f1)).toEqual([2 / 3, 0, 0]);
    expect(report.confusion).toEqual({ counts: [[1, 0, 0], [1, 0, 0], [0, 0, 0]], missed: [0, 0, 1], unmatched: [0, 0, 0] });
  });

  it('is null when classes are ignored, and when a truth pick has no radius anywhere', () => {
    expect(evaluatePicks([p(0, 1)], [p(0, 1)], { radiusVoxels: 4, classAgnostic: true }).confusion).toBeNull();
    // Class 2 has no radius and no predictions: the scores never need one, the confusion would.
    const report = evaluatePicks([p(0, 1, 4)], [p(0, 1, 4), p(50, 2)]);
    expect(report.classes[1]).toMatchObject({ nTruth: 1, nPred: 0, fn: 1 });
    expect(report.confusion).toBeNull();
  });
});
