/**
 * A-LoG proposals, CPU path, side by side with scikit-image's `blob_log` (Debian python3-skimage)
 * on the same simulated tomogram and the same scale range (as many scales as our bank — 11 on this
 * range — log-spaced, σ from the smallest to the largest of our bank), both with dark particles made bright for blob_log.
 *
 * blob_log has no scores: its threshold is tuned (bisection over the maxima of its own LoG cube,
 * recorded during a first call) until it returns about our K picks whose σ lies in the requested
 * range, then blob_log is timed again at that threshold. Recall is measured the same way for
 * both (class-agnostic, particles whose diameter lies in the range, tolerance 0.5 × radius).
 *
 * Sizes: both side by side on 256×256×128 and 384×384×150; ours on the 512×512×200 tomogram of
 * issue 4, blob_log extrapolated there linearly in voxels from the 384×384×150 run (its separable
 * filters and 4D maximum filter cost a fixed amount per voxel; the note gives the per-voxel time
 * at both measured sizes). blob_log's two calls on 512×512×200 (tuning, then timing) take over
 * half an hour on this shared 2-core machine (peak memory ≈ 9 GB, scaled from 1.4 GB at
 * 256×256×128). Set TOMOPICK_BENCH_BLOBLOG_FULL=1 to run blob_log on 512×512×200 instead.
 *
 * Ours twice per size: on one thread (as blob_log, which has no threads), and with the filter
 * bank's transforms on a pool of worker threads (the machine's cores, at most four: what
 * `tomopick propose` uses by default). Both give the same picks; each is a figure of its own.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { evaluatePicks, type MetricPoint } from '../src/core/metrics/evaluate.ts';
import { computeProposalField, selectProposals, TOP_K_PER_EXPECTED } from '../src/core/proposals/propose.ts';
import { sigmaForDiameter, type ScaleBank } from '../src/core/proposals/scales.ts';
import { simulateTomogram, standardCase, type SimulationResult } from '../src/core/sim/index.ts';
import { toFloat32 } from '../src/core/volume/volume.ts';
import type { LogFilterBank } from '../src/core/proposals/log-filter-bank.ts';
import { FourierLogFilterBank } from '../src/core/proposals/fourier-log-bank.ts';
import { openNodeFourierPool } from '../src/cli/threads/fourier-pool.ts';
import { ratioFor, type BenchFigure, type BenchRun } from './figure.ts';

/** The ribosome-sized range of the accuracy table (0.45–1 × 260 Å). */
export const RANGE: [number, number] = [117, 260];
const SNR_CASE = 'standard-snr0.1';

interface Case {
  label: string;
  sim: SimulationResult;
}

export function simulate(shape: [number, number, number]): Case {
  const config = standardCase(SNR_CASE);
  const base = config.shape[0] * config.shape[1] * config.shape[2];
  config.particleCount = Math.round((config.particleCount * shape[0] * shape[1] * shape[2]) / base);
  config.shape = shape;
  return { label: `${shape.join('×')} ${SNR_CASE}`, sim: simulateTomogram(config) };
}

function truthInRange(sim: SimulationResult): MetricPoint[] {
  return sim.particles
    .filter((p) => {
      const d = 2 * sim.classes[p.classId - 1]!.radiusAngstrom;
      return d >= RANGE[0] && d <= RANGE[1];
    })
    .map((p) => ({ x: p.x, y: p.y, z: p.z, radiusVoxels: sim.classes[p.classId - 1]!.radiusAngstrom / sim.config.voxelSize }));
}

const recallOf = (pred: MetricPoint[], truth: MetricPoint[]) => evaluatePicks(pred, truth, { classAgnostic: true }).overall;

export async function ours(c: Case, bank?: LogFilterBank) {
  const truth = truthInRange(c.sim);
  const topK = Math.ceil(TOP_K_PER_EXPECTED * truth.length);
  const started = performance.now();
  const field = await computeProposalField(c.sim.volume, { diameterAngstrom: RANGE, bank });
  const { proposals } = selectProposals(field, { topK });
  const seconds = (performance.now() - started) / 1000;
  const scores = recallOf(proposals, truth);
  return { seconds, topK, count: proposals.length, recall: scores.recall, precision: scores.precision, scales: field.scales, truth };
}

