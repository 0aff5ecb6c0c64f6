/**
 * Where to cut the validation block that F1 is measured on during training. The block is small
 * (a bounded number of patches per validation), so a fixed central block often holds no particle
 * of a rare class, and its F1 curve — the one the user watches most — never appears. Among block
 * positions on a half-block grid, take the one holding particles of the most classes, then the
 * most particles of its rarest class, then the most particles; ties go to the most central.
 */
import type { Shape3 } from '../volume/patch-grid.ts';

export interface ClassedPoint {
  x: number;
  y: number;
  z: number;
  classId: number;
}

/** Block origins along one axis: every half block, and the last position flush with the end. */
function axisOrigins(n: number, size: number): number[] {
  const last = n - size;
  if (last <= 0) return [0];
  const step = Math.max(1, Math.floor(size / 2));
  const origins: number[] = [];
  for (let o = 0; o < last; o += step) origins.push(o);
  origins.push(last);
  return origins;
}

/** Whether a point lies in the block at `origin` of `size` voxels (voxel centres at integers). */
export const isInsideBlock = (p: Pick<ClassedPoint, 'x' | 'y' | 'z'>, origin: Shape3, size: Shape3) =>
  p.x >= origin[0]! && p.y >= origin[1]! && p.z >= origin[2]! &&
  p.x <= origin[0]! + size[0] - 1 && p.y <= origin[1]! + size[1] - 1 && p.z <= origin[2]! + size[2] - 1;

/** Origin of the `size` block of a `shape` volume that best covers the classes of `points`. */
export function validationBlockOrigin(shape: Shape3, size: Shape3, points: readonly ClassedPoint[]): Shape3 {
  const centre = (axis: 0 | 1 | 2) => Math.max(0, Math.floor((shape[axis] - size[axis]) / 2));
  const central: Shape3 = [centre(0), centre(1), centre(2)];
  let best = { origin: central, key: blockKey(central, size, points), offCentre: 0 };
  for (const ox of axisOrigins(shape[0], size[0])) {
    for (const oy of axisOrigins(shape[1], size[1])) {
      for (const oz of axisOrigins(shape[2], size[2])) {
        const origin: Shape3 = [ox, oy, oz];
        const key = blockKey(origin, size, points);
        const offCentre = (ox - central[0]) ** 2 + (oy - central[1]) ** 2 + (oz - central[2]) ** 2;
        const order = compareKeys(key, best.key);
        if (order > 0 || (order === 0 && offCentre < best.offCentre)) best = { origin, key, offCentre };
      }
    }
  }
  return best.origin;
}

/** [classes present, particles of the rarest present class, particles]. */
function blockKey(origin: Shape3, size: Shape3, points: readonly ClassedPoint[]): [number, number, number] {
  const counts = new Map<number, number>();
  for (const p of points) if (isInsideBlock(p, origin, size)) counts.set(p.classId, (counts.get(p.classId) ?? 0) + 1);
  const values = [...counts.values()];
  return [values.length, values.length ? Math.min(...values) : 0, values.reduce((a, b) => a + b, 0)];
}

function compareKeys(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return 0;
}
