/**
 * Browser figures (slice latency, 3D frame time): runs the Playwright specs under e2e/bench and
 * collects the JSON figures they append to $BENCH_OUT.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BenchFigure, BenchRun } from './figure.ts';

export const run: BenchRun = async () => {
  const out = join(mkdtempSync(join(tmpdir(), 'tomopick-e2e-bench-')), 'figures.jsonl');
  execFileSync('npx', ['playwright', 'test', '--config', 'playwright.bench.config.ts'], {
    stdio: ['ignore', 'inherit', 'inherit'],
    env: { ...process.env, BENCH_OUT: out },
  });
  if (!existsSync(out)) throw new Error('the browser benchmarks wrote no figures');
  return readFileSync(out, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as BenchFigure);
};
