import { PointGrid, type Point3 } from './point-grid.ts';

export interface MatchResult {
  /** Truth index matched to each prediction, -1 when unmatched. */
  predToTruth: Int32Array;
  /** Prediction index matched to each truth point, -1 when unmatched. */
  truthToPred: Int32Array;
  truePositives: number;
}

/**
 * Beyond this many candidate pairs the tolerance is far larger than the pick spacing (the result
 * would be meaningless and the memory unbounded), so we stop with an error instead.
 */
export const MAX_CANDIDATE_PAIRS = 5_000_000;

/**
 * One-to-one greedy matching by distance (CZII-style): every (prediction, truth) pair closer than
 * that truth point's tolerance (inclusive) is a candidate; candidates are taken in order of
 * increasing distance (ties: lower prediction index, then lower truth index) when both ends are
 * still free.
 * @param truthTolerance tolerance radius of each truth point, same units as the coordinates.
 */
export function greedyMatch(
  pred: readonly Point3[],
  truth: readonly Point3[],
  truthTolerance: ArrayLike<number>,
  maxCandidatePairs = MAX_CANDIDATE_PAIRS,
): MatchResult {
  if (truthTolerance.length !== truth.length) {
    throw new Error(`greedyMatch: ${truthTolerance.length} tolerances for ${truth.length} truth points`);
  }
  const predToTruth = new Int32Array(pred.length).fill(-1);
  const truthToPred = new Int32Array(truth.length).fill(-1);
  let maxTolerance = 0;
  for (let t = 0; t < truth.length; t++) {
    const tol = truthTolerance[t]!;
    if (!(tol > 0) || !Number.isFinite(tol)) throw new Error(`greedyMatch: tolerance of truth point ${t} must be positive, got ${tol}`);
    if (tol > maxTolerance) maxTolerance = tol;
  }
  if (pred.length === 0 || truth.length === 0) return { predToTruth, truthToPred, truePositives: 0 };

  const grid = new PointGrid(truth, maxTolerance);
  const pairPred: number[] = [];
  const pairTruth: number[] = [];
  const pairDistSq: number[] = [];
  pred.forEach((p, predIndex) => {
    grid.forEachWithin(p.x, p.y, p.z, maxTolerance, (truthIndex, d2) => {
      const tol = truthTolerance[truthIndex]!;
      if (d2 > tol * tol) return;
      pairPred.push(predIndex);
      pairTruth.push(truthIndex);
      pairDistSq.push(d2);
    });
    if (pairPred.length > maxCandidatePairs) {
      throw new Error(
        `more than ${maxCandidatePairs} candidate pairs: the tolerance radius (up to ${maxTolerance.toFixed(3)}) ` +
          'is much larger than the spacing between picks; use a smaller radius or radius factor',
      );
    }
  });

  // Pairs were generated in increasing prediction order, so a stable sort keeps that tie-break.
  const order = Uint32Array.from(pairPred.keys()).sort(
    (a, b) => pairDistSq[a]! - pairDistSq[b]! || pairPred[a]! - pairPred[b]! || pairTruth[a]! - pairTruth[b]!,
  );
  let truePositives = 0;
  for (const k of order) {
    const p = pairPred[k]!;
    const t = pairTruth[k]!;
    if (predToTruth[p] !== -1 || truthToPred[t] !== -1) continue;
    predToTruth[p] = t;
    truthToPred[t] = p;
    truePositives++;
  }
  return { predToTruth, truthToPred, truePositives };
}
