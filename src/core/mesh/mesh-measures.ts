/**
 * Measures of an indexed triangle mesh: enclosed volume (divergence theorem) and a topology check
 * (is every edge shared by exactly two triangles that traverse it in opposite directions?).
 */
import type { IsosurfaceMesh } from './mesh-builder.ts';

/** Signed volume Σ a·(b×c)/6: positive for a closed mesh wound counter-clockwise seen from outside. */
export function enclosedVolume(mesh: Pick<IsosurfaceMesh, 'positions' | 'indices'>): number {
  const p = mesh.positions;
  const idx = mesh.indices;
  let sum = 0;
  for (let t = 0; t < idx.length; t += 3) {
    const a = 3 * idx[t]!;
    const b = 3 * idx[t + 1]!;
    const c = 3 * idx[t + 2]!;
    const ax = p[a]!, ay = p[a + 1]!, az = p[a + 2]!;
    const bx = p[b]!, by = p[b + 1]!, bz = p[b + 2]!;
    const cx = p[c]!, cy = p[c + 1]!, cz = p[c + 2]!;
    sum += ax * (by * cz - bz * cy) + ay * (bz * cx - bx * cz) + az * (bx * cy - by * cx);
  }
  return sum / 6;
}

export interface EdgeTopology {
  edges: number;
  /** Edges used by one triangle only: the rim of an open surface. */
  boundary: number;
  /** Edges used by more than two triangles. */
  nonManifold: number;
  /** Edges whose two triangles traverse them in the same direction (flipped winding). */
  misoriented: number;
}

export function edgeTopology(mesh: Pick<IsosurfaceMesh, 'positions' | 'indices'>): EdgeTopology {
  const vertices = mesh.positions.length / 3;
  // Directed edge a→b keyed as a·V + b (exact in a double below 2^53, i.e. V < 9.4e7).
  const directed = new Map<number, number>();
  const idx = mesh.indices;
  for (let t = 0; t < idx.length; t += 3) {
    for (let k = 0; k < 3; k++) {
      const key = idx[t + k]! * vertices + idx[t + ((k + 1) % 3)]!;
      directed.set(key, (directed.get(key) ?? 0) + 1);
    }
  }
  const result: EdgeTopology = { edges: 0, boundary: 0, nonManifold: 0, misoriented: 0 };
  const seen = new Set<number>();
  for (const [key, count] of directed) {
    const a = Math.floor(key / vertices);
    const b = key - a * vertices;
    const undirected = Math.min(a, b) * vertices + Math.max(a, b);
    if (seen.has(undirected)) continue;
    seen.add(undirected);
    const reverse = directed.get(b * vertices + a) ?? 0;
    const total = count + reverse;
    result.edges++;
    if (total === 1) result.boundary++;
    else if (total > 2) result.nonManifold++;
    else if (count !== 1) result.misoriented++;
  }
  return result;
}
