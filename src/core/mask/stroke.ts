/**
 * A user-painted mask as data: brush strokes on slice views, each a polyline in the plane of the
 * view it was painted on, stamped through the slab shown at the time. Strokes are small to save
 * and exact to undo (a stroke is a record, not a change of millions of voxels); the voxel mask is
 * derived from them when needed (rasterise.ts).
 */
import type { SliceAxis } from '../volume/slice.ts';

/** 'exclude' paints voxels out of the usable sample; 'include' (the eraser) puts them back. */
export type MaskStrokeKind = 'exclude' | 'include';

export const MASK_STROKE_KINDS: readonly MaskStrokeKind[] = ['exclude', 'include'];
export const MASK_PLANES: readonly SliceAxis[] = ['xy', 'xz', 'yz'];

export interface MaskStroke {
  /** The view it was painted on: xy (u = x, v = y, normal z), xz (u = x, v = z), yz (u = y, v = z). */
  plane: SliceAxis;
  /** Section along the plane's normal, 0-based: the slab's centre. */
  index: number;
  /** Slab thickness in sections, centred on `index` as the slice view's slab (slabRange). */
  thickness: number;
  /** Brush radius in voxels, in the plane. */
  radius: number;
  kind: MaskStrokeKind;
  /** In-plane points u0, v0, u1, v1, … in voxels (voxel centres at integers); one point is a dot. */
  points: readonly number[];
}

/** The painted mask of one tomogram: strokes in painting order (later strokes win). */
export interface ExclusionMask {
  tomogramId: string;
  strokes: readonly MaskStroke[];
}

/** Grid shape [nx, ny, nz] of the tomogram a mask belongs to. */
export type MaskShape = readonly [number, number, number];

export class MaskStrokeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MaskStrokeError';
  }
}

/** Throws MaskStrokeError naming the bad field; coordinates may lie outside the volume (clipped when stamped). */
export function checkStroke(stroke: MaskStroke): void {
  if (!MASK_PLANES.includes(stroke.plane)) throw new MaskStrokeError(`a mask stroke's plane must be xy, xz or yz (got ${JSON.stringify(stroke.plane)})`);
  if (!MASK_STROKE_KINDS.includes(stroke.kind)) throw new MaskStrokeError(`a mask stroke's kind must be "exclude" or "include" (got ${JSON.stringify(stroke.kind)})`);
  if (!Number.isInteger(stroke.index) || stroke.index < 0) throw new MaskStrokeError(`a mask stroke's section index must be an integer ≥ 0 (got ${stroke.index})`);
  if (!Number.isInteger(stroke.thickness) || stroke.thickness < 1) throw new MaskStrokeError(`a mask stroke's slab thickness must be an integer ≥ 1 (got ${stroke.thickness})`);
  if (!Number.isFinite(stroke.radius) || stroke.radius <= 0) throw new MaskStrokeError(`a mask stroke's brush radius must be a positive number of voxels (got ${stroke.radius})`);
  const n = stroke.points.length;
  if (n === 0 || n % 2 !== 0) throw new MaskStrokeError(`a mask stroke needs points as u, v pairs (got ${n} numbers)`);
  if (!stroke.points.every(Number.isFinite)) throw new MaskStrokeError('a mask stroke has a non-finite point coordinate');
}
