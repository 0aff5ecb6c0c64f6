import { describe, expect, it } from 'vitest';
import type { Pick } from './pick.ts';
import type { PickMap } from './pick-collection.ts';
import { applyDiff, emptyDiff, type PickDiff } from './pick-diff.ts';
import { History } from './history.ts';

function pick(id: string, x = 0): Pick {
  return { id, tomogram: 't1', x, y: 0, z: 0, classId: 1, source: 'manual', status: 'accepted' };
}

function added(p: Pick): PickDiff {
  const diff = emptyDiff();
  diff.added.set(p.id, p);
  return diff;
}

function updated(before: Pick, after: Pick): PickDiff {
  const diff = emptyDiff();
  diff.updated.set(before.id, [before, after]);
  return diff;
}

function removed(p: Pick): PickDiff {
  const diff = emptyDiff();
  diff.removed.set(p.id, p);
  return diff;
}

/** Applies and records like the store does. */
class Editor {
  map: PickMap = new Map();
  constructor(readonly history = new History()) {}
  gesture(label: string, ...diffs: PickDiff[]): void {
    this.history.mark(label);
    for (const diff of diffs) this.change(diff);
  }
  change(diff: PickDiff): void {
    this.map = applyDiff(this.map, diff);
    this.history.record(diff);
  }
  undo(): void {
    const entry = this.history.undo();
    if (entry) this.map = applyDiff(this.map, entry.diff);
  }
  redo(): void {
    const entry = this.history.redo();
    if (entry) this.map = applyDiff(this.map, entry.diff);
  }
  xs(): number[] {
    return [...this.map.values()].map((p) => p.x);
  }
}

describe('History', () => {
  it('undoes and redoes whole gestures, squashing the changes recorded between marks', () => {
    const e = new Editor();
    e.gesture('add pick', added(pick('a', 0)));
    // One drag: three moves recorded under one mark.
    e.gesture('move pick', updated(pick('a', 0), pick('a', 1)), updated(pick('a', 1), pick('a', 2)), updated(pick('a', 2), pick('a', 3)));
    expect(e.history.undoCount).toBe(2);
    expect(e.history.undoLabel).toBe('move pick');
    e.undo();
    expect(e.xs()).toEqual([0]);
    expect(e.history.undoLabel).toBe('add pick');
    expect(e.history.redoLabel).toBe('move pick');
    e.undo();
    expect(e.xs()).toEqual([]);
    expect(e.history.canUndo).toBe(false);
    e.redo();
    e.redo();
    expect(e.xs()).toEqual([3]);
    expect(e.history.canRedo).toBe(false);
  });

  it('a new change after undo clears the redo stack', () => {
    const e = new Editor();
    e.gesture('add a', added(pick('a')));
    e.gesture('add b', added(pick('b', 1)));
    e.undo();
    expect(e.history.canRedo).toBe(true);
    e.gesture('add c', added(pick('c', 2)));
    expect(e.history.canRedo).toBe(false);
    e.redo();
    expect(e.xs()).toEqual([0, 2]);
  });

  it('records after an undo start a new entry even without a mark', () => {
    const e = new Editor();
    e.gesture('add a', added(pick('a')));
    e.gesture('add b', added(pick('b', 1)));
    e.undo();
    e.change(added(pick('c', 2)));
    e.undo();
    expect(e.xs()).toEqual([0]);
  });

  it('ignores empty diffs and drops a gesture that cancels itself out', () => {
    const e = new Editor();
    e.gesture('nothing', emptyDiff());
    expect(e.history.canUndo).toBe(false);
    e.gesture('add then delete', added(pick('a')), removed(pick('a')));
    expect(e.history.canUndo).toBe(false);
    expect(e.xs()).toEqual([]);
  });

  it('keeps at most `limit` entries, dropping the oldest', () => {
    const e = new Editor(new History({ limit: 3 }));
    for (let i = 0; i < 5; i++) e.gesture(`add ${i}`, added(pick(`p${i}`, i)));
    expect(e.history.summary()).toEqual([
      { label: 'add 2', picks: 1 },
      { label: 'add 3', picks: 1 },
      { label: 'add 4', picks: 1 },
    ]);
    for (let i = 0; i < 5; i++) e.undo();
    expect(e.xs()).toEqual([0, 1]);
  });

  it('holds the default 500 steps and walks them all back and forth', () => {
    const e = new Editor();
    expect(e.history.limit).toBe(500);
    e.gesture('add', added(pick('a', 0)));
    for (let i = 1; i < 600; i++) e.gesture('move', updated(pick('a', i - 1), pick('a', i)));
    expect(e.history.undoCount).toBe(500);
    while (e.history.canUndo) e.undo();
    expect(e.xs()).toEqual([99]);
    while (e.history.canRedo) e.redo();
    expect(e.xs()).toEqual([599]);
  });

  it('does not change a recorded diff when later changes are squashed into its gesture', () => {
    const h = new History();
    const first = added(pick('a'));
    h.mark('add');
    h.record(first);
    h.record(updated(pick('a'), pick('a', 5)));
    expect(first.added.get('a')?.x).toBe(0);
  });

  it('rejects a bad limit', () => {
    expect(() => new History({ limit: 0 })).toThrow(/limit must be an integer ≥ 1/);
  });
});
