import { describe, expect, it } from 'vitest';
import { slabRange } from '../volume/slice.ts';
import { PLANE_AXES } from './plane-axes.ts';
import { countExcluded, paintedMaskSection, rasteriseMask } from './rasterise.ts';
import { maskSection } from './section.ts';
import type { MaskShape, MaskStroke } from './stroke.ts';

const SHAPE: MaskShape = [23, 17, 11];

function distanceToPolyline(u: number, v: number, points: readonly number[]): number {
  if (points.length === 2) return Math.hypot(u - points[0]!, v - points[1]!);
  let best = Infinity;
  for (let k = 0; k + 3 < points.length; k += 2) {
    const [ax, ay, bx, by] = [points[k]!, points[k + 1]!, points[k + 2]!, points[k + 3]!];
    const l2 = (bx - ax) ** 2 + (by - ay) ** 2;
    const t = l2 > 0 ? Math.min(1, Math.max(0, ((u - ax) * (bx - ax) + (v - ay) * (by - ay)) / l2)) : 0;
    best = Math.min(best, Math.hypot(u - ax - t * (bx - ax), v - ay - t * (by - ay)));
  }
  return best;
}

/** Brute force: is voxel (x, y, z) within the stroke's radius on its slab? */
function covers(stroke: MaskStroke, shape: MaskShape, x: number, y: number, z: number): boolean {
  const [ua, va, da] = PLANE_AXES[stroke.plane];
  const c = [x, y, z];
  const [first, last] = slabRange(stroke.index, stroke.thickness, shape[da]!);
  if (c[da]! < first || c[da]! > last) return false;
  return distanceToPolyline(c[ua]!, c[va]!, stroke.points) <= stroke.radius;
}

const exclude = (plane: MaskStroke['plane'], index: number, thickness: number, radius: number, points: number[]): MaskStroke => ({ plane, index, thickness, radius, kind: 'exclude', points });

describe('rasteriseMask', () => {
  it('excludes exactly the voxels within the brush radius of the segments, on the slab, for every plane', () => {
    const strokes = [
      exclude('xy', 5, 3, 2.5, [3.2, 4, 12.7, 9.1, 15, 2]),
      exclude('xz', 8, 1, 1.7, [20, 3]),
      exclude('yz', 0, 4, 3, [-2, 5, 6, 5]), // starts outside the plane: clipped
    ];
    for (const stroke of strokes) {
      const keep = rasteriseMask([stroke], SHAPE);
      let mismatches = 0;
      let excluded = 0;
      for (let z = 0, i = 0; z < SHAPE[2]; z++)
        for (let y = 0; y < SHAPE[1]; y++)
          for (let x = 0; x < SHAPE[0]; x++, i++) {
            const expected = covers(stroke, SHAPE, x, y, z) ? 0 : 1;
            if (keep[i] !== expected) mismatches++;
            if (expected === 0) excluded++;
          }
      expect(mismatches).toBe(0);
      expect(excluded).toBeGreaterThan(0);
      expect(countExcluded(keep)).toBe(excluded);
    }
  });

  it('an eraser stroke restores what an earlier stroke excluded, and strokes apply in order', () => {
    const paint = exclude('xy', 5, 1, 4, [10, 8]);
    const erase: MaskStroke = { ...exclude('xy', 5, 1, 2, [10, 8]), kind: 'include' };
    const keep = rasteriseMask([paint, erase], SHAPE);
    const at = (x: number, y: number, z: number) => keep[x + SHAPE[0] * (y + SHAPE[1] * z)];
    expect(at(10, 8, 5)).toBe(1); // erased centre
    expect(at(13, 8, 5)).toBe(0); // ring still excluded
    expect(at(10, 8, 4)).toBe(1); // off the slab
    // Painting again after the eraser excludes again.
    expect(rasteriseMask([paint, erase, paint], SHAPE)[10 + SHAPE[0] * (8 + SHAPE[1] * 5)]).toBe(0);
  });

  it('keeps everything for no strokes and for a stroke outside the volume', () => {
    expect(countExcluded(rasteriseMask([], SHAPE))).toBe(0);
    expect(countExcluded(rasteriseMask([exclude('xy', 3, 1, 2, [-10, -10])], SHAPE))).toBe(0);
    expect(countExcluded(rasteriseMask([exclude('xy', 40, 1, 2, [5, 5])], SHAPE))).toBe(0);
  });

  it('rejects a bad shape', () => {
    expect(() => rasteriseMask([], [0, 3, 3])).toThrow(/three positive integers/);
  });
});

describe('paintedMaskSection', () => {
  it('equals the section of the rasterised mask, for every view and section', () => {
    const strokes: MaskStroke[] = [
      exclude('xy', 5, 3, 2.5, [3.2, 4, 12.7, 9.1]),
      exclude('yz', 9, 5, 2, [8, 3, 9, 7]),
      { ...exclude('xz', 8, 3, 1.5, [10, 5]), kind: 'include' },
    ];
    const keep = rasteriseMask(strokes, SHAPE);
    for (const axis of ['xy', 'xz', 'yz'] as const) {
      const depth = SHAPE[PLANE_AXES[axis][2]]!;
      for (let index = 0; index < depth; index++) {
        expect(paintedMaskSection(strokes, SHAPE, axis, index)).toEqual(maskSection(keep, SHAPE, axis, index));
      }
    }
  });

  it('rejects a section outside the volume', () => {
    expect(() => paintedMaskSection([], SHAPE, 'xy', 11)).toThrow(/outside 0\.\.10/);
  });
});
