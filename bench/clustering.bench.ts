/**
 * Label map → clusters, the U-Net's post-processing (issue 5): our connected components (6-neighbour,
 * min 5 voxels) and our grid DBSCAN (eps 1 voxel, 5 points) on the 256×256×128 label map of the
 * standard simulated case (300 particles of four species), side by side with scipy.ndimage.label
 * (+ sizes and centroids by bincount) and scikit-learn's DBSCAN(eps=1, min_samples=5) over the
 * voxel coordinates of each class (Debian python3-scipy / python3-sklearn), median of RUNS runs.
 * Each method's clusters (class, size, centroid) are checked against its peer's, and the two of ours
 * against each other, so a fast but wrong method cannot give a good figure.
 * Run: `npm run bench clustering`.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Cluster } from '../src/core/picks/clustering/cluster.ts';
import { connectedComponents } from '../src/core/picks/clustering/connected-components.ts';
import { dbscanGrid } from '../src/core/picks/clustering/dbscan-grid.ts';
import { simulateTomogram, standardCase } from '../src/core/sim/index.ts';
import type { Shape3 } from '../src/core/volume/patch-grid.ts';
import { ratioFor, type BenchFigure, type BenchRun } from './figure.ts';

const RUNS = 5;
const CASE = 'standard-snr0.5';

/** [classId, size, x, y, z] per cluster, the common currency of ours and the peers. */
type Summary = [number, number, number, number, number][];

const PYTHON = String.raw`
import json, sys, time
import numpy as np
from scipy import ndimage
from sklearn.cluster import DBSCAN
path, nx, ny, nz, runs = sys.argv[1:]
labels = np.fromfile(path, dtype=np.uint8).reshape(int(nz), int(ny), int(nx))
classes = [int(c) for c in np.unique(labels) if c != 0]
def summarise(c, coords, ids):
    out = []
    for k in np.unique(ids[ids >= 0]):
        pts = coords[ids == k]
        z, y, x = pts.mean(axis=0)
        out.append([c, int(len(pts)), float(x), float(y), float(z)])
    return out
def scipy_label():
    out = []
    for c in classes:
        comp, n = ndimage.label(labels == c)  # 6-connectivity by default
        flat = comp.ravel()
        sizes = np.bincount(flat, minlength=n + 1)
        idx = np.flatnonzero(flat)
        lab = flat[idx]
        zz, rest = np.divmod(idx, labels.shape[1] * labels.shape[2])
        yy, xx = np.divmod(rest, labels.shape[2])
        cx, cy, cz = (np.bincount(lab, weights=v, minlength=n + 1) for v in (xx, yy, zz))
        for k in range(1, n + 1):
            if sizes[k] >= 5:
                out.append([c, int(sizes[k]), cx[k] / sizes[k], cy[k] / sizes[k], cz[k] / sizes[k]])
    return out
def sklearn_dbscan():
    out = []
    for c in classes:
        coords = np.argwhere(labels == c)  # linear-index order, as ours scans
        ids = DBSCAN(eps=1, min_samples=5).fit(coords).labels_
        out.extend(summarise(c, coords, ids))
    return out
result = {}
for name, fn in (('scipy', scipy_label), ('sklearn', sklearn_dbscan)):
    times = []
    for _ in range(int(runs) if name == 'scipy' else 1 + int(runs) // 2):
        t = time.perf_counter(); clusters = fn(); times.append(time.perf_counter() - t)
    result[name] = {'ms': float(np.median(times)) * 1000, 'clusters': clusters}
print(json.dumps(result))
`;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

function timed(fn: () => Cluster[]): { ms: number; clusters: Cluster[] } {
  fn(); // warm-up (JIT)
  const times: number[] = [];
  let clusters: Cluster[] = [];
  for (let r = 0; r < RUNS; r++) {
    const start = performance.now();
    clusters = fn();
    times.push(performance.now() - start);
  }
  return { ms: median(times), clusters };
}

const summarise = (clusters: Cluster[]): Summary => clusters.map((c) => [c.classId, c.size, c.x, c.y, c.z]);

/** Clusters are the same when class, size and centroid (to 1e-6 voxel) match one to one. */
function sameClusters(a: Summary, b: Summary): boolean {
  const key = (s: Summary[number]) => `${s[0]}:${s[1]}:${s.slice(2).map((v) => v.toFixed(6)).join(',')}`;
  const ka = a.map(key).sort();
  const kb = b.map(key).sort();
  return ka.length === kb.length && ka.every((k, i) => k === kb[i]);
}

function peers(labelMap: Uint8Array, shape: Shape3) {
  const dir = mkdtempSync(join(tmpdir(), 'tomopick-clustering-'));
  try {
    const path = join(dir, 'labels.u8');
    writeFileSync(path, labelMap);
    const text = execFileSync('/usr/bin/python3', ['-c', PYTHON, path, ...shape.map(String), String(RUNS)], {
      encoding: 'utf8',
      maxBuffer: 1 << 28,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    return JSON.parse(text) as Record<'scipy' | 'sklearn', { ms: number; clusters: Summary }>;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const round = (v: number, digits = 1) => Math.round(v * 10 ** digits) / 10 ** digits;

export const run: BenchRun = async () => {
  const sim = simulateTomogram(standardCase(CASE));
  const shape = sim.config.shape as Shape3;
  const components = timed(() => connectedComponents(sim.labelMap, shape, { connectivity: 6, minSize: 5 }));
  const dbscan = timed(() => dbscanGrid(sim.labelMap, shape, { eps: 1, minPoints: 5 }));
  const peer = peers(sim.labelMap, shape);
  const ccMatchesScipy = sameClusters(summarise(components.clusters), peer.scipy.clusters);
  const dbMatchesSklearn = sameClusters(summarise(dbscan.clusters), peer.sklearn.clusters);
  const oursAgree = sameClusters(summarise(components.clusters), summarise(dbscan.clusters));
  const load = `load average ${round(loadavg()[0]!)} on 2 cores`;
  const label = `${shape.join('×')} label map of ${CASE} (${sim.particles.length} particles)`;
  const agreement =
    `components vs DBSCAN: ${components.clusters.length} vs ${dbscan.clusters.length} clusters, ` +
    (oursAgree ? 'identical' : 'DBSCAN also splits thin lobes off (non-core necks)');
  return [
    {
      name: `connected components (6-neighbour, min 5 voxels) on the ${label}`,
      value: round(components.ms),
      unit: 'ms',
      peer: 'scipy.ndimage.label + bincount sizes/centroids, per class',
      peerValue: round(peer.scipy.ms),
      ratio: ratioFor('ms', components.ms, peer.scipy.ms),
      note: `same clusters as scipy: ${ccMatchesScipy ? 'yes' : 'NO'}; ${agreement}; median of ${RUNS}; ${load}`,
    },
    {
      name: `grid DBSCAN (eps 1 voxel, 5 points) on the ${label}`,
      value: round(dbscan.ms),
      unit: 'ms',
      peer: 'sklearn.cluster.DBSCAN(eps=1, min_samples=5) over the voxel coordinates, per class',
      peerValue: round(peer.sklearn.ms),
      ratio: ratioFor('ms', dbscan.ms, peer.sklearn.ms),
      note: `same clusters as scikit-learn: ${dbMatchesSklearn ? 'yes' : 'NO'} (${dbscan.clusters.length} vs ${peer.sklearn.clusters.length}); ${load}`,
    },
  ] satisfies BenchFigure[];
};
