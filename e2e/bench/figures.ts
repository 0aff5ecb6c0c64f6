import { appendFileSync } from 'node:fs';

/** Browser benchmarks append one JSON figure per line to $BENCH_OUT (read by bench/studio-e2e.bench.ts). */
export function recordFigure(figure: { name: string; value: number; unit: string; note?: string }): void {
  console.log(JSON.stringify(figure));
  if (process.env.BENCH_OUT) appendFileSync(process.env.BENCH_OUT, `${JSON.stringify(figure)}\n`);
}

export function percentile(sorted: readonly number[], p: number): number {
  const i = Math.min(sorted.length - 1, Math.max(0, Math.round((p / 100) * (sorted.length - 1))));
  return sorted[i]!;
}
