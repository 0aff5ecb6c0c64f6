/**
 * The in-plane footprint of a stroke: the voxel centres (integer u, v) within the brush radius of
 * any segment of its polyline (a capsule per segment, a disc for a lone point), computed only
 * over each segment's bounding box. Strokes never change, so footprints are cached per stroke.
 */
import type { MaskStroke } from './stroke.ts';

export interface Footprint {
  /** First column and row of the box, in the plane. */
  u0: number;
  v0: number;
  width: number;
  height: number;
  /** 1 where the brush covers the voxel, row-major over the box. */
  inside: Uint8Array;
}

const cache = new WeakMap<MaskStroke, { planeWidth: number; planeHeight: number; footprint: Footprint | null }>();

/** Squared distance from (px, py) to the segment (ax, ay)–(bx, by). */
function distanceSquaredToSegment(px: number, py: number, ax: number, ay: number, bx: number, by: number): number {
  const dx = bx - ax;
  const dy = by - ay;
  const length2 = dx * dx + dy * dy;
  const t = length2 > 0 ? Math.min(1, Math.max(0, ((px - ax) * dx + (py - ay) * dy) / length2)) : 0;
  const ex = px - (ax + t * dx);
  const ey = py - (ay + t * dy);
  return ex * ex + ey * ey;
}

/** The footprint clipped to a plane of planeWidth × planeHeight voxels; null when it misses the plane. */
export function strokeFootprint(stroke: MaskStroke, planeWidth: number, planeHeight: number): Footprint | null {
  const hit = cache.get(stroke);
  if (hit && hit.planeWidth === planeWidth && hit.planeHeight === planeHeight) return hit.footprint;
  const footprint = computeFootprint(stroke, planeWidth, planeHeight);
  cache.set(stroke, { planeWidth, planeHeight, footprint });
  return footprint;
}

function computeFootprint(stroke: MaskStroke, planeWidth: number, planeHeight: number): Footprint | null {
  const { points, radius } = stroke;
  let minU = Infinity;
  let minV = Infinity;
  let maxU = -Infinity;
  let maxV = -Infinity;
  for (let k = 0; k < points.length; k += 2) {
    minU = Math.min(minU, points[k]!);
    maxU = Math.max(maxU, points[k]!);
    minV = Math.min(minV, points[k + 1]!);
    maxV = Math.max(maxV, points[k + 1]!);
  }
  const u0 = Math.max(0, Math.ceil(minU - radius));
  const v0 = Math.max(0, Math.ceil(minV - radius));
  const u1 = Math.min(planeWidth - 1, Math.floor(maxU + radius));
  const v1 = Math.min(planeHeight - 1, Math.floor(maxV + radius));
  if (u1 < u0 || v1 < v0) return null;
  const width = u1 - u0 + 1;
  const height = v1 - v0 + 1;
  const inside = new Uint8Array(width * height);
  const r2 = radius * radius;
  // A lone point is a segment of length 0 (a disc).
  const segments = Math.max(1, points.length / 2 - 1);
  for (let s = 0; s < segments; s++) {
    const ax = points[2 * s]!;
    const ay = points[2 * s + 1]!;
    const bx = points.length > 2 ? points[2 * s + 2]! : ax;
    const by = points.length > 2 ? points[2 * s + 3]! : ay;
    const su0 = Math.max(u0, Math.ceil(Math.min(ax, bx) - radius));
    const su1 = Math.min(u1, Math.floor(Math.max(ax, bx) + radius));
    const sv0 = Math.max(v0, Math.ceil(Math.min(ay, by) - radius));
    const sv1 = Math.min(v1, Math.floor(Math.max(ay, by) + radius));
    for (let v = sv0; v <= sv1; v++) {
      const row = (v - v0) * width - u0;
      for (let u = su0; u <= su1; u++) {
        if (inside[row + u] === 0 && distanceSquaredToSegment(u, v, ax, ay, bx, by) <= r2) inside[row + u] = 1;
      }
    }
  }
  return { u0, v0, width, height, inside };
}
