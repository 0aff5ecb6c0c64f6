/**
 * Detection scores from match counts.
 * Undefined ratios are NaN (JSON: null), never 0, so "no predictions" is not confused with
 * "all predictions wrong":
 * - precision = tp / nPred, NaN when there are no predictions;
 * - recall = tp / nTruth, NaN when there is no truth;
 * - F-beta = (1+β²)·tp / ((1+β²)·tp + β²·fn + fp), the count form, which equals the harmonic form
 *   whenever that is defined, is 0 when only one side is empty, and NaN only when both are.
 */
export interface MatchCounts {
  nTruth: number;
  nPred: number;
  tp: number;
  fp: number;
  fn: number;
}

export interface DetectionScores extends MatchCounts {
  precision: number;
  recall: number;
  f1: number;
  fbeta: number;
}

export function countsFrom(nTruth: number, nPred: number, tp: number): MatchCounts {
  return { nTruth, nPred, tp, fp: nPred - tp, fn: nTruth - tp };
}

export function addCounts(a: MatchCounts, b: MatchCounts): MatchCounts {
  return { nTruth: a.nTruth + b.nTruth, nPred: a.nPred + b.nPred, tp: a.tp + b.tp, fp: a.fp + b.fp, fn: a.fn + b.fn };
}

export function fBeta(counts: MatchCounts, beta: number): number {
  const b2 = beta * beta;
  const numerator = (1 + b2) * counts.tp;
  const denominator = numerator + b2 * counts.fn + counts.fp;
  return denominator === 0 ? NaN : numerator / denominator;
}

export function scoreCounts(counts: MatchCounts, beta: number): DetectionScores {
  if (!(beta > 0) || !Number.isFinite(beta)) throw new Error(`beta must be a positive number, got ${beta}`);
  return {
    ...counts,
    precision: counts.nPred === 0 ? NaN : counts.tp / counts.nPred,
    recall: counts.nTruth === 0 ? NaN : counts.tp / counts.nTruth,
    f1: fBeta(counts, 1),
    fbeta: fBeta(counts, beta),
  };
}
