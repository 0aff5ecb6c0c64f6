/**
 * conv3d kernels (forward, input gradient, filter gradient) of the U-Net's shapes: tfjs 4.22's own
 * cpu and wasm kernels vs ours (src/gpu/kernels) registered on the same backends, and PyTorch CPU
 * (Debian python3-torch, 1 and 2 threads) as the peer. Best of a few runs after two warm-up runs.
 */
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs';
import { initNodeBackend } from '../src/gpu/node/init-node-backend.ts';
import {
  type FastConvBackend,
  registerFastConvKernels,
  unregisterFastConvKernels,
} from '../src/gpu/kernels/register-fast-conv-kernels.ts';
import { type BenchFigure, type BenchRun, ratioFor } from './figure.ts';
import { seededUniform } from '../src/gpu/kernels/conv3d-naive-reference.ts';

interface ConvCase {
  name: string;
  x: [number, number, number, number, number];
  filter: [number, number, number, number, number];
  stride: number;
  pad: 'same';
  reps: number;
}

const CASES: ConvCase[] = [
  { name: '[2,32,32,32,8]→8 k3', x: [2, 32, 32, 32, 8], filter: [3, 3, 3, 8, 8], stride: 1, pad: 'same', reps: 3 },
  { name: '[2,16,16,16,16]→16 k3', x: [2, 16, 16, 16, 16], filter: [3, 3, 3, 16, 16], stride: 1, pad: 'same', reps: 3 },
  { name: '[1,64,64,64,16]→16 k3', x: [1, 64, 64, 64, 16], filter: [3, 3, 3, 16, 16], stride: 1, pad: 'same', reps: 2 },
  // The decoder's transposed conv (its forward is our backprop-input): 32 → 16 channels, 8³ → 16³.
  { name: '[2,16,16,16,16]→32 k2 stride 2', x: [2, 16, 16, 16, 16], filter: [2, 2, 2, 16, 32], stride: 2, pad: 'same', reps: 3 },
];

/** Untimed runs first: V8 optimises our kernels only after they have run a little. */
const WARM_UP = 2;
const OPS = ['forward', 'backpropInput', 'backpropFilter'] as const;
type Op = (typeof OPS)[number];
type Timings = Record<Op, { seconds: number; values: Float32Array }>;

const outShape = (c: ConvCase): number[] => {
  const [n, d, h, w] = c.x;
  return [n, Math.ceil(d / c.stride), Math.ceil(h / c.stride), Math.ceil(w / c.stride), c.filter[4]];
};
const size = (shape: readonly number[]): number => shape.reduce((a, b) => a * b, 1);
/** Multiply-adds × 2, the same for all three ops. */
const flops = (c: ConvCase): number => 2 * size(outShape(c).slice(0, 4)) * size(c.filter);

const random = seededUniform;

function runOp(op: Op, c: ConvCase, x: tf.Tensor5D, w: tf.Tensor5D, dy: tf.Tensor5D): tf.Tensor {
  const attrs = { strides: c.stride, pad: c.pad };
  if (op === 'forward') return tf.conv3d(x, w, c.stride, c.pad);
  if (op === 'backpropInput') {
    return tf.engine().runKernel('Conv3DBackpropInputV2', { dy, filter: w }, { ...attrs, inputShape: c.x } as never);
  }
  return tf.engine().runKernel('Conv3DBackpropFilterV2', { x, dy }, { ...attrs, filterShape: c.filter } as never);
}

function timeOps(c: ConvCase): Timings {
  const x = tf.tensor5d(random(size(c.x), 1), c.x);
  const w = tf.tensor5d(random(size(c.filter), 2), c.filter);
  const dy = tf.tensor5d(random(size(outShape(c)), 3), outShape(c) as ConvCase['x']);
  const result = {} as Timings;
  for (const op of OPS) {
    let best = Infinity;
    let values: Float32Array = new Float32Array(0);
    for (let rep = -WARM_UP; rep < c.reps; rep++) {
      const t0 = performance.now();
      const out = runOp(op, c, x, w, dy);
      values = out.dataSync() as Float32Array;
      const seconds = (performance.now() - t0) / 1000;
      out.dispose();
      if (rep >= 0) best = Math.min(best, seconds);
    }
    result[op] = { seconds: best, values };
  }
  tf.dispose([x, w, dy]);
  return result;
}

