import { beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_SUGGESTION_THRESHOLD } from '../core/labels/correction-suggestions.ts';
import { fixStatus, toLabelFixes, type LabelFix } from '../core/picks/correction-decisions.ts';
import type { Pick } from '../core/picks/pick.ts';
import { useCorrectionStore } from './correction-store.ts';
import { createPicksStore } from './picks-store.ts';

const fix = (id: string): LabelFix => ({ id, tomogram: 't', kind: 'add', x: 1, y: 1, z: 1, classId: 1, confidence: 0.4, voxels: 9 });

describe('correction store', () => {
  beforeEach(() => useCorrectionStore.getState().setList(undefined));

  it('starts at the default threshold; rejects, restores, and a new list clears rejections and focus', () => {
    const store = useCorrectionStore;
    expect(store.getState().threshold).toBe(DEFAULT_SUGGESTION_THRESHOLD);
    store.getState().setList({ tomogramId: 't', modelName: 'm', fixes: [fix('x'), fix('y')] });
    store.getState().select('y');
    store.getState().toggleRejected('x');
    expect([...store.getState().rejected]).toEqual(['x']);
    store.getState().toggleRejected('x');
    expect(store.getState().rejected.size).toBe(0);
    store.getState().toggleRejected('y');
    store.getState().setList({ tomogramId: 't', modelName: 'm2', fixes: [fix('z')] });
    expect(store.getState().rejected.size).toBe(0);
    expect(store.getState().selectedId).toBeUndefined();
    expect(store.getState().list?.modelName).toBe('m2');
  });

  it('keeps the threshold within [0, 1]', () => {
    useCorrectionStore.getState().setThreshold(0.05);
    expect(useCorrectionStore.getState().threshold).toBe(0.05);
    expect(() => useCorrectionStore.getState().setThreshold(1.5)).toThrow(/\[0, 1\], got 1.5/);
    expect(useCorrectionStore.getState().threshold).toBe(0.05);
  });
});

const picks: Pick[] = [
  { id: 'a', tomogram: 't', x: 1, y: 2, z: 3, classId: 1, source: 'manual', status: 'accepted' },
  { id: 'b', tomogram: 't', x: 9, y: 9, z: 9, classId: 2, source: 'imported', status: 'accepted' },
  { id: 'c', tomogram: 't', x: 5, y: 5, z: 5, classId: 1, source: 'model', status: 'candidate' },
];
const fixes = toLabelFixes(
  [
    { kind: 'add', x: 20, y: 21, z: 22, classId: 2, confidence: 0.9, voxels: 30 },
    { kind: 'remove', x: 9, y: 9, z: 9, classId: 2, pickIndex: 1, confidence: 0.6, voxels: 14 },
    { kind: 'relabel', x: 5, y: 5, z: 5, classId: 2, fromClassId: 1, pickIndex: 2, confidence: 0.3, voxels: 14 },
  ],
  't',
  ['a', 'b', 'c'],
  'L1',
);

describe('label fixes in the picks history', () => {
  it('one accept (or one bulk accept) is one undo step that returns the fixes to pending', () => {
    const store = createPicksStore({ picks });
    const state = () => store.getState();
    const status = (f: LabelFix) => fixStatus(state().picks, new Set(), f);
    expect(state().acceptFixes([fixes[0]!])).toEqual({ added: 1, removed: 0, updated: 0 });
    expect(state().history.undoLabel).toBe('accept label fix');
    expect(state().picks.size).toBe(4);
    expect(state().acceptFixes(fixes.slice(1, 3))).toEqual({ added: 0, removed: 0, updated: 2 });
    expect(state().history.undoLabel).toBe('accept 2 label fixes');
    expect(fixes.slice(0, 3).map(status)).toEqual(['accepted', 'accepted', 'accepted']);
    state().undo();
    expect(fixes.slice(0, 3).map(status)).toEqual(['accepted', 'pending', 'pending']);
    state().undo();
    expect(status(fixes[0]!)).toBe('pending');
    expect(state().picks.size).toBe(3);
  });
});
