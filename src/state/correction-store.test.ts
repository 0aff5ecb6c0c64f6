import { describe, expect, it } from 'vitest';
import { DEFAULT_SUGGESTION_THRESHOLD } from '../core/labels/correction-suggestions.ts';
import { fixStatus, toLabelFixes, type LabelFix } from '../core/picks/correction-decisions.ts';
import type { Pick } from '../core/picks/pick.ts';
import type { FixList } from '../core/picks/review-document.ts';
import { useCorrectionStore } from './correction-store.ts';
import { createPicksStore } from './picks-store.ts';

describe('correction store', () => {
  it('starts at the default threshold, drawing fixes, and keeps the threshold within [0, 1]', () => {
    expect(useCorrectionStore.getState().threshold).toBe(DEFAULT_SUGGESTION_THRESHOLD);
    expect(useCorrectionStore.getState().showFixes).toBe(true);
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

describe('fix lists and rejections in the picks history', () => {
  const list = (modelName: string): FixList => ({ tomogramId: 't', modelName, fixes, rejected: new Set() });

  it('a new list, a rejection and an accept undo and redo in one history', () => {
    const store = createPicksStore({ picks });
    const state = () => store.getState();
    const status = (f: LabelFix) => fixStatus(state().picks, state().review.get('t')?.rejected ?? new Set(), f);
    const first = list('m1');
    state().setFixList('t', first);
    expect(state().history.undoLabel).toBe('suggest 3 label fixes');
    state().setFixesRejected('t', [fixes[1]!.id], true);
    expect(state().history.undoLabel).toBe('reject label fix');
    state().acceptFixes([fixes[0]!]);
    expect(fixes.map(status)).toEqual(['accepted', 'rejected', 'pending']);

    state().undo(); // the accept
    state().undo(); // the rejection: back to pending
    expect(fixes.map(status)).toEqual(['pending', 'pending', 'pending']);
    expect(state().review.get('t')).toBe(first);
    state().redo(); // re-rejects
    expect(status(fixes[1]!)).toBe('rejected');
    expect(state().history.redoLabel).toBe('accept label fix');

    // Rejecting twice changes nothing and leaves no entry; restoring is a step of its own.
    state().setFixesRejected('t', [fixes[1]!.id], true);
    expect(state().history.undoLabel).toBe('reject label fix');
    state().setFixesRejected('t', [fixes[1]!.id], false);
    expect(state().history.undoLabel).toBe('restore label fix');

    // A new list replaces the old one (its rejections go with it); undo brings the old one back.
    state().undo();
    const withRejection = state().review.get('t');
    state().setFixList('t', list('m2'));
    expect(state().review.get('t')!.modelName).toBe('m2');
    expect(status(fixes[1]!)).toBe('pending');
    state().undo();
    expect(state().review.get('t')).toBe(withRejection);
    expect(status(fixes[1]!)).toBe('rejected');
  });

  it('refuses unknown fixes and tomograms without a list, changing nothing', () => {
    const store = createPicksStore({ picks });
    expect(() => store.getState().setFixesRejected('t', ['L1-0'], true)).toThrow(/"t" has no fix list/);
    store.getState().setFixList('t', list('m'));
    expect(() => store.getState().setFixesRejected('t', ['nope'], true)).toThrow(/no fix "nope"/);
    expect(store.getState().review.get('t')!.rejected.size).toBe(0);
    expect(() => store.getState().setFixList('u', list('m'))).toThrow(/cannot be the list of "u"/);
  });

  it('loadReview replaces lists without an undo entry', () => {
    const store = createPicksStore({ picks });
    store.getState().setFixList('t', list('m'));
    const saved = { ...list('restored'), rejected: new Set([fixes[2]!.id]) };
    store.getState().loadReview(new Map([['t', saved]]));
    expect(store.getState().review.get('t')).toBe(saved);
    expect(store.getState().history.canUndo).toBe(false);
    store.getState().loadReview(new Map([['t', undefined]]));
    expect(store.getState().review.size).toBe(0);
  });
});
