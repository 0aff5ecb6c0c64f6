/**
 * Where a pick's sphere cuts a slice: the circle each view draws and hit-tests. A view of axis
 * 'xy' shows (u, v) = (x, y) at depth z; 'xz' shows (x, z) at depth y; 'yz' shows (y, z) at depth x.
 */
import type { Pick } from './pick.ts';

export type SliceAxis = 'xy' | 'xz' | 'yz';

interface Point3 {
  x: number;
  y: number;
  z: number;
}

/** `P`: what is cut (a pick; the correction review's fix marks pass fixes). */
export interface CrossSection<P extends Point3 = Pick> {
  pick: P;
  u: number;
  v: number;
  /** Radius of the circle in voxels (0 < r ≤ sphere radius). */
  r: number;
}

export function projectToSlice(axis: SliceAxis, p: { x: number; y: number; z: number }): { u: number; v: number; depth: number } {
  switch (axis) {
    case 'xy':
      return { u: p.x, v: p.y, depth: p.z };
    case 'xz':
      return { u: p.x, v: p.z, depth: p.y };
    case 'yz':
      return { u: p.y, v: p.z, depth: p.x };
  }
}

export function sliceToVolume(axis: SliceAxis, u: number, v: number, depth: number): { x: number; y: number; z: number } {
  switch (axis) {
    case 'xy':
      return { x: u, y: v, z: depth };
    case 'xz':
      return { x: u, y: depth, z: v };
    case 'yz':
      return { x: depth, y: u, z: v };
  }
}

/**
 * Circles of the picks whose sphere reaches the slice at `depth`. `radiusOf` gives a pick's sphere
 * radius in voxels (from its class). A pick exactly at the slice always shows, even of radius 0.
 */
export function crossSections<P extends Point3 = Pick>(
  picks: Iterable<P>,
  axis: SliceAxis,
  depth: number,
  radiusOf: (pick: P) => number,
): CrossSection<P>[] {
  const out: CrossSection<P>[] = [];
  for (const pick of picks) {
    const { u, v, depth: d } = projectToSlice(axis, pick);
    const radius = radiusOf(pick);
    const dz = d - depth;
    const r2 = radius * radius - dz * dz;
    if (r2 <= 0 && Math.abs(dz) >= 0.5) continue;
    out.push({ pick, u, v, r: Math.max(Math.sqrt(Math.max(r2, 0)), 0.5) });
  }
  return out;
}

/** The pick whose circle contains (u, v), nearest centre first; undefined when none. */
export function hitTest(sections: readonly CrossSection[], u: number, v: number, slack = 0): Pick | undefined {
  let best: Pick | undefined;
  let bestD = Infinity;
  for (const s of sections) {
    const d = Math.hypot(s.u - u, s.v - v);
    if (d <= s.r + slack && d < bestD) {
      best = s.pick;
      bestD = d;
    }
  }
  return best;
}
