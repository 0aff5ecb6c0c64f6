/**
 * The one flood fill behind connected components and grid DBSCAN: clusters grow from seed voxels
 * in scan order (linear index), through neighbour offsets, over voxels of the seed's class.
 * With a `core` bitset only core voxels seed and expand; other voxels reached from a core voxel join
 * the first cluster that reaches them (DBSCAN's border points, as scikit-learn assigns them when
 * points are given in the same order) but do not expand it.
 */
import type { Shape3 } from '../../volume/patch-grid.ts';
import type { Cluster } from './cluster.ts';

export type Offset3 = readonly [number, number, number];

export interface FloodOptions {
  offsets: readonly Offset3[];
  /** Bitset of core voxels (bit i of word i >>> 5); null = every labelled voxel expands. */
  core: Uint32Array | null;
  minSize: number;
  keepVoxels: boolean;
}

export const hasBit = (bits: Uint32Array, i: number): boolean => ((bits[i >>> 5]! >>> (i & 31)) & 1) === 1;

export function floodClusters(labelMap: Uint8Array, shape: Shape3, options: FloodOptions): Cluster[] {
  const [nx, ny, nz] = shape;
  const nxy = nx * ny;
  const { offsets, core, minSize, keepVoxels } = options;
  const dx = Int32Array.from(offsets, (o) => o[0]);
  const dy = Int32Array.from(offsets, (o) => o[1]);
  const dz = Int32Array.from(offsets, (o) => o[2]);
  const step = Int32Array.from(offsets, (o) => o[0] + nx * (o[1] + ny * o[2]));
  const visited = new Uint32Array(Math.ceil(labelMap.length / 32));
  let queue = new Uint32Array(1024);
  const clusters: Cluster[] = [];

  for (let seed = 0; seed < labelMap.length; seed++) {
    const classId = labelMap[seed]!;
    if (classId === 0 || hasBit(visited, seed) || (core && !hasBit(core, seed))) continue;
    visited[seed >>> 5]! |= 1 << (seed & 31);
    queue[0] = seed;
    let head = 0;
    let tail = 1;
    let sx = 0;
    let sy = 0;
    let sz = 0;
    while (head < tail) {
      const i = queue[head++]!;
      const z = (i / nxy) | 0;
      const rest = i - z * nxy;
      const y = (rest / nx) | 0;
      const x = rest - y * nx;
      sx += x;
      sy += y;
      sz += z;
      if (core && !hasBit(core, i)) continue; // border voxel: joins, does not expand
      for (let k = 0; k < step.length; k++) {
        const xx = x + dx[k]!;
        const yy = y + dy[k]!;
        const zz = z + dz[k]!;
        if (xx < 0 || xx >= nx || yy < 0 || yy >= ny || zz < 0 || zz >= nz) continue;
        const j = i + step[k]!;
        if (labelMap[j] !== classId || hasBit(visited, j)) continue;
        visited[j >>> 5]! |= 1 << (j & 31);
        if (tail === queue.length) {
          const grown = new Uint32Array(queue.length * 2);
          grown.set(queue);
          queue = grown;
        }
        queue[tail++] = j;
      }
    }
    if (tail < minSize) continue;
    const cluster: Cluster = { classId, size: tail, x: sx / tail, y: sy / tail, z: sz / tail };
    if (keepVoxels) cluster.voxels = queue.slice(0, tail);
    clusters.push(cluster);
  }
  return clusters;
}
