/**
 * Simulator timings: the 256×256×128 standard case (median of 3) and the demo case the studio
 * generates at start-up (median of 3; budget ≈ 3 s). The simulator has no peer; its dominant
 * step, the 3D FFT, is compared with numpy.fft.fftn (Debian python3-numpy, pocketfft in C) on the
 * same 256×256×128 complex64 transform, when /usr/bin/python3 has numpy.
 */
import { execFileSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { simulateTomogram, standardCase } from '../src/core/sim/index.ts';
import { fft3d } from '../src/core/volume/fft.ts';
import { ratioFor, type BenchFigure, type BenchRun } from './figure.ts';

const RUNS = 3;
const FFT_SHAPE: [number, number, number] = [256, 256, 128];

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

function timeMs(fn: () => void): number {
  const start = performance.now();
  fn();
  return performance.now() - start;
}

function simulateFigure(caseName: string, note: string): BenchFigure {
  const config = standardCase(caseName);
  const times: number[] = [];
  let placed = 0;
  for (let r = 0; r < RUNS; r++) {
    times.push(timeMs(() => (placed = simulateTomogram(config).particles.length)));
  }
  if (placed !== config.particleCount) throw new Error(`${caseName}: placed ${placed} of ${config.particleCount} particles`);
  return {
    name: `simulate ${caseName} (${config.shape.join('×')}, ${placed} particles)`,
    value: Math.round(median(times)),
    unit: 'ms',
    note: `median of ${RUNS}; ${note}`,
  };
}

/** numpy.fft.fftn on a complex64 array of FFT_SHAPE, median of RUNS, ms; null without numpy. */
function numpyFftMs(): number | null {
  const script = `
import time, numpy as np
a = (np.random.default_rng(1).standard_normal((${FFT_SHAPE[2]}, ${FFT_SHAPE[1]}, ${FFT_SHAPE[0]}))).astype(np.complex64)
np.fft.fftn(a)
t = []
for _ in range(${RUNS}):
    s = time.perf_counter(); np.fft.fftn(a); t.append(time.perf_counter() - s)
print(sorted(t)[len(t) // 2] * 1000)
`;
  try {
    return Number(execFileSync('/usr/bin/python3', ['-c', script], { encoding: 'utf8' }).trim());
  } catch {
    return null;
  }
}

function fftFigure(): BenchFigure {
  const n = FFT_SHAPE[0] * FFT_SHAPE[1] * FFT_SHAPE[2];
  const re = new Float32Array(n);
  const im = new Float32Array(n);
  for (let i = 0; i < n; i++) re[i] = Math.sin(i * 0.37);
  fft3d(re, im, FFT_SHAPE); // warm-up (JIT, twiddle tables)
  const times = Array.from({ length: RUNS }, () => timeMs(() => fft3d(re, im, FFT_SHAPE)));
  const value = Math.round(median(times));
  const figure: BenchFigure = { name: `fft3d forward ${FFT_SHAPE.join('×')} complex`, value, unit: 'ms', note: `median of ${RUNS}` };
  const peerValue = numpyFftMs();
  if (peerValue !== null && Number.isFinite(peerValue)) {
    figure.peer = 'numpy.fft.fftn complex64 (Debian python3-numpy)';
    figure.peerValue = Math.round(peerValue);
    figure.ratio = ratioFor('ms', value, peerValue);
  }
  return figure;
}

export const run: BenchRun = async () => [
  simulateFigure('demo', 'the studio generates it in a worker at start-up; budget ≈ 3000 ms'),
  simulateFigure('standard-snr0.5', 'DESIGN.md §7 standard case'),
  fftFigure(),
];
