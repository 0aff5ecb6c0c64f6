import { describe, expect, it } from 'vitest';
import { addStrokeDiff, applyMaskDiff, clearMaskDiff, invertMaskDiff, isEmptyMaskDiff, squashMaskInto, type MaskMap } from './mask-document.ts';
import type { MaskStroke } from './stroke.ts';

const stroke = (u: number): MaskStroke => ({ plane: 'xy', index: 2, thickness: 1, radius: 3, kind: 'exclude', points: [u, 4] });

describe('mask document', () => {
  it('adds strokes in order and undoes them by the inverted diff', () => {
    const empty: MaskMap = new Map();
    const d1 = addStrokeDiff(empty, 't1', stroke(1));
    const m1 = applyMaskDiff(empty, d1);
    const d2 = addStrokeDiff(m1, 't1', stroke(2));
    const m2 = applyMaskDiff(m1, d2);
    expect(m2.get('t1')!.strokes.map((s) => s.points[0])).toEqual([1, 2]);
    expect(applyMaskDiff(m2, invertMaskDiff(d2))).toEqual(m1);
    expect(applyMaskDiff(applyMaskDiff(m2, invertMaskDiff(d2)), invertMaskDiff(d1)).size).toBe(0);
  });

  it('clears a mask as one diff, and clearing nothing is empty', () => {
    const m = applyMaskDiff(new Map(), addStrokeDiff(new Map(), 't1', stroke(1)));
    const clear = clearMaskDiff(m, 't1');
    expect(applyMaskDiff(m, clear).has('t1')).toBe(false);
    expect(applyMaskDiff(applyMaskDiff(m, clear), invertMaskDiff(clear))).toEqual(m);
    expect(isEmptyMaskDiff(clearMaskDiff(m, 't2'))).toBe(true);
  });

  it('refuses a stale diff and a bad stroke', () => {
    const d = addStrokeDiff(new Map(), 't1', stroke(1));
    const m = applyMaskDiff(new Map(), d);
    expect(() => applyMaskDiff(m, d)).toThrow(/changed since/);
    expect(() => addStrokeDiff(m, 't1', { ...stroke(1), radius: 0 })).toThrow(/brush radius/);
    expect(() => addStrokeDiff(m, 't1', { ...stroke(1), points: [1] })).toThrow(/u, v pairs/);
    expect(() => addStrokeDiff(m, 't1', { ...stroke(1), plane: 'zz' as never })).toThrow(/plane/);
  });

  it('squashes a stroke and its clear back to nothing', () => {
    const d = addStrokeDiff(new Map(), 't1', stroke(1));
    const m = applyMaskDiff(new Map(), d);
    const target = new Map(d);
    squashMaskInto(target, clearMaskDiff(m, 't1'));
    expect(target.size).toBe(0);
  });
});
