import { describe, expect, it } from 'vitest';
import { paintSphereLabels, type LabelPoint } from '../../labels/sphere-labels.ts';
import { simulateTomogram } from '../../sim/index.ts';
import { createRandom } from '../../sim/random.ts';
import { smallTestConfig } from '../../sim/test-configs.ts';
import type { Shape3 } from '../../volume/patch-grid.ts';
import type { Cluster } from './cluster.ts';
import { connectedComponents } from './connected-components.ts';
import { ballOffsets, dbscanGrid } from './dbscan-grid.ts';

const index = (shape: Shape3, x: number, y: number, z: number) => x + shape[0] * (y + shape[1] * z);

/** A canonical, order-free description of a clustering: class and sorted voxel list of each cluster. */
const canonical = (clusters: Cluster[]) =>
  clusters
    .map((c) => `${c.classId}:${Array.from(c.voxels!).sort((a, b) => a - b).join(',')}`)
    .sort();

/** Textbook DBSCAN over an explicit point list (O(n²)), scikit-learn's border-point rule. */
function naiveDbscan(points: number[][], eps: number, minPoints: number): number[] {
  const n = points.length;
  const near = (a: number, b: number) => points[a]!.reduce((s, v, k) => s + (v - points[b]![k]!) ** 2, 0) <= eps * eps;
  const neighbours = points.map((_, a) => points.map((_, b) => b).filter((b) => near(a, b)));
  const core = neighbours.map((nb) => nb.length >= minPoints);
  const labels = new Array<number>(n).fill(-1);
  let next = 0;
  for (let i = 0; i < n; i++) {
    if (labels[i] !== -1 || !core[i]) continue;
    const stack = [i];
    while (stack.length) {
      const j = stack.pop()!;
      if (labels[j] !== -1) continue;
      labels[j] = next;
      if (core[j]) for (const k of neighbours[j]!) if (labels[k] === -1) stack.push(k);
    }
    next++;
  }
  return labels;
}

function componentIndex(components: Cluster[], voxels: number): Int32Array {
  const owner = new Int32Array(voxels).fill(-1);
  components.forEach((c, k) => c.voxels!.forEach((v) => (owner[v] = k)));
  return owner;
}

const BLOB_RADIUS = [0, 2.5, 3.5, 5];

/**
 * Spheres of three classes that never touch (surfaces ≥ 2 voxels apart, as particles in a cell do),
 * optionally with ragged surfaces like a thresholded prediction: labelled voxels that touch the
 * background are dropped at random.
 */
function blobMap(shape: Shape3, count: number, seed: number, roughness: number): Uint8Array {
  const rng = createRandom(seed);
  const points: LabelPoint[] = [];
  for (let attempt = 0; points.length < count && attempt < 100 * count; attempt++) {
    const p = { x: rng.uniform(0, shape[0]), y: rng.uniform(0, shape[1]), z: rng.uniform(0, shape[2]), classId: 1 + rng.int(3) };
    const clear = points.every((q) => Math.hypot(p.x - q.x, p.y - q.y, p.z - q.z) > BLOB_RADIUS[p.classId]! + BLOB_RADIUS[q.classId]! + 2);
    if (clear) points.push(p);
  }
  const map = paintSphereLabels(shape, points, (c) => BLOB_RADIUS[c]!);
  const [nx, ny] = shape;
  const ragged = map.slice();
  for (let i = 0; i < map.length; i++) {
    if (map[i] === 0) continue;
    const touchesBackground = [1, -1, nx, -nx, nx * ny, -nx * ny].some((d) => map[i + d] === 0);
    if (touchesBackground && rng.next() < roughness) ragged[i] = 0;
  }
  return ragged;
}

describe('connectedComponents', () => {
  const shape: Shape3 = [6, 5, 4];
  const map = new Uint8Array(120);
  for (const [x, y, z] of [[0, 0, 0], [1, 0, 0], [1, 1, 0]] as const) map[index(shape, x, y, z)] = 1;
  map[index(shape, 2, 2, 1)] = 1; // diagonal to (1,1,0): joined only with 26-connectivity
  map[index(shape, 2, 1, 0)] = 2; // touches class 1 but is another class
  map[index(shape, 5, 4, 3)] = 1;

  it('separates classes and applies 6- or 26-connectivity', () => {
    const six = connectedComponents(map, shape);
    expect(six.map((c) => [c.classId, c.size])).toEqual([[1, 3], [2, 1], [1, 1], [1, 1]]);
    expect([six[0]!.x, six[0]!.y, six[0]!.z]).toEqual([2 / 3, 1 / 3, 0]);
    const twentySix = connectedComponents(map, shape, { connectivity: 26 });
    expect(twentySix.map((c) => [c.classId, c.size])).toEqual([[1, 4], [2, 1], [1, 1]]);
  });

  it('drops components below minSize and can leave out voxel lists', () => {
    const kept = connectedComponents(map, shape, { minSize: 2, keepVoxels: false });
    expect(kept).toEqual([{ classId: 1, size: 3, x: 2 / 3, y: 1 / 3, z: 0 }]);
  });

  it('rejects a map of the wrong size and bad options', () => {
    expect(() => connectedComponents(map, [6, 5, 5])).toThrow(/needs 150/);
    expect(() => connectedComponents(map, shape, { connectivity: 8 as 6 })).toThrow(/6 or 26/);
    expect(() => connectedComponents(map, shape, { minSize: 0 })).toThrow(/minSize/);
  });
});