const PYTHON = String.raw`
import json, sys, time
import numpy as np
import skimage.feature.blob as B
path, nx, ny, nz, smin, smax, in_lo, in_hi, k, num_sigma = sys.argv[1:]
nx, ny, nz, k, num_sigma = int(nx), int(ny), int(nz), int(k), int(num_sigma)
smin, smax, in_lo, in_hi = float(smin), float(smax), float(in_lo), float(in_hi)
image = -np.fromfile(path, dtype=np.float32).reshape(nz, ny, nx)  # dark particles -> bright blobs
# First call: record blob_log's LoG cube and all its local maxima (pruning skipped), so the
# threshold can be tuned without refiltering.
record = {}
original_peaks, original_prune = B.peak_local_max, B._prune_blobs
def recording(img, **kw):
    # Only maxima above the 99th percentile of the in-range scales' responses: far more than K
    # in-range maxima, and a bounded number for peak_local_max's spacing step (threshold 0 makes
    # it run for many minutes). The finer scales' noise mostly lies above this floor as well.
    in_scales = (sigma_list >= in_lo * 0.999) & (sigma_list <= in_hi * 1.001)
    floor = float(np.quantile(img[::5, ::5, ::5][..., in_scales], 0.99))
    out = original_peaks(img, **{**kw, 'threshold_abs': floor})
    record['values'], record['maxima'] = img[tuple(out.T)], out
    return out[:1]
sigma_list = np.logspace(np.log10(smin), np.log10(smax), num_sigma)
B.peak_local_max = recording
B._prune_blobs = lambda lm, overlap, sigma_dim=1: lm
B.blob_log(image, min_sigma=smin, max_sigma=smax, num_sigma=num_sigma, threshold=0.0, log_scale=True)
B.peak_local_max, B._prune_blobs = original_peaks, original_prune
values, maxima = record['values'], record['maxima']
print(f'blob_log peer: {len(maxima)} maxima recorded; tuning the threshold for K={k}', file=sys.stderr)
in_range_maxima = (sigma_list[maxima[:, -1]] >= in_lo * 0.999) & (sigma_list[maxima[:, -1]] <= in_hi * 1.001)
def blobs_at(th):
    sel = maxima[values > th]
    lm = np.hstack([sel[:, :-1].astype(float), sigma_list[sel[:, -1]][:, None]])
    return original_prune(lm, 0.5, sigma_dim=1) if len(lm) else np.empty((0, 4))
def in_range(blobs):
    return blobs[(blobs[:, 3] >= in_lo * 0.999) & (blobs[:, 3] <= in_hi * 1.001)]
# Pruning only removes blobs: where the unpruned in-range count falls to K, the pruned count is
# <= K (upper bracket); walk down from there until the pruned count exceeds K (lower bracket).
ranked = np.sort(values[in_range_maxima])[::-1]
hi = float(ranked[min(k, len(ranked)) - 1])
lo = hi
for factor in (2, 4, 8, 16, 32, 64):
    lo = float(ranked[min(factor * k, len(ranked)) - 1])
    if len(in_range(blobs_at(lo))) > k: break
for _ in range(12):
    mid = (lo + hi) / 2
    if len(in_range(blobs_at(mid))) > k: lo = mid
    else: hi = mid
threshold = hi
print(f'blob_log peer: threshold {threshold:.4g}; timing blob_log', file=sys.stderr)
start = time.perf_counter()
blobs = B.blob_log(image, min_sigma=smin, max_sigma=smax, num_sigma=num_sigma, threshold=threshold, log_scale=True)
seconds = time.perf_counter() - start
picked = in_range(blobs)
print(json.dumps({"seconds": seconds, "threshold": threshold, "all": len(blobs), "picks": picked[:, :3].tolist()}))
`;

