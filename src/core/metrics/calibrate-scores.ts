/**
 * Per-class score thresholds calibrated on clean labels: the mean-probability cut that maximises
 * each class's F1 on a validation tomogram. A model trained with class-balanced losses segments a
 * rare class generously, and every noise blob that leans its way becomes a low-scoring pick (on
 * the simulator 184 `tiny` picks for 21 particles, the true ones scoring 0.61–0.70, the rest
 * mostly 0.29–0.51): one global threshold cannot serve a common and a rare class at once.
 * Each candidate cut is scored by the full matching (a dropped pick can free a particle for another).
 */
import { evaluatePicks, type EvaluateOptions, type MetricPoint } from './evaluate.ts';

export interface ScoredPoint extends MetricPoint {
  /** The pick's confidence, 0…1 (mean class probability of its cluster). */
  score: number;
}

export interface ClassThreshold {
  classId: number;
  name: string | null;
  /** Keep picks scoring ≥ this (0 = keep all). */
  minScore: number;
  nTruth: number;
  /** Picks of the class before and after the cut. */
  nPred: number;
  nKept: number;
  f1Before: number;
  f1After: number;
}

/** At most this many cuts are scored per class (each is a full matching). */
export const MAX_CUTS = 256;

/**
 * One threshold per class that has true picks, classes paired by number. The cut is one of the
 * class's own scores (or 0): every one of them up to MAX_CUTS distinct scores; beyond, MAX_CUTS
 * evenly spaced ranks, then every score between the two coarse cuts around the best (exact unless
 * F1 has a better peak elsewhere between coarse cuts). Among cuts with the best F1 the lowest
 * wins, so no pick is dropped without a gain on the validation data.
 */
export function calibrateScoreThresholds(pred: readonly ScoredPoint[], truth: readonly MetricPoint[], options: EvaluateOptions = {}): ClassThreshold[] {
  if (pred.some((p) => p.classId === undefined) || truth.some((t) => t.classId === undefined)) {
    throw new Error('calibrating score thresholds needs a class number on every pick and every true particle');
  }
  const classIds = [...new Set(truth.map((t) => t.classId!))].sort((a, b) => a - b);
  return classIds.map((classId) => {
    const own = pred.filter((p) => p.classId === classId);
    const ownTruth = truth.filter((t) => t.classId === classId);
    const f1At = (cut: number) => {
      const report = evaluatePicks(
        own.filter((p) => p.score >= cut),
        ownTruth,
        options,
      );
      return report.classes.find((c) => c.class === classId)?.f1 ?? 0;
    };
    const f1Before = f1At(0);
    const bestOf = (cuts: readonly number[], start: { cut: number; f1: number }) => {
      let best = start;
      for (const cut of cuts) {
        const f1 = f1At(cut);
        if (f1 > best.f1 + 1e-12 || (Math.abs(f1 - best.f1) <= 1e-12 && cut < best.cut)) best = { cut, f1 };
      }
      return best;
    };
    const distinct = [...new Set(own.map((p) => p.score))].sort((a, b) => a - b);
    const coarse = thinned([0, ...distinct]);
    let best = bestOf(coarse, { cut: 0, f1: f1Before });
    if (coarse.length < distinct.length + 1) {
      // Every score between the coarse cuts either side of the best one, for the exact cut there.
      const at = coarse.indexOf(best.cut);
      const [low, high] = [coarse[Math.max(0, at - 1)]!, coarse[Math.min(coarse.length - 1, at + 1)]!];
      best = bestOf(thinned(distinct.filter((v) => v > low && v < high)), best);
    }
    const name = options.classes?.find((c) => c.id === classId)?.name ?? null;
    return {
      classId,
      name,
      minScore: best.cut,
      nTruth: ownTruth.length,
      nPred: own.length,
      nKept: own.filter((p) => p.score >= best.cut).length,
      f1Before,
      f1After: best.f1,
    };
  });
}

/** Ascending values thinned to MAX_CUTS evenly spaced ranks (the first kept) when there are more. */
function thinned(values: readonly number[]): number[] {
  if (values.length <= MAX_CUTS) return [...values];
  return Array.from({ length: MAX_CUTS }, (_, k) => values[Math.floor((k * values.length) / MAX_CUTS)]!);
}
