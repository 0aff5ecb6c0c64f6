/**
 * Class definitions as records of the project document (issue 3: "undo/redo of every edit … as
 * diffs in one history"). A class changes by a diff of whole records (id → [before, after]), like
 * picks and fix lists, so the picks store's one History undoes "rename class" in turn with
 * "add pick". Records are compared by value, not reference: a restored project holds equal copies.
 *
 * The class list keeps its order (keys 1–9 pick the n-th class); a class that comes back (undo of
 * an add being redone) goes before the first class of a larger id, where addClass had put it.
 */
import { nextDistinctColor } from './class-colors.ts';
import type { ClassDef } from './pick.ts';

/** class id → [record before, record after]; undefined = no such class. */
export type ClassDiff = ReadonlyMap<number, readonly [ClassDef | undefined, ClassDef | undefined]>;
type MutableClassDiff = Map<number, readonly [ClassDef | undefined, ClassDef | undefined]>;

/** What a class edit may change. */
export type ClassChange = Partial<Omit<ClassDef, 'id'>>;

export const EMPTY_CLASS_DIFF: ClassDiff = new Map();

export class ClassEditError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ClassEditError';
  }
}

export function sameClass(a: ClassDef | undefined, b: ClassDef | undefined): boolean {
  if (a === b) return true;
  if (!a || !b) return false;
  return a.id === b.id && a.name === b.name && a.color === b.color && a.radiusAngstrom === b.radiusAngstrom && Boolean(a.hidden) === Boolean(b.hidden);
}

export function isEmptyClassDiff(diff: ClassDiff): boolean {
  return diff.size === 0;
}

export function invertClassDiff(diff: ClassDiff): ClassDiff {
  return new Map([...diff].map(([id, [before, after]]) => [id, [after, before] as const]));
}

/** Folds `next` (made after `target`) into `target` in place; a class back where it began leaves the diff. */
export function squashClassInto(target: MutableClassDiff, next: ClassDiff): void {
  for (const [id, [before, after]] of next) {
    const first = target.has(id) ? target.get(id)![0] : before;
    if (sameClass(first, after)) target.delete(id);
    else target.set(id, [first, after]);
  }
}

/** A new list with the diff applied; throws when a class is not the diff's "before" (a stale diff). */
export function applyClassDiff(classes: readonly ClassDef[], diff: ClassDiff): readonly ClassDef[] {
  if (diff.size === 0) return classes;
  let next = [...classes];
  for (const [id, [before, after]] of diff) {
    const index = next.findIndex((c) => c.id === id);
    if (!sameClass(index < 0 ? undefined : next[index], before)) throw new ClassEditError(`cannot change class ${id}: it changed since the edit was made`);
    if (after === undefined) next = next.filter((c) => c.id !== id);
    else if (index >= 0) next[index] = after;
    else {
      const at = next.findIndex((c) => c.id > id);
      next.splice(at < 0 ? next.length : at, 0, after);
    }
  }
  return next;
}

function checkFields(c: ClassDef, what: string): void {
  if (!Number.isInteger(c.id) || c.id < 1) throw new ClassEditError(`${what}: a class id is an integer ≥ 1, got ${c.id}`);
  if (typeof c.name !== 'string' || c.name.trim() === '') throw new ClassEditError(`${what}: a class needs a name`);
  if (typeof c.color !== 'string' || c.color.trim() === '') throw new ClassEditError(`${what}: a class needs a colour`);
  if (!Number.isFinite(c.radiusAngstrom) || c.radiusAngstrom <= 0) throw new ClassEditError(`${what}: the radius must be a positive number of Å, got ${c.radiusAngstrom}`);
}

/** Adds classes; ids already in use (or repeated) are an error. */
export function addClassesDiff(classes: readonly ClassDef[], added: readonly ClassDef[]): ClassDiff {
  const used = new Set(classes.map((c) => c.id));
  const diff: MutableClassDiff = new Map();
  for (const c of added) {
    checkFields(c, `class "${c.name}"`);
    if (used.has(c.id)) throw new ClassEditError(`class id ${c.id} ("${c.name}") is already used`);
    used.add(c.id);
    diff.set(c.id, [undefined, { ...c }]);
  }
  return diff;
}

/** A new class with the next free id, a colour distinct from the others and 100 Å unless `init` says otherwise. */
export function newClass(classes: readonly ClassDef[], init: ClassChange = {}): ClassDef {
  const id = classes.reduce((m, c) => Math.max(m, c.id), 0) + 1;
  return { id, name: `class ${id}`, color: nextDistinctColor(classes.map((c) => c.color)), radiusAngstrom: 100, ...init };
}

/** Changes fields of one class; empty when nothing changes. Unknown ids and invalid values are errors. */
export function updateClassDiff(classes: readonly ClassDef[], id: number, change: ClassChange): ClassDiff {
  const before = classes.find((c) => c.id === id);
  if (!before) throw new ClassEditError(`no class with id ${id}`);
  const after: ClassDef = { ...before, ...change, id };
  if (!after.hidden) delete after.hidden;
  checkFields(after, `class ${id}`);
  return sameClass(before, after) ? EMPTY_CLASS_DIFF : new Map([[id, [before, after] as const]]);
}

/** Removes one class record; its picks are the caller's to remove in the same gesture (picks-store deleteClass). */
export function deleteClassDiff(classes: readonly ClassDef[], id: number): ClassDiff {
  const before = classes.find((c) => c.id === id);
  if (!before) throw new ClassEditError(`no class with id ${id}`);
  return new Map([[id, [before, undefined] as const]]);
}

/** Undo label of a one-class change, e.g. "rename class" or "hide class ribosome". */
export function classChangeLabel(change: ClassChange): string {
  const fields = Object.keys(change).filter((k) => change[k as keyof ClassChange] !== undefined);
  if (fields.length !== 1) return 'edit class';
  switch (fields[0]) {
    case 'name':
      return 'rename class';
    case 'color':
      return 'recolour class';
    case 'radiusAngstrom':
      return 'change class radius';
    case 'hidden':
      return change.hidden ? 'hide class' : 'show class';
    default:
      return 'edit class';
  }
}
