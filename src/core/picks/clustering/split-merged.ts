/**
 * Touching particles of one class merge into one connected component when the segmentation is a
 * little fatter than the particles (sphere-label training makes it so): on the simulator's test
 * tomogram 16 of 26 unmatched ribosome picks sat between two ribosomes, 10–19 voxels from each
 * (issue 6 notes). A cluster larger than its class's sphere is split where its distance-to-edge
 * map has separate peaks — one per particle — as a marker watershed would:
 *   - peaks are local maxima (26 neighbours) of the Euclidean distance to the cluster's edge, at
 *     least `minPeakFraction` × the class radius deep, taken strongest first and kept only when
 *     `minSeparationFactor` × the radius from every peak already kept. Two particles' centres are
 *     at least two radii apart, the peaks of one particle's lobes within one radius;
 *   - every voxel goes to the peak with the smallest power distance |x − p|² − depth(p)², so a
 *     large particle keeps its whole ball against a smaller neighbour.
 */
import type { Shape3 } from '../../volume/patch-grid.ts';
import { squaredDistanceToBackground } from '../../volume/distance-transform.ts';
import { sphereVolume } from './absorb-fragments.ts';
import type { Cluster } from './cluster.ts';
import { neighbourOffsets } from './connected-components.ts';

export interface SplitRule {
  /** Particle radius per class, voxels; undefined = never split that class. */
  radiusVoxels: (classId: number) => number | undefined;
  /** Only clusters above this fraction of their class's sphere volume are examined (default 1). */
  minVolumeFraction?: number;
  /** Peaks closer than this many radii are one particle (default 1.5). */
  minSeparationFactor?: number;
  /** A peak is at least this many radii from the cluster's edge (default 0.4). */
  minPeakFraction?: number;
}

export const DEFAULT_SPLIT_SEPARATION = 1.5;
export const DEFAULT_SPLIT_PEAK_DEPTH = 0.4;

interface Box {
  x0: number;
  y0: number;
  z0: number;
  shape: Shape3;
}

/** The clusters with every merged one replaced by its pieces (in place, pieces in peak order); voxels are required. */
export function splitMergedClusters(clusters: readonly Cluster[], shape: Shape3, rule: SplitRule): Cluster[] {
  const out: Cluster[] = [];
  for (const cluster of clusters) {
    const radius = rule.radiusVoxels(cluster.classId);
    const examine = radius !== undefined && radius > 0 && cluster.size > (rule.minVolumeFraction ?? 1) * sphereVolume(radius);
    if (!examine) {
      out.push(cluster);
      continue;
    }
    out.push(...splitCluster(cluster, shape, radius, rule));
  }
  return out;
}

function splitCluster(cluster: Cluster, shape: Shape3, radius: number, rule: SplitRule): Cluster[] {
  const { voxels } = cluster;
  if (!voxels) throw new Error('Splitting merged clusters needs their voxels (cluster with keepVoxels: true).');
  const [nx, ny] = shape;
  const box = boundingBox(voxels, nx, ny);
  const [bx, by, bz] = box.shape;
  const local = new Uint32Array(voxels.length);
  const mask = new Uint8Array(bx * by * bz);
  for (let k = 0; k < voxels.length; k++) {
    const v = voxels[k]!;
    const x = v % nx;
    const y = Math.floor(v / nx) % ny;
    const z = Math.floor(v / (nx * ny));
    local[k] = x - box.x0 + bx * (y - box.y0 + by * (z - box.z0));
    mask[local[k]!] = 1;
  }
  const depth2 = squaredDistanceToBackground(mask, box.shape);
  const peaks = separatedPeaks(local, depth2, box.shape, radius, rule);
  if (peaks.length < 2) return [cluster];
  return assignToPeaks(cluster, voxels, local, peaks, depth2, box);
}

