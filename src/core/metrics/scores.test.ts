import { describe, expect, it } from 'vitest';
import { addCounts, countsFrom, fBeta, scoreCounts } from './scores.ts';

describe('scoreCounts', () => {
  it('computes precision, recall, F1 and F-beta from counts', () => {
    const s = scoreCounts(countsFrom(5, 4, 2), 4);
    expect(s).toMatchObject({ nTruth: 5, nPred: 4, tp: 2, fp: 2, fn: 3, precision: 0.5, recall: 0.4 });
    expect(s.f1).toBeCloseTo(4 / 9, 12);
    expect(s.fbeta).toBeCloseTo(34 / 84, 12);
    // The count form equals the harmonic form (1+β²)PR/(β²P+R).
    expect(s.fbeta).toBeCloseTo((17 * 0.5 * 0.4) / (16 * 0.5 + 0.4), 12);
  });

  it('leaves precision undefined (NaN) without predictions and F at 0', () => {
    const s = scoreCounts(countsFrom(3, 0, 0), 4);
    expect(s.precision).toBeNaN();
    expect(s.recall).toBe(0);
    expect(s.f1).toBe(0);
    expect(s.fbeta).toBe(0);
  });

  it('leaves recall undefined (NaN) without truth and F at 0', () => {
    const s = scoreCounts(countsFrom(0, 2, 0), 4);
    expect(s.precision).toBe(0);
    expect(s.recall).toBeNaN();
    expect(s.f1).toBe(0);
  });

  it('leaves everything undefined when both sides are empty', () => {
    const s = scoreCounts(countsFrom(0, 0, 0), 4);
    expect([s.precision, s.recall, s.f1, s.fbeta].every(Number.isNaN)).toBe(true);
  });

  it('adds counts and weights recall more as beta grows', () => {
    expect(addCounts(countsFrom(2, 3, 1), countsFrom(4, 1, 1))).toEqual({ nTruth: 6, nPred: 4, tp: 2, fp: 2, fn: 4 });
    const highRecall = countsFrom(10, 40, 10);
    expect(fBeta(highRecall, 4)).toBeGreaterThan(fBeta(highRecall, 1));
  });

  it('rejects a non-positive beta', () => {
    expect(() => scoreCounts(countsFrom(1, 1, 1), 0)).toThrow(/beta must be a positive number/);
  });
});
