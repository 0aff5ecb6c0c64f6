/**
 * Strokes → voxels. A stroke covers its footprint (footprint.ts) on every section of its slab;
 * strokes apply in order, so an eraser stroke restores what earlier strokes excluded. Only a
 * stroke's own box is visited: the cost is the painted volume, not the tomogram's.
 */
import { slabRange, sliceShape, type SliceAxis } from '../volume/slice.ts';
import { strokeFootprint } from './footprint.ts';
import { PLANE_AXES } from './plane-axes.ts';
import type { MaskShape, MaskStroke } from './stroke.ts';

function checkShape(shape: MaskShape): void {
  if (!shape.every((n) => Number.isInteger(n) && n >= 1)) throw new RangeError(`a mask shape needs three positive integers (got ${shape.join('×')})`);
}

/**
 * Calls visit(x, y, z) for every voxel the stroke covers, optionally only those whose coordinate
 * along `fixed.axis` (0 = x, 1 = y, 2 = z) is `fixed.value` (one section of a view).
 */
export function visitStrokeVoxels(stroke: MaskStroke, shape: MaskShape, fixed: { axis: number; value: number } | undefined, visit: (x: number, y: number, z: number) => void): void {
  const [ua, va, da] = PLANE_AXES[stroke.plane];
  const footprint = strokeFootprint(stroke, shape[ua]!, shape[va]!);
  if (!footprint) return;
  const { u0, v0, width, height, inside } = footprint;
  const lo = [0, 0, 0];
  const hi = [0, 0, 0];
  lo[ua] = u0;
  hi[ua] = u0 + width - 1;
  lo[va] = v0;
  hi[va] = v0 + height - 1;
  [lo[da], hi[da]] = slabRange(stroke.index, stroke.thickness, shape[da]!);
  if (fixed) {
    lo[fixed.axis] = Math.max(lo[fixed.axis]!, fixed.value);
    hi[fixed.axis] = Math.min(hi[fixed.axis]!, fixed.value);
  }
  const c = [0, 0, 0];
  for (let d = lo[da]!; d <= hi[da]!; d++) {
    c[da] = d;
    for (let v = lo[va]!; v <= hi[va]!; v++) {
      c[va] = v;
      const row = (v - v0) * width - u0;
      for (let u = lo[ua]!; u <= hi[ua]!; u++) {
        if (inside[row + u] === 0) continue;
        c[ua] = u;
        visit(c[0]!, c[1]!, c[2]!);
      }
    }
  }
}

/** The keep-mask (1 = usable, 0 = excluded; x fastest) of a tomogram of `shape` painted with `strokes`. */
export function rasteriseMask(strokes: readonly MaskStroke[], shape: MaskShape): Uint8Array {
  checkShape(shape);
  const [nx, ny, nz] = shape;
  const keep = new Uint8Array(nx * ny * nz).fill(1);
  for (const stroke of strokes) {
    const value = stroke.kind === 'exclude' ? 0 : 1;
    visitStrokeVoxels(stroke, shape, undefined, (x, y, z) => {
      keep[x + nx * (y + ny * z)] = value;
    });
  }
  return keep;
}

/**
 * Section `index` along `axis` of the painted keep-mask, straight from the strokes (no volume is
 * made): row-major like SliceImage, 1 = keep, 0 = excluded.
 */
export function paintedMaskSection(strokes: readonly MaskStroke[], shape: MaskShape, axis: SliceAxis, index: number): Uint8Array {
  checkShape(shape);
  const { width, height, depth } = sliceShape({ nx: shape[0], ny: shape[1], nz: shape[2] }, axis);
  if (!Number.isInteger(index) || index < 0 || index >= depth) throw new RangeError(`${axis} mask section ${index} is outside 0..${depth - 1}`);
  const out = new Uint8Array(width * height).fill(1);
  const [ca, ra, normal] = PLANE_AXES[axis];
  const c = [0, 0, 0];
  for (const stroke of strokes) {
    const value = stroke.kind === 'exclude' ? 0 : 1;
    visitStrokeVoxels(stroke, shape, { axis: normal, value: index }, (x, y, z) => {
      c[0] = x;
      c[1] = y;
      c[2] = z;
      out[c[ca]! + width * c[ra]!] = value;
    });
  }
  return out;
}

/** Number of 0 (excluded) entries. */
export function countExcluded(mask: Uint8Array): number {
  let n = 0;
  for (let i = 0; i < mask.length; i++) if (mask[i] === 0) n++;
  return n;
}
