/**
 * The correction review as records of the project document (issue 6: "every decision undoable and
 * saved"): one fix list per tomogram, holding the fixes a model suggested and the ones the user
 * rejected. Accepted fixes are pick edits (correction-decisions.ts), so a list record only carries
 * rejections. Lists change by diffs of whole records (before → after, by reference), like picks, so
 * the picks store's one history undoes a rejection, and a new list, as it undoes a pick edit.
 */
import type { LabelFix } from './correction-decisions.ts';

export interface FixList {
  tomogramId: string;
  modelName: string;
  /** Ranked, most confident first. */
  fixes: readonly LabelFix[];
  /** Ids of fixes the user rejected. */
  rejected: ReadonlySet<string>;
}

/** Fix lists by tomogram id. */
export type ReviewMap = ReadonlyMap<string, FixList>;

/** tomogram id → [list before, list after]; undefined = no list. */
export type ReviewDiff = ReadonlyMap<string, readonly [FixList | undefined, FixList | undefined]>;

export const EMPTY_REVIEW_DIFF: ReviewDiff = new Map();

export class ReviewDiffError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ReviewDiffError';
  }
}

export function isEmptyReviewDiff(diff: ReviewDiff): boolean {
  return diff.size === 0;
}

/** A new map with the diff applied; throws when a list is not the diff's "before" (a stale diff). */
export function applyReviewDiff(map: ReviewMap, diff: ReviewDiff): ReviewMap {
  if (diff.size === 0) return map;
  const next = new Map(map);
  for (const [tomogramId, [before, after]] of diff) {
    if (next.get(tomogramId) !== before) throw new ReviewDiffError(`cannot change the fix list of "${tomogramId}": it changed since the diff was made`);
    if (after === undefined) next.delete(tomogramId);
    else next.set(tomogramId, after);
  }
  return next;
}

export function invertReviewDiff(diff: ReviewDiff): ReviewDiff {
  return new Map([...diff].map(([id, [before, after]]) => [id, [after, before] as const]));
}

/** Same list content: the same fixes (by reference: a list's fixes never change) and the same rejections. */
export function sameFixList(a: FixList | undefined, b: FixList | undefined): boolean {
  if (a === b) return true;
  if (!a || !b) return false;
  return a.tomogramId === b.tomogramId && a.modelName === b.modelName && a.fixes === b.fixes && a.rejected.size === b.rejected.size && [...a.rejected].every((id) => b.rejected.has(id));
}

/** Folds `next` (made after `target`) into `target` in place; a list back to where it began leaves the diff. */
export function squashReviewInto(target: Map<string, readonly [FixList | undefined, FixList | undefined]>, next: ReviewDiff): void {
  for (const [id, [before, after]] of next) {
    const first = target.has(id) ? target.get(id)![0] : before;
    if (sameFixList(first, after)) target.delete(id);
    else target.set(id, [first, after]);
  }
}

/** Replaces the list of `tomogramId` (undefined: drops it). */
export function replaceListDiff(map: ReviewMap, tomogramId: string, list: FixList | undefined): ReviewDiff {
  if (list !== undefined && list.tomogramId !== tomogramId) throw new ReviewDiffError(`a fix list of "${list.tomogramId}" cannot be the list of "${tomogramId}"`);
  const before = map.get(tomogramId);
  return before === list ? EMPTY_REVIEW_DIFF : new Map([[tomogramId, [before, list] as const]]);
}

/** Marks fixes of one list rejected (or pending again); empty when nothing changes. Throws for unknown ids. */
export function setRejectedDiff(map: ReviewMap, tomogramId: string, fixIds: Iterable<string>, rejected: boolean): ReviewDiff {
  const before = map.get(tomogramId);
  if (!before) throw new ReviewDiffError(`tomogram "${tomogramId}" has no fix list`);
  const next = new Set(before.rejected);
  for (const id of fixIds) {
    if (!before.fixes.some((f) => f.id === id)) throw new ReviewDiffError(`no fix "${id}" in the fix list of "${tomogramId}"`);
    if (rejected) next.add(id);
    else next.delete(id);
  }
  const after = { ...before, rejected: next };
  return sameFixList(before, after) ? EMPTY_REVIEW_DIFF : new Map([[tomogramId, [before, after] as const]]);
}
