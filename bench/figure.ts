/** One benchmark figure, printed as one JSON line (DESIGN.md §7). */
export interface BenchFigure {
  name: string;
  value: number;
  unit: string;
  peer?: string;
  peerValue?: number;
  /** value / peerValue for "higher is better" units (MB/s); peerValue / value for times. */
  ratio?: number;
  note?: string;
}

/** A benchmark module: bench/<name>.bench.ts exports `run`. */
export type BenchRun = () => Promise<BenchFigure[]>;

/** Ratio oriented so that > 1 always means "we are better". */
export function ratioFor(unit: string, value: number, peerValue: number): number {
  const higherIsBetter = /\/s$/.test(unit) || unit === 'fps';
  const r = higherIsBetter ? value / peerValue : peerValue / value;
  return Math.round(r * 1000) / 1000;
}
