import type { ClassReport, EvaluationReport } from './evaluate.ts';

/** Undefined ratios print as "-" (see scores.ts). */
const ratio = (value: number): string => (Number.isNaN(value) ? '-' : value.toFixed(3));

/** Plain-text table of an evaluation, columns right-aligned except the class name. */
export function formatEvaluationTable(report: EvaluationReport): string {
  const header = ['class', 'name', 'truth', 'pred', 'tp', 'fp', 'fn', 'precision', 'recall', 'F1', `F${formatBeta(report.beta)}`];
  // A row with neither number nor name holds every pick (class-agnostic or unlabelled files).
  const classLabel = (row: ClassReport) => (row.class !== null ? String(row.class) : row.name === null ? 'all' : '');
  const cells = (row: ClassReport, label?: string): string[] => [
    label ?? classLabel(row),
    row.name ?? '',
    String(row.nTruth),
    String(row.nPred),
    String(row.tp),
    String(row.fp),
    String(row.fn),
    ratio(row.precision),
    ratio(row.recall),
    ratio(row.f1),
    ratio(row.fbeta),
  ];
  const lines = alignedLines([header, ...report.classes.map((row) => cells(row)), cells(report.overall, 'overall')], 2);
  const rule = '-'.repeat(Math.max(...lines.map((l) => l.length)));
  return [lines[0]!, rule, ...lines.slice(1, -1), rule, lines.at(-1)!, '', `macro F1: ${ratio(report.macroF1)}`].join('\n');
}

/** Rows as lines of columns two spaces apart: the first `leftColumns` left-aligned, the rest right-aligned. */
function alignedLines(rows: readonly string[][], leftColumns: number): string[] {
  const widths = rows[0]!.map((_, col) => Math.max(...rows.map((r) => r[col]!.length)));
  return rows.map((r) =>
    r
      .map((cell, col) => (col < leftColumns ? cell.padEnd(widths[col]!) : cell.padStart(widths[col]!)))
      .join('  ')
      .trimEnd(),
  );
}

function formatBeta(beta: number): string {
  return Number.isInteger(beta) ? String(beta) : beta.toFixed(2).replace(/0+$/, '');
}

/**
 * Plain-text confusion table: a row per true class (what its particles were picked as, then how
 * many nothing was picked near), a last row of the predictions that lie near no particle.
 */
export function formatConfusionTable(report: EvaluationReport): string {
  const { confusion, classes } = report;
  if (!confusion) return 'confusion: needs classes on both sides';
  const names = classes.map((row) => row.name ?? String(row.class));
  const header = ['true \\ picked as', ...names, 'missed'];
  const rows = [
    header,
    ...names.map((name, t) => [name, ...confusion.counts[t]!.map(String), String(confusion.missed[t])]),
    ['no particle', ...confusion.unmatched.map(String), ''],
  ];
  return ['matched with classes ignored, same tolerance:', ...alignedLines(rows, 1)].join('\n');
}
