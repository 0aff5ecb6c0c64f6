/**
 * Isosurface of a low-passed simulated tomogram (standard case "standard-snr0.5", 256×256×128,
 * Gaussian σ = 1.5 voxels, density made positive) at mean + 2·sd: our marching cubes against
 * scikit-image's `skimage.measure.marching_cubes` (Lewiner) on the same float32 volume, written to
 * os.tmpdir() and timed inside Python. One warm-up, then the median of RUNS runs, for both. Also
 * reported: vertex and triangle counts of both (they should be comparable), and our time at step 2
 * (the coarse preview the studio uses on big tomograms). Needs Debian's python3-skimage.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { marchingCubes, type Dims } from '../src/core/mesh/marching-cubes.ts';
import { simulateTomogram, standardCase } from '../src/core/sim/index.ts';
import { gaussianBlur3d } from '../src/core/volume/gaussian-blur.ts';
import { computeStats } from '../src/core/volume/volume.ts';
import { debianPython } from '../src/testing/reference-paths.ts';
import { ratioFor, type BenchFigure, type BenchRun } from './figure.ts';

const RUNS = 3;
const SIGMA = 1.5;
const LEVEL_SD = 2;
const PEER = 'skimage.measure.marching_cubes';

function median(values: number[]): number {
  return [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
}

interface PeerResult {
  ms: number;
  vertices: number;
  triangles: number;
}

const PYTHON_TIMER = `
import json, sys, time
import numpy as np
from skimage.measure import marching_cubes
path, nx, ny, nz, level, runs = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), float(sys.argv[5]), int(sys.argv[6])
vol = np.fromfile(path, dtype=np.float32).reshape(nz, ny, nx)
marching_cubes(vol, level)  # warm-up
times = []
for _ in range(runs):
    t = time.perf_counter()
    verts, faces, normals, values = marching_cubes(vol, level)
    times.append((time.perf_counter() - t) * 1000)
print(json.dumps({"ms": sorted(times)[len(times) // 2], "vertices": len(verts), "triangles": len(faces)}))
`;

function timePeer(field: Float32Array, dims: Dims, level: number): PeerResult {
  const dir = mkdtempSync(join(tmpdir(), 'tomopick-mc-'));
  try {
    const path = join(dir, 'field.f32');
    writeFileSync(path, new Uint8Array(field.buffer, field.byteOffset, field.byteLength));
    const args = ['-c', PYTHON_TIMER, path, ...dims.map(String), String(level), String(RUNS)];
    return JSON.parse(execFileSync(debianPython, args, { encoding: 'utf8', maxBuffer: 1 << 20 })) as PeerResult;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function timeOurs(field: Float32Array, dims: Dims, level: number, step: number) {
  let mesh = marchingCubes(field, dims, level, { step }); // warm-up (JIT)
  const times: number[] = [];
  for (let r = 0; r < RUNS; r++) {
    const t = performance.now();
    mesh = marchingCubes(field, dims, level, { step });
    times.push(performance.now() - t);
  }
  return { ms: median(times), vertices: mesh.positions.length / 3, triangles: mesh.indices.length / 3 };
}

export const run: BenchRun = async () => {
  const sim = simulateTomogram(standardCase('standard-snr0.5'));
  const dims: Dims = [sim.volume.nx, sim.volume.ny, sim.volume.nz];
  // Particles are dense = dark = negative: negate so they are the values above the level.
  const field = Float32Array.from(sim.volume.data as Float32Array, (v) => -v);
  await gaussianBlur3d(field, dims, SIGMA); // the low-passed tomogram the 3D view meshes
  const { mean, rms } = computeStats({ dtype: 'float32', data: field });
  const level = mean + LEVEL_SD * rms;

  const ours = timeOurs(field, dims, level, 1);
  const coarse = timeOurs(field, dims, level, 2);
  const peer = timePeer(field, dims, level);
  const size = dims.join('×');
  const load = loadavg()[0]!.toFixed(1);
  const note = `standard-snr0.5 low-passed (σ ${SIGMA}), level mean + ${LEVEL_SD}·sd, median of ${RUNS}; load average ${load}`;
  const figures: BenchFigure[] = [
    { name: `marching cubes ${size}`, value: round(ours.ms), unit: 'ms', peer: PEER, peerValue: round(peer.ms), ratio: ratioFor('ms', ours.ms, peer.ms), note },
    { name: `marching cubes ${size} vertices`, value: ours.vertices, unit: 'vertices', peer: PEER, peerValue: peer.vertices },
    { name: `marching cubes ${size} triangles`, value: ours.triangles, unit: 'triangles', peer: PEER, peerValue: peer.triangles },
    {
      name: `marching cubes ${size} step 2`,
      value: round(coarse.ms),
      unit: 'ms',
      peer: `${PEER} (full resolution)`,
      peerValue: round(peer.ms),
      ratio: ratioFor('ms', coarse.ms, peer.ms),
      note: `${coarse.triangles} triangles; ${note}`,
    },
  ];
  return figures;
};

function round(ms: number): number {
  return Math.round(ms * 10) / 10;
}