describe('dbscanGrid', () => {
  it('uses the 6 face neighbours plus itself for eps = 1, and 18 + 1 for eps = √2', () => {
    expect(ballOffsets(1)).toHaveLength(6);
    expect(ballOffsets(Math.SQRT2)).toHaveLength(18);
  });

  it('equals textbook DBSCAN over the voxel coordinates, border points included', () => {
    const shape: Shape3 = [14, 12, 10];
    const map = blobMap(shape, 12, 3, 0.5);
    for (const [eps, minPoints] of [[1, 5], [1, 3], [Math.SQRT2, 7], [2, 12]] as const) {
      const ours = dbscanGrid(map, shape, { eps, minPoints });
      const expected: string[] = [];
      for (const classId of [1, 2, 3]) {
        const voxels = Array.from(map.keys()).filter((i) => map[i] === classId);
        const coords = voxels.map((i) => [i % 14, Math.floor(i / 14) % 12, Math.floor(i / 168)]);
        const labels = naiveDbscan(coords, eps, minPoints);
        const groups = new Map<number, number[]>();
        labels.forEach((l, k) => l >= 0 && groups.set(l, [...(groups.get(l) ?? []), voxels[k]!]));
        for (const members of groups.values()) expected.push(`${classId}:${members.sort((a, b) => a - b).join(',')}`);
      }
      expect(canonical(ours)).toEqual(expected.sort());
    }
  });

  it('splits blobs joined by a one-voxel neck and drops thin specks, unlike connected components', () => {
    const shape: Shape3 = [20, 7, 7];
    const blobs = paintSphereLabels(shape, [{ x: 3, y: 3, z: 3, classId: 1 }, { x: 16, y: 3, z: 3, classId: 1 }], () => 2.5);
    for (let x = 5; x <= 14; x++) blobs[index(shape, x, 3, 3)] = 1; // a line: 2 neighbours, not core
    const db = dbscanGrid(blobs, shape);
    const cc = connectedComponents(blobs, shape);
    expect(cc).toHaveLength(1);
    expect(db).toHaveLength(2);
    // Neck voxels x = 6 and 13 touch a core voxel of a blob and join it as border points; 7…12 are noise.
    expect(db.reduce((n, c) => n + c.size, 0)).toBe(cc[0]!.size - 6);
  });

  it('agrees exactly with connected components (6-connectivity, minSize 5) on compact blob maps', () => {
    const shape: Shape3 = [48, 40, 32];
    const map = blobMap(shape, 40, 11, 0);
    const db = dbscanGrid(map, shape, { eps: 1, minPoints: 5 });
    const cc = connectedComponents(map, shape, { connectivity: 6, minSize: 5 });
    expect(db.length).toBeGreaterThan(20);
    expect(canonical(db)).toEqual(canonical(cc));
  });

  it('on ragged blobs finds the same clusters, leaving out only stray surface voxels', () => {
    // A voxel hanging off the surface with no core neighbour is DBSCAN noise but part of its component.
    const shape: Shape3 = [48, 40, 32];
    const map = blobMap(shape, 40, 12, 0.2);
    const db = dbscanGrid(map, shape);
    const cc = connectedComponents(map, shape, { minSize: 5 });
    expect(db).toHaveLength(cc.length);
    const componentOf = componentIndex(cc, map.length);
    for (const cluster of db) {
      const owners = new Set(Array.from(cluster.voxels!, (v) => componentOf[v]));
      expect(owners).toHaveLength(1);
      const component = cc[[...owners][0]!]!;
      expect(cluster.size).toBeGreaterThanOrEqual(0.8 * component.size);
      expect(Math.hypot(cluster.x - component.x, cluster.y - component.y, cluster.z - component.z)).toBeLessThan(0.3);
    }
    expect(canonical(db)).not.toEqual(canonical(cc));
  });

  it('on particle-shaped labels only splits thin parts off: every DBSCAN cluster lies inside one component', () => {
    // The simulator's lobed species has lobes joined by necks under 2 voxels thick at 20 Å/voxel:
    // DBSCAN (eps 1, 5 points) cuts them off as small clusters or noise, components keep them.
    const sim = simulateTomogram(smallTestConfig());
    const shape = sim.config.shape as Shape3;
    const db = dbscanGrid(sim.labelMap, shape);
    const cc = connectedComponents(sim.labelMap, shape);
    const componentOf = componentIndex(cc, sim.labelMap.length);
    for (const cluster of db) expect(new Set(Array.from(cluster.voxels!, (v) => componentOf[v]))).toHaveLength(1);
    const big = (clusters: Cluster[]) => clusters.filter((c) => c.size >= 20).length;
    expect(big(db)).toBe(big(cc));
    expect(db.length).toBeGreaterThan(cc.filter((c) => c.size >= 5).length);
  });

  it('rejects out-of-range parameters', () => {
    const map = new Uint8Array(8);
    expect(() => dbscanGrid(map, [2, 2, 2], { eps: 0.5 })).toThrow(/eps/);
    expect(() => dbscanGrid(map, [2, 2, 2], { minPoints: 0 })).toThrow(/minPoints/);
  });
});
