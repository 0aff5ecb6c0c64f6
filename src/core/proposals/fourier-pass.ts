/**
 * The CPU Fourier bank's transforms cut into tasks for a pool of workers (core/parallel): every
 * pass of a 3D FFT is a set of independent lines, so each pass is split into one share per worker
 * (`splitAxisLines`, rows by `evenCuts`) and the pool runs the shares of one pass before the next
 * starts. The arrays live in SharedArrayBuffers; a task carries views of them, and the inverse
 * transform's first pass carries the filter pair itself (two filters and the spectrum's views),
 * from which the worker rebuilds the row product. Each line is computed by the same code as on one
 * thread, so the responses are bit-identical whatever the pool's size.
 */
import { evenCuts, splitAxisLines, transformAxis, type AxisLines } from '../volume/fft.ts';
import {
  finishInverseFromRows,
  planInverseFromRows,
  transformRowsFromSource,
  type CroppedOutput,
  type FrequencySupport,
  type InverseFromRowsPlan,
} from '../volume/fft-pruned.ts';
import { realForwardSteps } from '../volume/fft-real.ts';
import type { TaskPool } from '../parallel/task-pool.ts';
import { pairProductRows, type FilterPair } from './pair-transfer.ts';
import type { Shape3 } from './mirror-pad.ts';

export type FourierPassTask =
  | { kind: 'axis'; re: Float32Array; im: Float32Array; lines: AxisLines; inverse: boolean; scale: number }
  | { kind: 'pair-rows'; pair: FilterPair; rows: Int32Array; target: Pick<InverseFromRowsPlan, 're' | 'im' | 'nx' | 'ny' | 'width' | 'rowScale'> };

export type FourierPool = TaskPool<FourierPassTask>;

/** Beyond four threads the passes are bound by memory bandwidth. */
export const MAX_FOURIER_THREADS = 4;

/** A worker's body: one share of one pass. */
export function runFourierPass(task: FourierPassTask): void {
  if (task.kind === 'axis') transformAxis(task.re, task.im, task.lines, task.inverse, task.scale);
  else transformRowsFromSource(pairProductRows(task.pair), task.rows, task.target);
}

async function axisInShares(
  pool: FourierPool,
  re: Float32Array,
  im: Float32Array,
  lines: AxisLines,
  inverse: boolean,
  scale: number,
  signal: AbortSignal | undefined,
): Promise<void> {
  await pool.run(
    splitAxisLines(lines, pool.size).map((share): FourierPassTask => ({ kind: 'axis', re, im, lines: share, inverse, scale })),
    signal,
  );
}

/** fft3dOfReal on the pool (re, im shared); `signal` stops it between and during passes. */
export async function realForwardInShares(pool: FourierPool, re: Float32Array, im: Float32Array, shape: Shape3, signal?: AbortSignal): Promise<void> {
  const steps = realForwardSteps(re, im, shape);
  steps.before();
  for (const lines of steps.axes) await axisInShares(pool, steps.re as Float32Array, steps.im as Float32Array, lines, false, 1, signal);
  steps.after();
}

/** inverseFft3dFromRows of a filter pair's product on the pool (work arrays and output shared). */
export async function pairInverseInShares(
  pool: FourierPool,
  pair: FilterPair,
  support: FrequencySupport,
  re: Float32Array,
  im: Float32Array,
  cropped: CroppedOutput | undefined,
  signal?: AbortSignal,
): Promise<void> {
  const plan = planInverseFromRows(support, re, im, pair.padded, cropped);
  const { nx, ny, width, rowScale } = plan;
  const target = { re, im, nx, ny, width, rowScale };
  // Each task gets its own copy of its rows: a view would clone the whole list into every message.
  await pool.run(
    evenCuts(plan.rows.length, pool.size).map(([a, b]): FourierPassTask => ({ kind: 'pair-rows', pair, rows: plan.rows.slice(a, b), target })),
    signal,
  );
  for (const { lines, scale } of plan.axes) await axisInShares(pool, re, im, lines, true, scale, signal);
  finishInverseFromRows(plan);
}
