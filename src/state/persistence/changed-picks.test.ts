import { describe, expect, it } from 'vitest';
import { createPicksStore } from '../picks-store.ts';
import { tomogramsWithChangedPicks } from './changed-picks.ts';

describe('tomogramsWithChangedPicks', () => {
  it('finds added, moved, relabelled and deleted picks by tomogram', () => {
    const store = createPicksStore();
    const a = store.getState().addPick({ tomogram: 'A', x: 0, y: 0, z: 0, classId: 1 });
    store.getState().addPick({ tomogram: 'B', x: 0, y: 0, z: 0, classId: 1 });
    const start = store.getState().picks;
    expect(tomogramsWithChangedPicks(start, start)).toEqual(new Set());

    store.getState().movePick(a, { x: 1, y: 0, z: 0 });
    expect(tomogramsWithChangedPicks(start, store.getState().picks)).toEqual(new Set(['A']));
    store.getState().addPick({ tomogram: 'C', x: 0, y: 0, z: 0, classId: 1 });
    expect(tomogramsWithChangedPicks(start, store.getState().picks)).toEqual(new Set(['A', 'C']));
    const before = store.getState().picks;
    store.getState().deletePicks([a]);
    expect(tomogramsWithChangedPicks(before, store.getState().picks)).toEqual(new Set(['A']));
  });
});