async function timeBackend(backend: FastConvBackend, fast: boolean): Promise<Timings[]> {
  await initNodeBackend(backend);
  if (fast) registerFastConvKernels(backend);
  else unregisterFastConvKernels(backend);
  process.stderr.write(`  ${fast ? 'ours' : 'tfjs'} on ${backend}\n`);
  const all = CASES.map(timeOps);
  unregisterFastConvKernels(backend);
  return all;
}

interface TorchResult {
  case: string;
  threads: number;
  forward: number;
  backpropInput: number;
  backpropFilter: number;
}

function timeTorch(): { version: string; results: TorchResult[] } | null {
  const script = join(dirname(fileURLToPath(import.meta.url)), 'peers', 'conv3d_torch.py');
  const run = spawnSync('/usr/bin/python3', [script], { input: JSON.stringify(CASES), encoding: 'utf8' });
  if (run.status !== 0) {
    process.stderr.write(`  PyTorch peer skipped: ${run.stderr || run.error?.message}\n`);
    return null;
  }
  const parsed = JSON.parse(run.stdout) as { torch: string; results: TorchResult[] };
  return { version: parsed.torch, results: parsed.results };
}

/**
 * max |a − b| / max |b|: how far our result is from tfjs-cpu's. 0 is expected for the gradients:
 * tfjs-cpu and we both sum each value in a double and round once.
 */
function relativeDiff(a: Float32Array, b: Float32Array): number {
  let diff = 0;
  let scale = 0;
  for (let i = 0; i < b.length; i++) {
    diff = Math.max(diff, Math.abs(a[i]! - b[i]!));
    scale = Math.max(scale, Math.abs(b[i]!));
  }
  return diff / scale;
}

const ms = (s: number): number => Math.round(s * 10000) / 10;
const gflops = (c: ConvCase, s: number): string => (flops(c) / s / 1e9).toFixed(2);

export const run: BenchRun = async () => {
  const tfjsCpu = await timeBackend('cpu', false);
  const oursCpu = await timeBackend('cpu', true);
  const tfjsWasm = await timeBackend('wasm', false);
  const oursWasm = await timeBackend('wasm', true);
  process.stderr.write('  PyTorch\n');
  const torch = timeTorch();
  const figures: BenchFigure[] = [];
  CASES.forEach((c, i) => {
    for (const op of OPS) {
      const ours = oursCpu[i]![op];
      const tc = tfjsCpu[i]![op];
      const ow = oursWasm[i]![op];
      const tw = tfjsWasm[i]![op];
      const figure = (value: number, peer: string, peerValue: number, note: string): BenchFigure => ({
        name: `conv3d ${op} ${c.name}: ${peer.split(' (')[0]} → ours`,
        value: ms(value),
        unit: 'ms',
        peer,
        peerValue: ms(peerValue),
        ratio: ratioFor('ms', value, peerValue),
        note,
      });
      figures.push(
        figure(ours.seconds, 'tfjs-cpu 4.22', tc.seconds,
          `GFLOP/s ours ${gflops(c, ours.seconds)} vs ${gflops(c, tc.seconds)}; ` +
            `max rel diff to tfjs-cpu ${relativeDiff(ours.values, tc.values).toExponential(1)}`),
        figure(ow.seconds, 'tfjs-wasm 4.22', tw.seconds,
          `ours on the wasm backend (same JS kernels on heap views); GFLOP/s ours ${gflops(c, ow.seconds)} vs ` +
            `${gflops(c, tw.seconds)}; tfjs-wasm max rel diff to tfjs-cpu ${relativeDiff(tw.values, tc.values).toExponential(1)}`),
      );
      const t1 = torch?.results.find((r) => r.case === c.name && r.threads === 1);
      const t2 = torch?.results.find((r) => r.case === c.name && r.threads === 2);
      if (torch && t1 && t2) {
        figures.push(figure(ours.seconds, `PyTorch ${torch.version} CPU (1 thread)`, t1[op],
          `GFLOP/s ours (1 thread) ${gflops(c, ours.seconds)} vs PyTorch 1 thread ${gflops(c, t1[op])}, ` +
            `2 threads ${gflops(c, t2[op])} (${ms(t2[op])} ms)`));
      }
    }
  });
  return figures;
};
