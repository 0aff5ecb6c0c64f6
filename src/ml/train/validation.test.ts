import { describe, expect, it } from 'vitest';
import { evaluatePicks } from '../../core/metrics/evaluate.ts';
import { classScores } from './validation.ts';

describe('classScores', () => {
  it('gives a class with no particle in the region no F1 (not 0), and keeps its pick count', () => {
    const truth = [{ x: 0, y: 0, z: 0, classId: 1 }];
    const pred = [
      { x: 1, y: 0, z: 0, classId: 1 },
      { x: 50, y: 0, z: 0, classId: 2 },
      { x: 80, y: 0, z: 0, classId: 2 },
    ];
    const report = evaluatePicks(pred, truth, { classes: [{ id: 1, radiusVoxels: 5 }, { id: 2, radiusVoxels: 5 }] });
    const [present, absent] = classScores(report);
    expect(present).toMatchObject({ classId: 1, nTruth: 1, nPred: 1, f1: 1 });
    expect(absent).toMatchObject({ classId: 2, nTruth: 0, nPred: 2, precision: 0 });
    expect(absent!.f1).toBeNaN();
    expect(report.macroF1).toBe(1);
  });
});