function blobLog(c: Case, scales: ScaleBank, topK: number) {
  const { diameters } = scales;
  const { volume } = c.sim;
  const dir = mkdtempSync(join(tmpdir(), 'tomopick-bloblog-'));
  try {
    const path = join(dir, 'volume.f32');
    writeFileSync(path, toFloat32(volume));
    const sigma = (d: number) => sigmaForDiameter(d / volume.voxelSize[0]);
    const args = [path, volume.nx, volume.ny, volume.nz, sigma(diameters[0]!), sigma(diameters.at(-1)!), sigma(diameters[scales.firstInside]!), sigma(diameters[scales.lastInside]!), topK, diameters.length];
    const text = execFileSync('/usr/bin/python3', ['-c', PYTHON, ...args.map(String)], { encoding: 'utf8', maxBuffer: 1 << 28, stdio: ['ignore', 'pipe', 'inherit'] });
    const result = JSON.parse(text) as { seconds: number; threshold: number; all: number; picks: [number, number, number][] };
    return { ...result, points: result.picks.map(([z, y, x]) => ({ x, y, z })) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export const round = (v: number, digits = 3) => Math.round(v * 10 ** digits) / 10 ** digits;

type OursRun = Awaited<ReturnType<typeof ours>>;

/** How our run was threaded, next to blob_log's single thread. */
const threadsOf = (run: OursRun & { threads: number }) =>
  run.threads === 1 ? 'both single-threaded' : `ours on ${run.threads} threads (filter bank transforms on worker threads), blob_log single-threaded`;
const labelOf = (run: { threads: number }) => (run.threads === 1 ? 'CPU' : `CPU ${run.threads} threads`);

/** Ours on one thread, then on the pool; the picks must agree (same responses, bit for bit). */
async function oursBothWays(c: Case): Promise<(OursRun & { threads: number })[]> {
  const single = { ...(await ours(c)), threads: 1 };
  const pool = openNodeFourierPool();
  if (!pool) return [single];
  try {
    const pooled = { ...(await ours(c, new FourierLogFilterBank({ pool }))), threads: pool.size };
    if (pooled.count !== single.count || pooled.recall !== single.recall) throw new Error(`pooled and single-threaded picks differ on ${c.label}`);
    return [single, pooled];
  } finally {
    pool.dispose();
  }
}

function sideBySide(c: Case, oursRun: OursRun & { threads: number }, peer: ReturnType<typeof blobLog>): BenchFigure {
  const peerRecall = recallOf(peer.points, oursRun.truth);
  return {
    name: `A-LoG proposals ${labelOf(oursRun)} ${c.label} (range ${RANGE.join('–')} Å)`,
    value: round(oursRun.seconds, 1),
    unit: 's',
    peer: 'skimage.feature.blob_log 0.19 (Debian python3-skimage), same 11 log-spaced σ',
    peerValue: round(peer.seconds, 1),
    ratio: ratioFor('s', oursRun.seconds, peer.seconds),
    note:
      `${threadsOf(oursRun)}; recall ours ${round(oursRun.recall)} (${oursRun.count} picks, K=${oursRun.topK}, precision ${round(oursRun.precision)}) vs blob_log ` +
      `${round(peerRecall.recall)} (${peer.points.length} in-range picks of ${peer.all}, threshold ${round(peer.threshold, 4)}, precision ${round(peerRecall.precision)})`,
  };
}

const voxelsOf = (c: Case) => c.sim.volume.nx * c.sim.volume.ny * c.sim.volume.nz;

export const run: BenchRun = async () => {
  const figures: BenchFigure[] = [];
  // blob_log is measured at two sizes so the linear extrapolation to 512×512×200 rests on two points.
  const measured: { c: Case; peerSeconds: number }[] = [];
  for (const shape of [
    [256, 256, 128],
    [384, 384, 150],
  ] as [number, number, number][]) {
    const c = simulate(shape);
    const runs = await oursBothWays(c);
    const peer = blobLog(c, runs[0]!.scales, runs[0]!.topK);
    for (const oursRun of runs) figures.push(sideBySide(c, oursRun, peer));
    measured.push({ c, peerSeconds: peer.seconds });
  }

  const large = simulate([512, 512, 200]);
  const largeRuns = await oursBothWays(large);
  const full = process.env.TOMOPICK_BENCH_BLOBLOG_FULL === '1';
  if (full) {
    const peer = blobLog(large, largeRuns[0]!.scales, largeRuns[0]!.topK);
    for (const oursRun of largeRuns) figures.push(sideBySide(large, oursRun, peer));
    return figures;
  }
  const perVoxel = measured.map((m) => m.peerSeconds / voxelsOf(m.c));
  const [from, check] = [measured.at(-1)!, measured[0]!];
  const peerSeconds = perVoxel.at(-1)! * voxelsOf(large);
  for (const largeOurs of largeRuns) {
    figures.push({
      name: `A-LoG proposals ${labelOf(largeOurs)} ${large.label} (range ${RANGE.join('–')} Å)`,
      value: round(largeOurs.seconds, 1),
      unit: 's',
      peer: `skimage.feature.blob_log, extrapolated linearly in voxels from ${from.c.label.split(' ')[0]} (×${round(voxelsOf(large) / voxelsOf(from.c), 2)})`,
      peerValue: round(peerSeconds, 1),
      ratio: ratioFor('s', largeOurs.seconds, peerSeconds),
      note:
        `${threadsOf(largeOurs)}; blob_log per voxel: ${perVoxel.map((v, i) => `${round(v * 1e9, 1)} ns at ${measured[i]!.c.label.split(' ')[0]}`).join(', ')} ` +
        `(from ${check.c.label.split(' ')[0]} alone: ${round(perVoxel[0]! * voxelsOf(large), 1)} s); ` +
        `recall ours ${round(largeOurs.recall)} (${largeOurs.count} picks, K=${largeOurs.topK}, precision ${round(largeOurs.precision)}); blob_log recall: see the smaller figures`,
    });
  }
  return figures;
};
