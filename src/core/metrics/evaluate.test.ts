import { describe, expect, it } from 'vitest';
import { evaluatePicks, type MetricPoint } from './evaluate.ts';

const at = (x: number, extra: Partial<MetricPoint> = {}): MetricPoint => ({ x, y: 0, z: 0, ...extra });

describe('evaluatePicks', () => {
  it('scores each class and the micro/macro averages (hand-computed case)', () => {
    const truth = [0, 100, 200, 300, 400].map((x) => at(x, { classId: 1 })).concat(at(500, { classId: 2 }));
    const pred = [
      at(4.9, { classId: 1 }), // inside the 5-voxel tolerance: TP
      at(-1, { classId: 1 }), // second prediction on the same truth pick: FP
      at(105.1, { classId: 1 }), // just outside: FP (and truth 100 a FN)
      at(302, { classId: 1 }), // TP
      at(200, { classId: 2 }), // right place, wrong class: FP for class 2, truth 200 a FN
      at(508, { classId: 2 }), // TP with class 2's 10-voxel tolerance
    ];
    const report = evaluatePicks(pred, truth, { classes: [{ id: 1, name: 'ribosome', radiusVoxels: 10 }, { id: 2, radiusVoxels: 20 }] });
    expect(report.classMatching).toBe('number');
    const [c1, c2] = report.classes;
    expect(c1).toMatchObject({ class: 1, name: 'ribosome', nTruth: 5, nPred: 4, tp: 2, fp: 2, fn: 3, precision: 0.5, recall: 0.4 });
    expect(c1!.f1).toBeCloseTo(4 / 9, 12);
    expect(c1!.fbeta).toBeCloseTo(17 / 42, 12);
    expect(c2).toMatchObject({ class: 2, name: null, nTruth: 1, nPred: 2, tp: 1, fp: 1, fn: 0, precision: 0.5, recall: 1 });
    expect(c2!.fbeta).toBeCloseTo(17 / 18, 12);
    expect(report.overall).toMatchObject({ class: null, nTruth: 6, nPred: 6, tp: 3, fp: 3, fn: 3, precision: 0.5, recall: 0.5, f1: 0.5 });
    expect(report.macroF1).toBeCloseTo((4 / 9 + 2 / 3) / 2, 12);
  });

  it('honours the radius factor and beta', () => {
    const truth = [at(0, { radiusVoxels: 10 })];
    expect(evaluatePicks([at(6)], truth).overall.tp).toBe(0);
    expect(evaluatePicks([at(6)], truth, { radiusFactor: 0.7 }).overall.tp).toBe(1);
    const report = evaluatePicks([at(0), at(50)], [at(0), at(80), at(90)], { radiusVoxels: 2, beta: 2 });
    // tp 1, fp 1, fn 2: F2 = 5 / (5 + 4·2 + 1)
    expect(report.overall.fbeta).toBeCloseTo(5 / 14, 12);
  });

  it('takes radii in order: override, the truth pick’s own, class definition, median of predictions', () => {
    const truth = [at(0, { classId: 1, radiusVoxels: 4 }), at(100, { classId: 1 })];
    const pred = [at(3, { classId: 1, radiusVoxels: 20 }), at(107, { classId: 1, radiusVoxels: 16 }), at(900, { classId: 1, radiusVoxels: 1 })];
    // Own radius 4 → tolerance 2 (pred at 3 misses); truth 100 falls back to the median prediction radius 16 → 8.
    expect(evaluatePicks(pred, truth).overall.tp).toBe(1);
    // Class definition (radius 2 → 1) beats the prediction median for truth 100.
    expect(evaluatePicks(pred, truth, { classes: [{ id: 1, radiusVoxels: 2 }] }).overall.tp).toBe(0);
    // The override applies to every pick.
    expect(evaluatePicks(pred, truth, { radiusVoxels: 20 }).overall.tp).toBe(2);
  });

  it('names the class whose radius is unknown', () => {
    expect(() => evaluatePicks([at(0, { classId: 3, className: 'fas' })], [at(0, { classId: 3 })])).toThrow(/no particle radius for class 3 \(fas\)/);
  });

  it('matches by name when some picks lack a number, and links names to numbers via class definitions', () => {
    const truth = [at(0, { className: 'ribosome' }), at(50, { className: 'fas' })];
    const pred = [at(1, { classId: 7, className: 'ribosome' }), at(51, { className: 'ribosome' })];
    const byName = evaluatePicks(pred, truth, { radiusVoxels: 4 });
    expect(byName.classMatching).toBe('name');
    expect(byName.classes.map((c) => [c.name, c.tp, c.fp, c.fn])).toEqual([
      ['fas', 0, 0, 1],
      ['ribosome', 1, 1, 0],
    ]);
    const linked = evaluatePicks([at(1, { classId: 1 })], [at(0, { className: 'ribosome' })], { radiusVoxels: 4, classes: [{ id: 1, name: 'ribosome' }] });
    expect(linked.classMatching).toBe('number');
    expect(linked.classes).toMatchObject([{ class: 1, name: 'ribosome', tp: 1 }]);
  });

  it('refuses to guess when classes cannot be paired, and ignores them when class-agnostic', () => {
    const truth = [at(0, { classId: 1 })];
    const pred = [at(0)];
    expect(() => evaluatePicks(pred, truth, { radiusVoxels: 4 })).toThrow(/predictions: 1 of 1 picks have no class/);
    const agnostic = evaluatePicks([at(0, { classId: 2 })], truth, { radiusVoxels: 4, classAgnostic: true });
    expect(agnostic.classMatching).toBe('agnostic');
    expect(agnostic.classes).toMatchObject([{ class: null, name: null, tp: 1 }]);
    expect(evaluatePicks(pred, [at(0)], { radiusVoxels: 4 }).classMatching).toBe('unlabelled');
  });

  it('matches only within the same tomogram', () => {
    const truth = [at(0, { tomogram: 'a' }), at(0, { tomogram: 'b' })];
    const report = evaluatePicks([at(0, { tomogram: 'a' }), at(0, { tomogram: 'c' })], truth, { radiusVoxels: 4 });
    expect(report.overall).toMatchObject({ tp: 1, fp: 1, fn: 1 });
  });

  it('handles empty predictions and empty truth', () => {
    const noPred = evaluatePicks([], [at(0, { classId: 1 })]);
    expect(noPred.classes[0]).toMatchObject({ nPred: 0, fn: 1, recall: 0, f1: 0 });
    expect(noPred.classes[0]!.precision).toBeNaN();
    const noTruth = evaluatePicks([at(0, { classId: 1 })], []);
    expect(noTruth.classes[0]).toMatchObject({ nTruth: 0, fp: 1, precision: 0, f1: 0 });
    expect(noTruth.macroF1).toBeNaN();
    const nothing = evaluatePicks([], []);
    expect(nothing.classes).toEqual([]);
    expect(nothing.overall.f1).toBeNaN();
  });

  it('macro F1 averages only classes that have truth', () => {
    const report = evaluatePicks([at(0, { classId: 1 }), at(50, { classId: 2 })], [at(0, { classId: 1 })], { radiusVoxels: 4 });
    expect(report.classes.map((c) => c.f1)).toEqual([1, 0]);
    expect(report.macroF1).toBe(1);
  });

  it('rejects bad input with specific messages', () => {
    expect(() => evaluatePicks([at(NaN)], [])).toThrow(/prediction pick 1 has a non-finite coordinate/);
    expect(() => evaluatePicks([], [at(0, { radiusVoxels: -1 })])).toThrow(/truth pick 1 has an invalid radius/);
    expect(() => evaluatePicks([], [], { radiusFactor: 0 })).toThrow(/radius factor/);
    expect(() => evaluatePicks([], [], { radiusVoxels: Infinity })).toThrow(/radius must be a positive number/);
  });
});
