import type { ConfusionMatrix } from './confusion.ts';
import type { ClassReport, EvaluationReport } from './evaluate.ts';

/** JSON has no NaN: undefined ratios (see scores.ts) become null. */
type Nullable<T> = { [K in keyof T]: T[K] extends number ? number | null : T[K] };

export interface EvaluationJson {
  classes: Nullable<ClassReport>[];
  overall: Nullable<ClassReport>;
  macroF1: number | null;
  /** Rows and columns in the order of `classes`; null when classes are ignored or absent. */
  confusion: ConfusionMatrix | null;
}

const orNull = (value: number): number | null => (Number.isNaN(value) ? null : value);

function rowJson(row: ClassReport): Nullable<ClassReport> {
  return {
    class: row.class,
    name: row.name,
    nTruth: row.nTruth,
    nPred: row.nPred,
    tp: row.tp,
    fp: row.fp,
    fn: row.fn,
    precision: orNull(row.precision),
    recall: orNull(row.recall),
    f1: orNull(row.f1),
    fbeta: orNull(row.fbeta),
  };
}

/** The `eval --json` shape of DESIGN.md §7. */
export function evaluationToJson(report: EvaluationReport): EvaluationJson {
  return { classes: report.classes.map(rowJson), overall: rowJson(report.overall), macroF1: orNull(report.macroF1), confusion: report.confusion };
}