function boundingBox(voxels: Uint32Array, nx: number, ny: number): Box {
  let [x0, y0, z0, x1, y1, z1] = [Infinity, Infinity, Infinity, -Infinity, -Infinity, -Infinity];
  for (let k = 0; k < voxels.length; k++) {
    const v = voxels[k]!;
    const x = v % nx;
    const y = Math.floor(v / nx) % ny;
    const z = Math.floor(v / (nx * ny));
    x0 = Math.min(x0, x);
    y0 = Math.min(y0, y);
    z0 = Math.min(z0, z);
    x1 = Math.max(x1, x);
    y1 = Math.max(y1, y);
    z1 = Math.max(z1, z);
  }
  return { x0, y0, z0, shape: [x1 - x0 + 1, y1 - y0 + 1, z1 - z0 + 1] };
}

const NEIGHBOURS_26 = neighbourOffsets(26);

/** Local indices of the kept peaks, deepest first. */
function separatedPeaks(local: Uint32Array, depth2: Float32Array, shape: Shape3, radius: number, rule: SplitRule): number[] {
  const [bx, by, bz] = shape;
  const minDepth2 = ((rule.minPeakFraction ?? DEFAULT_SPLIT_PEAK_DEPTH) * radius) ** 2;
  const minSeparation2 = ((rule.minSeparationFactor ?? DEFAULT_SPLIT_SEPARATION) * radius) ** 2;
  const candidates: number[] = [];
  for (let k = 0; k < local.length; k++) {
    const i = local[k]!;
    const d = depth2[i]!;
    if (d < minDepth2) continue;
    const x = i % bx;
    const y = Math.floor(i / bx) % by;
    const z = Math.floor(i / (bx * by));
    let isPeak = true;
    for (const [dx, dy, dz] of NEIGHBOURS_26) {
      const xx = x + dx;
      const yy = y + dy;
      const zz = z + dz;
      if (xx < 0 || yy < 0 || zz < 0 || xx >= bx || yy >= by || zz >= bz) continue; // outside = depth 0
      if (depth2[xx + bx * (yy + by * zz)]! > d) {
        isPeak = false;
        break;
      }
    }
    if (isPeak) candidates.push(i);
  }
  candidates.sort((a, b) => depth2[b]! - depth2[a]! || a - b);
  const kept: number[] = [];
  for (const i of candidates) {
    if (kept.every((p) => squaredGap(i, p, bx, by) >= minSeparation2)) kept.push(i);
  }
  return kept;
}

function squaredGap(a: number, b: number, bx: number, by: number): number {
  const dx = (a % bx) - (b % bx);
  const dy = (Math.floor(a / bx) % by) - (Math.floor(b / bx) % by);
  const dz = Math.floor(a / (bx * by)) - Math.floor(b / (bx * by));
  return dx * dx + dy * dy + dz * dz;
}

function assignToPeaks(cluster: Cluster, voxels: Uint32Array, local: Uint32Array, peaks: number[], depth2: Float32Array, box: Box): Cluster[] {
  const [bx, by] = box.shape;
  const owner = new Uint16Array(voxels.length);
  const counts = new Uint32Array(peaks.length);
  for (let k = 0; k < local.length; k++) {
    let best = 0;
    let bestPower = Infinity;
    for (let p = 0; p < peaks.length; p++) {
      const power = squaredGap(local[k]!, peaks[p]!, bx, by) - depth2[peaks[p]!]!;
      if (power < bestPower) {
        bestPower = power;
        best = p;
      }
    }
    owner[k] = best;
    counts[best]!++;
  }
  const pieces = peaks.map((_, p) => ({ voxels: new Uint32Array(counts[p]!), filled: 0, sx: 0, sy: 0, sz: 0 }));
  for (let k = 0; k < voxels.length; k++) {
    const piece = pieces[owner[k]!]!;
    const v = voxels[k]!;
    const i = local[k]!;
    piece.voxels[piece.filled++] = v;
    piece.sx += (i % bx) + box.x0;
    piece.sy += (Math.floor(i / bx) % by) + box.y0;
    piece.sz += Math.floor(i / (bx * by)) + box.z0;
  }
  // A shallow peak inside a much deeper neighbour's reach owns nothing: it was not a particle.
  const owned = pieces.filter((piece) => piece.voxels.length > 0);
  if (owned.length < 2) return [cluster];
  return owned.map((piece) => {
    const n = piece.voxels.length;
    return { classId: cluster.classId, size: n, x: piece.sx / n, y: piece.sy / n, z: piece.sz / n, voxels: piece.voxels };
  });
}
