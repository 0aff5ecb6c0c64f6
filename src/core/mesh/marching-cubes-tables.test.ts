import { describe, expect, it } from 'vitest';
import { CUBE_CORNERS, CUBE_EDGES, TRIANGLE_EDGES, TRIANGLE_OFFSETS } from './marching-cubes-tables.ts';

function trianglesOf(caseIndex: number): number[][] {
  const out: number[][] = [];
  for (let t = TRIANGLE_OFFSETS[caseIndex]!; t < TRIANGLE_OFFSETS[caseIndex + 1]!; t += 3) out.push([...TRIANGLE_EDGES.subarray(t, t + 3)]);
  return out;
}

/** Edge midpoint: enough to check orientation and which face an edge pair lies on. */
function midpoint(e: number): number[] {
  const [a, b] = CUBE_EDGES[e]!;
  return [0, 1, 2].map((k) => (CUBE_CORNERS[a]![k]! + CUBE_CORNERS[b]![k]!) / 2);
}

function shareFace(e1: number, e2: number): boolean {
  const p = midpoint(e1);
  const q = midpoint(e2);
  return [0, 1, 2].some((k) => p[k] === q[k] && (p[k] === 0 || p[k] === 1));
}

function normalOf([a, b, c]: number[]): number[] {
  const [p, q, r] = [a!, b!, c!].map(midpoint) as [number[], number[], number[]];
  const u = [0, 1, 2].map((k) => q[k]! - p[k]!);
  const v = [0, 1, 2].map((k) => r[k]! - p[k]!);
  return [u[1]! * v[2]! - u[2]! * v[1]!, u[2]! * v[0]! - u[0]! * v[2]!, u[0]! * v[1]! - u[1]! * v[0]!];
}

describe('marching-cubes tables', () => {
  it('put a vertex on exactly the edges whose corners differ', () => {
    for (let c = 0; c < 256; c++) {
      const cut = CUBE_EDGES.flatMap(([a, b], e) => (((c >> a) & 1) !== ((c >> b) & 1) ? [e] : []));
      expect([c, new Set(trianglesOf(c).flat())]).toEqual([c, new Set(cut)]);
    }
  });

  it('have no triangles for the empty and full cube and at most 5 per case', () => {
    expect(trianglesOf(0)).toEqual([]);
    expect(trianglesOf(255)).toEqual([]);
    for (let c = 0; c < 256; c++) expect(trianglesOf(c).length).toBeLessThanOrEqual(5);
  });

  it('keep chords off the cube faces: an edge used once lies on a face, an edge used twice inside', () => {
    for (let c = 1; c < 255; c++) {
      const uses = new Map<string, number>();
      for (const tri of trianglesOf(c)) {
        for (let k = 0; k < 3; k++) {
          const a = tri[k]!;
          const b = tri[(k + 1) % 3]!;
          const key = `${Math.min(a, b)}-${Math.max(a, b)}`;
          uses.set(key, (uses.get(key) ?? 0) + 1);
        }
      }
      for (const [key, count] of uses) {
        const [a, b] = key.split('-').map(Number) as [number, number];
        expect([c, key, count]).toEqual([c, key, shareFace(a, b) ? 1 : 2]);
      }
    }
  });

  it('wind triangles so their normals point away from a lone inside corner and toward a lone outside one', () => {
    for (let corner = 0; corner < 8; corner++) {
      const p = CUBE_CORNERS[corner]!;
      for (const [caseIndex, sign] of [
        [1 << corner, 1],
        [255 - (1 << corner), -1],
      ] as const) {
        const [tri, ...rest] = trianglesOf(caseIndex);
        expect(rest).toEqual([]);
        const n = normalOf(tri!);
        const away = midpoint(tri![0]!).map((m, k) => m - p[k]!);
        expect(sign * (n[0]! * away[0]! + n[1]! * away[1]! + n[2]! * away[2]!)).toBeGreaterThan(0);
      }
    }
  });
});
