/**
 * Diffs over a collection of picks keyed by id: the unit of undo/redo (DESIGN.md §3).
 * A diff records whole pick values (before and after), so it can be inverted without the state
 * it came from, and two diffs made one after the other can be squashed into one (tldraw's
 * RecordsDiff model). Pick objects are never mutated; a diff only holds references to them.
 */
import { PickCollection, type PickMap } from './pick-collection.ts';
import type { Pick } from './pick.ts';

export interface PickDiff {
  readonly added: ReadonlyMap<string, Pick>;
  readonly removed: ReadonlyMap<string, Pick>;
  /** id → [before, after]. */
  readonly updated: ReadonlyMap<string, readonly [Pick, Pick]>;
}

/** The mutable form, used while building or squashing a diff. */
export interface MutablePickDiff extends PickDiff {
  readonly added: Map<string, Pick>;
  readonly removed: Map<string, Pick>;
  readonly updated: Map<string, readonly [Pick, Pick]>;
}

/** A diff that cannot be applied to (or squashed with) the state it is given: a program error. */
export class PickDiffError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PickDiffError';
  }
}

export function emptyDiff(): MutablePickDiff {
  return { added: new Map(), removed: new Map(), updated: new Map() };
}

export function isEmptyDiff(diff: PickDiff): boolean {
  return diff.added.size === 0 && diff.removed.size === 0 && diff.updated.size === 0;
}

/** Number of picks the diff touches. */
export function diffSize(diff: PickDiff): number {
  return diff.added.size + diff.removed.size + diff.updated.size;
}

const PICK_FIELDS = ['id', 'tomogram', 'x', 'y', 'z', 'classId', 'score', 'source', 'status'] as const;

/** Field-by-field equality (picks are flat records). */
export function samePick(a: Pick, b: Pick): boolean {
  if (a === b) return true;
  return PICK_FIELDS.every((field) => a[field] === b[field]);
}

/**
 * Returns a new collection with the diff applied (sharing untouched picks); `map` is unchanged. Throws PickDiffError when the
 * diff does not fit the map (adding an id that exists, removing or updating one that does not or
 * whose value differs from the diff's "before"), so a stale diff never silently corrupts picks.
 */
export function applyDiff(map: PickMap, diff: PickDiff): PickCollection {
  const next = PickCollection.of(map).draft();
  for (const [id, before] of diff.removed) {
    expectCurrent(next, id, before, 'remove');
    next.delete(id);
  }
  for (const [id, [before, after]] of diff.updated) {
    expectCurrent(next, id, before, 'update');
    next.set(id, after);
  }
  for (const [id, pick] of diff.added) {
    if (next.has(id)) throw new PickDiffError(`cannot add pick "${id}": a pick with this id exists`);
    next.set(id, pick);
  }
  return next.commit();
}

function expectCurrent(map: { get(id: string): Pick | undefined }, id: string, expected: Pick, action: string): void {
  const current = map.get(id);
  if (current === undefined) throw new PickDiffError(`cannot ${action} pick "${id}": no pick with this id`);
  if (!samePick(current, expected)) {
    throw new PickDiffError(`cannot ${action} pick "${id}": it changed since the diff was made`);
  }
}

/**
 * The diff that undoes `diff`. It shares `diff`'s added/removed maps (diffs are not changed once
 * made; squashInto only writes to diffs its caller owns), so inverting costs O(updated).
 */
export function invertDiff(diff: PickDiff): PickDiff {
  const updated = new Map<string, readonly [Pick, Pick]>();
  for (const [id, [before, after]] of diff.updated) updated.set(id, [after, before]);
  return { added: diff.removed, removed: diff.added, updated };
}

/** A mutable copy (the maps are copied; picks and [before, after] pairs are shared, never mutated). */
export function copyDiff(diff: PickDiff): MutablePickDiff {
  return { added: new Map(diff.added), removed: new Map(diff.removed), updated: new Map(diff.updated) };
}

/** `a` then `b` as one diff; neither input is changed. */
export function squashDiffs(a: PickDiff, b: PickDiff): PickDiff {
  const result = copyDiff(a);
  squashInto(result, b);
  return result;
}

/**
 * Folds `next` (made after `target`) into `target` in place. Rules, per id:
 * add→update = add(after); add→remove = nothing; remove→add = update(removed, added) or nothing
 * when equal; update→update = update(first before, last after) or nothing when back to the
 * start; update→remove = remove(first before). Anything else (add twice, remove twice, update
 * after remove) means the diffs do not follow each other and throws PickDiffError.
 */
export function squashInto(target: MutablePickDiff, next: PickDiff): void {
  for (const [id, removedPick] of next.removed) {
    if (target.added.delete(id)) continue;
    if (target.removed.has(id)) throw new PickDiffError(`cannot squash: pick "${id}" removed twice`);
    const earlier = target.updated.get(id);
    if (earlier) {
      target.updated.delete(id);
      target.removed.set(id, earlier[0]);
    } else {
      target.removed.set(id, removedPick);
    }
  }
  for (const [id, [before, after]] of next.updated) {
    if (target.removed.has(id)) throw new PickDiffError(`cannot squash: pick "${id}" updated after removal`);
    if (target.added.has(id)) {
      target.added.set(id, after);
      continue;
    }
    const first = target.updated.get(id)?.[0] ?? before;
    if (samePick(first, after)) target.updated.delete(id);
    else target.updated.set(id, [first, after]);
  }
  for (const [id, pick] of next.added) {
    if (target.added.has(id) || target.updated.has(id)) {
      throw new PickDiffError(`cannot squash: pick "${id}" added while it exists`);
    }
    const removedEarlier = target.removed.get(id);
    if (removedEarlier === undefined) {
      target.added.set(id, pick);
      continue;
    }
    target.removed.delete(id);
    if (!samePick(removedEarlier, pick)) target.updated.set(id, [removedEarlier, pick]);
  }
}
