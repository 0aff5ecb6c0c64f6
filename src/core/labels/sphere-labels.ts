/**
 * Sphere labels from picks (issue 5's default training target): every voxel whose centre lies
 * within its class radius of a pick gets that pick's class. Where spheres overlap, the voxel goes to
 * the nearest centre (exact ties: the lower class id, then the earlier point), so the result does not
 * depend on drawing order. Works plane by plane with one nx·ny distance buffer, so memory stays
 * O(nx·ny) beyond the output even for 512×512×200.
 */
import type { Shape3 } from '../volume/patch-grid.ts';

export interface LabelPoint {
  /** 0-based voxel coordinates, voxel centres at integers. */
  x: number;
  y: number;
  z: number;
  /** 1 … 255 (0 is background). */
  classId: number;
}

export function paintSphereLabels(
  shape: Shape3,
  points: readonly LabelPoint[],
  radiusVoxels: (classId: number) => number,
): Uint8Array {
  const [nx, ny, nz] = shape;
  if (![nx, ny, nz].every((n) => Number.isInteger(n) && n > 0)) throw new Error(`Label shape must be positive integers, got ${shape.join('×')}.`);
  const labels = new Uint8Array(nx * ny * nz);
  const radii = points.map((p, index) => pointRadius(p, index, radiusVoxels));
  const byPlane = pointsByFirstPlane(points, radii, nz);
  const bestDistance = new Float64Array(nx * ny);
  const bestPoint = new Int32Array(nx * ny);
  let active: number[] = [];
  for (let z = 0; z < nz; z++) {
    active = active.filter((k) => points[k]!.z + radii[k]! >= z).concat(byPlane[z] ?? []);
    if (active.length === 0) continue;
    bestDistance.fill(Infinity);
    const plane = labels.subarray(nx * ny * z, nx * ny * (z + 1));
    for (const k of active) {
      const { x: cx, y: cy, z: cz, classId } = points[k]!;
      const r = radii[k]!;
      const dz2 = (z - cz) ** 2;
      if (dz2 > r * r) continue;
      const disc = Math.sqrt(r * r - dz2);
      const y0 = Math.max(0, Math.ceil(cy - disc));
      const y1 = Math.min(ny - 1, Math.floor(cy + disc));
      for (let y = y0; y <= y1; y++) {
        const d2yz = dz2 + (y - cy) ** 2;
        const chord = Math.sqrt(Math.max(0, r * r - d2yz));
        const x0 = Math.max(0, Math.ceil(cx - chord));
        const x1 = Math.min(nx - 1, Math.floor(cx + chord));
        for (let x = x0; x <= x1; x++) {
          const d2 = d2yz + (x - cx) ** 2;
          const i = x + nx * y;
          const previous = bestDistance[i]!;
          if (d2 < previous || (d2 === previous && beats(points, k, bestPoint[i]!))) {
            bestDistance[i] = d2;
            bestPoint[i] = k;
            plane[i] = classId;
          }
        }
      }
    }
  }
  return labels;
}

/** Tie rule for equidistant centres: lower class id, then earlier point. */
function beats(points: readonly LabelPoint[], k: number, current: number): boolean {
  const a = points[k]!.classId;
  const b = points[current]!.classId;
  return a < b || (a === b && k < current);
}

function pointRadius(p: LabelPoint, index: number, radiusVoxels: (classId: number) => number): number {
  if (!Number.isInteger(p.classId) || p.classId < 1 || p.classId > 255) {
    throw new Error(`Point ${index} has class ${p.classId}; label classes must be integers in 1…255 (0 is background).`);
  }
  if (![p.x, p.y, p.z].every(Number.isFinite)) throw new Error(`Point ${index} has a non-finite coordinate (${p.x}, ${p.y}, ${p.z}).`);
  const r = radiusVoxels(p.classId);
  if (!(r > 0) || !Number.isFinite(r)) throw new Error(`Class ${p.classId} has radius ${r} voxels; it must be a positive number.`);
  return r;
}

/** Point indices listed at the first plane their sphere reaches (points wholly outside are dropped). */
function pointsByFirstPlane(points: readonly LabelPoint[], radii: readonly number[], nz: number): number[][] {
  const byPlane: number[][] = [];
  points.forEach((p, k) => {
    const first = Math.max(0, Math.ceil(p.z - radii[k]!));
    if (first >= nz || p.z + radii[k]! < 0) return;
    (byPlane[first] ??= []).push(k);
  });
  return byPlane;
}
