/**
 * Which class a true particle was picked as: the predictions and truth picks are matched once more
 * with classes ignored (same greedy rule and tolerances as the per-class scores), and every matched
 * pair is counted under (true class, predicted class). A class-aware F1 of 0 then says whether the
 * particles were missed or found and called something else — e.g. a rare species labelled as a
 * common look-alike.
 */
import { greedyMatch } from './greedy-match.ts';
import type { Point3 } from './point-grid.ts';

/** A pick with the index of its class in the confusion's class list. */
export interface ConfusionPoint extends Point3 {
  tomogram?: string;
  classIndex: number;
}

export interface ConfusionMatrix {
  /** counts[t][p]: true picks of class t matched to a prediction of class p. */
  counts: number[][];
  /** True picks of each class that no prediction of any class lies near. */
  missed: number[];
  /** Predictions of each class that lie near no true pick of any class. */
  unmatched: number[];
}

/**
 * @param classCount size of the class list both sides index into.
 * @param truthTolerance matching tolerance of each truth pick (its class's, as for the scores).
 */
export function confusionMatrix(
  pred: readonly ConfusionPoint[],
  truth: readonly ConfusionPoint[],
  truthTolerance: ArrayLike<number>,
  classCount: number,
): ConfusionMatrix {
  const counts = Array.from({ length: classCount }, () => new Array<number>(classCount).fill(0));
  const missed = new Array<number>(classCount).fill(0);
  const unmatched = new Array<number>(classCount).fill(0);
  for (const { predIndices, truthIndices } of byTomogram(pred, truth).values()) {
    const p = predIndices.map((i) => pred[i]!);
    const t = truthIndices.map((i) => truth[i]!);
    const match = greedyMatch(p, t, truthIndices.map((i) => truthTolerance[i]!));
    t.forEach((point, k) => {
      const hit = match.truthToPred[k]!;
      if (hit < 0) missed[point.classIndex]!++;
      else counts[point.classIndex]![p[hit]!.classIndex]!++;
    });
    p.forEach((point, k) => {
      if (match.predToTruth[k]! < 0) unmatched[point.classIndex]!++;
    });
  }
  return { counts, missed, unmatched };
}

function byTomogram(pred: readonly ConfusionPoint[], truth: readonly ConfusionPoint[]) {
  const groups = new Map<string | undefined, { predIndices: number[]; truthIndices: number[] }>();
  const group = (tomogram: string | undefined) => {
    let g = groups.get(tomogram);
    if (!g) groups.set(tomogram, (g = { predIndices: [], truthIndices: [] }));
    return g;
  };
  pred.forEach((p, i) => group(p.tomogram).predIndices.push(i));
  truth.forEach((t, i) => group(t.tomogram).truthIndices.push(i));
  return groups;
}
