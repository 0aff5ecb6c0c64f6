import { describe, expect, it } from 'vitest';
import type { Pick } from './pick.ts';
import { pickMapOf, type PickMap } from './pick-collection.ts';
import {
  applyDiff,
  emptyDiff,
  invertDiff,
  isEmptyDiff,
  PickDiffError,
  squashDiffs,
  type PickDiff,
} from './pick-diff.ts';

function pick(id: string, overrides: Partial<Pick> = {}): Pick {
  return { id, tomogram: 't1', x: 1, y: 2, z: 3, classId: 1, source: 'manual', status: 'accepted', ...overrides };
}

function diffOf(parts: { added?: Pick[]; removed?: Pick[]; updated?: [Pick, Pick][] }): PickDiff {
  const diff = emptyDiff();
  for (const p of parts.added ?? []) diff.added.set(p.id, p);
  for (const p of parts.removed ?? []) diff.removed.set(p.id, p);
  for (const [before, after] of parts.updated ?? []) diff.updated.set(before.id, [before, after]);
  return diff;
}

function asObject(map: PickMap): Record<string, Pick> {
  return Object.fromEntries([...map].sort(([a], [b]) => a.localeCompare(b)));
}

describe('applyDiff / invertDiff', () => {
  const a = pick('a');
  const b = pick('b');
  const b2 = pick('b', { x: 10 });
  const c = pick('c');
  const start = pickMapOf([a, b]);
  const diff = diffOf({ added: [c], removed: [a], updated: [[b, b2]] });

  it('applies adds, removes and updates without changing the input map', () => {
    const next = applyDiff(start, diff);
    expect(asObject(next)).toEqual({ b: b2, c });
    expect(asObject(start)).toEqual({ a, b });
  });

  it('inverting and applying restores the original map', () => {
    const back = applyDiff(applyDiff(start, diff), invertDiff(diff));
    expect(asObject(back)).toEqual(asObject(start));
  });

  it('rejects a diff that does not fit the map', () => {
    expect(() => applyDiff(start, diffOf({ added: [a] }))).toThrow(PickDiffError);
    expect(() => applyDiff(start, diffOf({ removed: [c] }))).toThrow(/no pick with this id/);
    expect(() => applyDiff(start, diffOf({ updated: [[c, c]] }))).toThrow(/cannot update pick "c"/);
    // "before" differs from what the map holds: a stale diff.
    expect(() => applyDiff(start, diffOf({ updated: [[b2, b]] }))).toThrow(/changed since the diff was made/);
  });

  it('accepts an equal copy of the expected pick', () => {
    expect(asObject(applyDiff(start, diffOf({ removed: [{ ...a }] })))).toEqual({ b });
  });
});

describe('squashDiffs', () => {
  const a = pick('a');
  const a2 = pick('a', { x: 5 });
  const a3 = pick('a', { x: 9 });

  it('add then update = add of the final value', () => {
    const s = squashDiffs(diffOf({ added: [a] }), diffOf({ updated: [[a, a2]] }));
    expect([...s.added.values()]).toEqual([a2]);
    expect(s.updated.size + s.removed.size).toBe(0);
  });

  it('add then remove = nothing', () => {
    expect(isEmptyDiff(squashDiffs(diffOf({ added: [a] }), diffOf({ removed: [a] })))).toBe(true);
  });

  it('update then update = first before, last after; back to start = nothing', () => {
    const s = squashDiffs(diffOf({ updated: [[a, a2]] }), diffOf({ updated: [[a2, a3]] }));
    expect(s.updated.get('a')).toEqual([a, a3]);
    expect(isEmptyDiff(squashDiffs(diffOf({ updated: [[a, a2]] }), diffOf({ updated: [[a2, { ...a }]] })))).toBe(true);
  });

  it('update then remove = remove of the original', () => {
    const s = squashDiffs(diffOf({ updated: [[a, a2]] }), diffOf({ removed: [a2] }));
    expect([...s.removed.values()]).toEqual([a]);
    expect(s.updated.size).toBe(0);
  });

  it('remove then add = update, or nothing when the same pick comes back', () => {
    expect(squashDiffs(diffOf({ removed: [a] }), diffOf({ added: [a2] })).updated.get('a')).toEqual([a, a2]);
    expect(isEmptyDiff(squashDiffs(diffOf({ removed: [a] }), diffOf({ added: [{ ...a }] })))).toBe(true);
  });

  it('leaves both inputs unchanged', () => {
    const first = diffOf({ added: [a] });
    const second = diffOf({ removed: [a] });
    squashDiffs(first, second);
    expect(first.added.get('a')).toBe(a);
    expect(second.removed.get('a')).toBe(a);
  });

  it('rejects diffs that cannot follow each other', () => {
    expect(() => squashDiffs(diffOf({ added: [a] }), diffOf({ added: [a2] }))).toThrow(/added while it exists/);
    expect(() => squashDiffs(diffOf({ removed: [a] }), diffOf({ removed: [a] }))).toThrow(/removed twice/);
    expect(() => squashDiffs(diffOf({ removed: [a] }), diffOf({ updated: [[a, a2]] }))).toThrow(/after removal/);
  });

  it('squashing random edit sequences equals applying them one by one, and inverts exactly', () => {
    let seed = 12345;
    const random = (): number => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const start = pickMapOf(Array.from({ length: 20 }, (_, i) => pick(`p${i}`)));
    let map: PickMap = start;
    let squashed: PickDiff = emptyDiff();
    let nextId = 100;
    const removedIds: string[] = [];
    for (let step = 0; step < 300; step++) {
      const ids = [...map.keys()];
      const id = ids[Math.floor(random() * ids.length)];
      const r = random();
      let diff: PickDiff;
      if (r < 0.3 || id === undefined) {
        // Half of the adds bring back an id removed earlier (remove → add squashes to an update).
        const reused = random() < 0.5 ? removedIds.pop() : undefined;
        diff = diffOf({ added: [pick(reused ?? `p${nextId++}`, { x: Math.round(random() * 3) })] });
      } else if (r < 0.5) {
        diff = diffOf({ removed: [map.get(id)!] });
        removedIds.push(id);
      }
      else diff = diffOf({ updated: [[map.get(id)!, { ...map.get(id)!, x: Math.round(random() * 3) }]] });
      map = applyDiff(map, diff);
      squashed = squashDiffs(squashed, diff);
    }
    expect(asObject(applyDiff(start, squashed))).toEqual(asObject(map));
    expect(asObject(applyDiff(map, invertDiff(squashed)))).toEqual(asObject(start));
  });
});
