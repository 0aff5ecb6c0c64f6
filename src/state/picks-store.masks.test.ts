import { describe, expect, it } from 'vitest';
import type { MaskStroke } from '../core/mask/stroke.ts';
import { createPicksStore } from './picks-store.ts';

const stroke = (u: number, kind: MaskStroke['kind'] = 'exclude'): MaskStroke => ({ plane: 'xy', index: 3, thickness: 1, radius: 2, kind, points: [u, 5, u + 4, 5] });

describe('picks store: painted masks in the one history', () => {
  it('one stroke is one undo entry, interleaved with pick edits; clear is one entry', () => {
    const store = createPicksStore();
    store.getState().addMaskStroke('t1', stroke(1));
    expect(store.getState().history.undoLabel).toBe('paint mask');
    store.getState().addPick({ tomogram: 't1', x: 1, y: 1, z: 1, classId: 1 });
    store.getState().addMaskStroke('t1', stroke(9, 'include'));
    expect(store.getState().history.undoLabel).toBe('erase mask');
    expect(store.getState().masks.get('t1')!.strokes).toHaveLength(2);

    store.getState().undo();
    expect(store.getState().masks.get('t1')!.strokes).toHaveLength(1);
    expect(store.getState().picks.size).toBe(1);
    store.getState().undo();
    expect(store.getState().picks.size).toBe(0);
    expect(store.getState().masks.get('t1')!.strokes).toHaveLength(1);
    store.getState().undo();
    expect(store.getState().masks.has('t1')).toBe(false);
    store.getState().redo();
    store.getState().redo();
    store.getState().redo();
    expect(store.getState().masks.get('t1')!.strokes.map((s) => s.kind)).toEqual(['exclude', 'include']);

    store.getState().clearMask('t1');
    expect(store.getState().history.undoLabel).toBe('clear mask');
    expect(store.getState().masks.has('t1')).toBe(false);
    store.getState().undo();
    expect(store.getState().masks.get('t1')!.strokes).toHaveLength(2);
  });

  it('a bad stroke changes nothing; clearing an empty mask leaves no entry', () => {
    const store = createPicksStore();
    expect(() => store.getState().addMaskStroke('t1', { ...stroke(1), thickness: 0 })).toThrow(/slab thickness/);
    store.getState().clearMask('t1');
    expect(store.getState().history.canUndo).toBe(false);
    expect(store.getState().masks.size).toBe(0);
  });

  it('loadMasks replaces the strokes of the named tomograms and clears the history', () => {
    const store = createPicksStore();
    store.getState().addMaskStroke('t1', stroke(1));
    store.getState().addMaskStroke('t2', stroke(2));
    store.getState().loadMasks(new Map([['t1', [stroke(7), stroke(8)]], ['t2', undefined]]));
    expect(store.getState().masks.get('t1')!.strokes.map((s) => s.points[0])).toEqual([7, 8]);
    expect(store.getState().masks.has('t2')).toBe(false);
    expect(store.getState().history.canUndo).toBe(false);
  });
});
