import { describe, expect, it } from 'vitest';
import type { Pick } from '../core/picks/pick.ts';
import { createPicksStore, selectClassCounts, selectPicksOfTomogram } from './picks-store.ts';

function candidates(n: number, tomogram = 't1'): Pick[] {
  return Array.from({ length: n }, (_, i) => ({
    id: `c${i}`,
    tomogram,
    x: i,
    y: 0,
    z: 0,
    classId: 1 + (i % 2),
    score: i / n,
    source: 'model',
    status: 'candidate',
  }));
}

describe('picks store', () => {
  it('records one labelled history entry per gesture and undoes/redoes it', () => {
    const store = createPicksStore();
    const { addPick, movePick } = store.getState();
    const id = addPick({ tomogram: 't1', x: 1, y: 2, z: 3, classId: 1 });
    expect(store.getState().picks.get(id)).toMatchObject({ x: 1, source: 'manual', status: 'accepted' });
    movePick(id, { x: 5, y: 2, z: 3 });
    expect(store.getState().history).toEqual({ canUndo: true, canRedo: false, undoLabel: 'move pick', redoLabel: undefined });

    expect(store.getState().undo()).toBe(true);
    expect(store.getState().picks.get(id)?.x).toBe(1);
    expect(store.getState().history.redoLabel).toBe('move pick');
    store.getState().undo();
    expect(store.getState().picks.size).toBe(0);
    expect(store.getState().undo()).toBe(false);
    store.getState().redo();
    store.getState().redo();
    expect(store.getState().picks.get(id)?.x).toBe(5);
  });

  it('squashes the updates of one drag into one entry', () => {
    const store = createPicksStore();
    const id = store.getState().addPick({ tomogram: 't1', x: 0, y: 0, z: 0, classId: 1 });
    store.getState().movePick(id, { x: 1, y: 0, z: 0 });
    for (let x = 2; x <= 20; x++) store.getState().movePick(id, { x, y: 0, z: 0 }, { continueGesture: true });
    store.getState().undo();
    expect(store.getState().picks.get(id)?.x).toBe(0);
    expect(store.getState().history.undoLabel).toBe('add pick');
  });

  it('makes a 10,000-pick bulk accept one undoable step', () => {
    const store = createPicksStore({ picks: candidates(10_000) });
    const summary = store.getState().reviewByScore({ status: 'accepted', minScore: 0 });
    expect(summary).toEqual({ added: 0, removed: 0, updated: 10_000 });
    expect(store.getState().history.undoLabel).toBe('accept 10,000 picks by score');
    expect(selectClassCounts(store.getState())[0]).toMatchObject({ accepted: 5000, candidate: 0 });
    store.getState().undo();
    expect(selectClassCounts(store.getState())[0]).toMatchObject({ accepted: 0, candidate: 5000 });
    expect(store.getState().history.canUndo).toBe(false);
  });

  it('imports and applies model output as single steps, keeping manual picks', () => {
    const store = createPicksStore({ picks: candidates(3) });
    const manualId = store.getState().addPick({ tomogram: 't1', x: 9, y: 9, z: 9, classId: 1 });
    store.getState().importPicks([{ tomogram: 't1', x: 1, y: 1, z: 1, classId: 2 }]);
    expect(store.getState().history.undoLabel).toBe('import 1 pick');
    const result = store
      .getState()
      .applyModelOutput({ source: 'model', tomograms: ['t1'], picks: [{ tomogram: 't1', x: 4, y: 4, z: 4, classId: 1, score: 0.9 }] });
    expect(result).toEqual({ added: 1, removed: 3, updated: 0 });
    expect(store.getState().history.undoLabel).toBe('apply model output (1 candidate)');
    expect(store.getState().picks.has(manualId)).toBe(true);
    store.getState().undo();
    expect(store.getState().picks.size).toBe(5);
  });

  it('leaves picks and history unchanged when an edit is refused', () => {
    const store = createPicksStore({ picks: candidates(2) });
    const before = store.getState();
    expect(() => store.getState().deletePicks(['c0', 'missing'])).toThrow(/no pick with id "missing"/);
    expect(store.getState()).toBe(before);
    // A no-op edit leaves no history entry either.
    expect(store.getState().setStatus(['c0'], 'candidate')).toEqual({ added: 0, removed: 0, updated: 0 });
    expect(store.getState().history.canUndo).toBe(false);
  });

  it('loading picks replaces them and clears the history', () => {
    const store = createPicksStore();
    store.getState().addPick({ tomogram: 't1', x: 0, y: 0, z: 0, classId: 1 });
    store.getState().loadPicks(candidates(4));
    expect(store.getState().picks.size).toBe(4);
    expect(store.getState().history.canUndo).toBe(false);
  });

  it('notifies subscribers and memoises selectors per picks map', () => {
    const store = createPicksStore({ picks: candidates(2, 't1') });
    let notified = 0;
    store.subscribe(() => notified++);
    const first = selectPicksOfTomogram(store.getState(), 't1');
    expect(selectPicksOfTomogram(store.getState(), 't1')).toBe(first);
    store.getState().setStatus(['c0'], 'rejected');
    expect(notified).toBe(1);
    const second = selectPicksOfTomogram(store.getState(), 't1');
    expect(second).not.toBe(first);
    expect(second.find((p) => p.id === 'c0')?.status).toBe('rejected');
    expect(selectClassCounts(store.getState(), 't2')).toEqual([]);
  });
});
