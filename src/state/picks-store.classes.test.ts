import { beforeEach, describe, expect, it } from 'vitest';
import type { ClassDef } from '../core/picks/pick.ts';
import { applyToStores } from './persistence/app-source.ts';
import { createPicksStore, memoryClassTable, picksStore } from './picks-store.ts';
import { useProjectStore } from './project-store.ts';

const particle: ClassDef = { id: 1, name: 'particle', color: '#4f9dff', radiusAngstrom: 100 };

function storeWithClasses(classes: readonly ClassDef[] = [particle]) {
  const table = memoryClassTable(classes);
  return { store: createPicksStore({ classTable: table }), names: () => table.read().map((c) => c.name), table };
}

describe('picks store: classes in the one history', () => {
  it('interleaves class and pick edits: add class → add pick of it → undo, undo → redo, redo', () => {
    const { store, names } = storeWithClasses();
    const classId = store.getState().addClass({ name: 'ribosome' });
    expect(store.getState().history.undoLabel).toBe('add class');
    const pickId = store.getState().addPick({ tomogram: 't1', x: 1, y: 1, z: 1, classId });
    expect(names()).toEqual(['particle', 'ribosome']);

    store.getState().undo();
    expect(store.getState().picks.size).toBe(0);
    expect(names()).toEqual(['particle', 'ribosome']);
    expect(store.getState().history.undoLabel).toBe('add class');
    store.getState().undo();
    expect(names()).toEqual(['particle']);
    expect(store.getState().history).toMatchObject({ canUndo: false, redoLabel: 'add class' });

    store.getState().redo();
    store.getState().redo();
    expect(names()).toEqual(['particle', 'ribosome']);
    expect(store.getState().picks.get(pickId)?.classId).toBe(classId);
  });

  it('undoes rename, colour, radius and visibility one step each, with labels', () => {
    const { store, table } = storeWithClasses();
    const s = () => store.getState();
    s().updateClass(1, { name: 'ribosome' });
    s().updateClass(1, { color: '#ff0000' });
    s().updateClass(1, { radiusAngstrom: 130 });
    s().updateClass(1, { hidden: true });
    expect(table.read()[0]).toEqual({ id: 1, name: 'ribosome', color: '#ff0000', radiusAngstrom: 130, hidden: true });
    const labels: (string | undefined)[] = [];
    while (s().history.canUndo) {
      labels.push(s().history.undoLabel);
      s().undo();
    }
    expect(labels).toEqual(['hide class', 'change class radius', 'recolour class', 'rename class']);
    expect(table.read()).toEqual([particle]);
    s().redo();
    expect(table.read()[0]!.name).toBe('ribosome');
    expect(s().history.redoLabel).toBe('recolour class');
  });

  it('deletes a class with its picks in every tomogram as one step, and undo brings both back in place', () => {
    const ribosome: ClassDef = { id: 2, name: 'ribosome', color: '#ff0000', radiusAngstrom: 130 };
    const { store, table } = storeWithClasses([particle, ribosome, { ...particle, id: 3, name: 'tiny' }]);
    const s = () => store.getState();
    const kept = s().addPick({ tomogram: 't1', x: 1, y: 1, z: 1, classId: 1 });
    s().addPick({ tomogram: 't1', x: 2, y: 2, z: 2, classId: 2 });
    s().addPick({ tomogram: 't2', x: 3, y: 3, z: 3, classId: 2 });
    const all = () => [...s().picks.values()].sort((a, b) => a.id.localeCompare(b.id));
    const before = all();

    expect(s().deleteClass(2)).toBe(2);
    expect(table.read().map((c) => c.id)).toEqual([1, 3]);
    expect([...s().picks.keys()]).toEqual([kept]);
    expect(s().history.undoLabel).toBe('delete class ribosome and 2 picks');

    s().undo();
    expect(table.read().map((c) => c.name)).toEqual(['particle', 'ribosome', 'tiny']);
    expect(all()).toEqual(before);
    s().redo();
    expect(s().picks.size).toBe(1);
    expect(s().deleteClass(3)).toBe(0);
    expect(s().history.undoLabel).toBe('delete class tiny');
    expect(() => s().deleteClass(9)).toThrow(/no class with id 9/);
  });

  it('squashes a continued change of one field into one step, but not a change of another class or field', () => {
    const { store, table } = storeWithClasses([particle, { ...particle, id: 2, name: 'other' }]);
    const s = () => store.getState();
    s().updateClass(1, { color: '#100000' });
    s().updateClass(1, { color: '#200000' }, { continueGesture: true });
    s().updateClass(1, { color: '#300000' }, { continueGesture: true });
    expect(s().history.undoLabel).toBe('recolour class');
    s().updateClass(2, { color: '#400000' }, { continueGesture: true });
    s().updateClass(2, { name: 'renamed' }, { continueGesture: true });
    s().undo();
    s().undo();
    expect(table.read()[1]).toMatchObject({ name: 'other', color: particle.color });
    expect(table.read()[0]!.color).toBe('#300000');
    s().undo();
    expect(table.read()[0]!.color).toBe(particle.color);
    expect(s().history.canUndo).toBe(false);
  });

  it('batches an import that adds classes into one step, and refuses bad edits without a trace', () => {
    const { store, names } = storeWithClasses();
    const s = () => store.getState();
    s().batch('import picks.star', () => {
      s().addClasses([{ id: 2, name: 'membrane', color: '#59a14f', radiusAngstrom: 40 }]);
      s().importPicks([{ tomogram: 't1', x: 0, y: 0, z: 0, classId: 2 }]);
    });
    expect(s().history.undoLabel).toBe('import picks.star');
    expect(() => s().updateClass(2, { name: '' })).toThrow('a class needs a name');
    expect(() => s().addClasses([particle])).toThrow('class id 1 ("particle") is already used');
    s().undo();
    expect(names()).toEqual(['particle']);
    expect(s().picks.size).toBe(0);
    expect(s().history.canUndo).toBe(false);
  });

  it('loading classes replaces them and clears the history', () => {
    const { store, names } = storeWithClasses();
    store.getState().addClass();
    store.getState().loadClasses([{ ...particle, name: 'loaded' }]);
    expect(names()).toEqual(['loaded']);
    expect(store.getState().history.canUndo).toBe(false);
    expect(() => store.getState().loadClasses([{ ...particle, radiusAngstrom: -1 }])).toThrow('positive number');
  });
});

describe('the app picks store keeps classes in the project store', () => {
  beforeEach(() => {
    useProjectStore.setState({ classes: [particle] });
    picksStore.getState().loadPicks([]);
  });

  it('writes class edits to useProjectStore and restores them on undo; a loaded project clears the history', () => {
    picksStore.getState().updateClass(1, { name: 'ribosome' });
    expect(useProjectStore.getState().classes[0]!.name).toBe('ribosome');
    picksStore.getState().undo();
    expect(useProjectStore.getState().classes).toEqual([particle]);

    picksStore.getState().updateClass(1, { hidden: true });
    applyToStores({ classes: [{ ...particle, name: 'restored' }] });
    expect(useProjectStore.getState().classes).toEqual([{ ...particle, name: 'restored' }]);
    expect(picksStore.getState().history.canUndo).toBe(false);
  });
});
