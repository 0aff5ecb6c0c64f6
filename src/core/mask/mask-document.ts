/**
 * Painted masks as records of the picks document (issue 4: "a user-painted exclusion mask"), one
 * per tomogram, changed by diffs of whole records (before → after, by reference) like the
 * correction review's fix lists: painting a stroke or clearing the mask is one entry of the picks
 * store's one history, so Ctrl+Z takes back a stroke in turn with pick and class edits.
 */
import { checkStroke, type ExclusionMask, type MaskStroke } from './stroke.ts';

/** Painted masks by tomogram id. */
export type MaskMap = ReadonlyMap<string, ExclusionMask>;

/** tomogram id → [mask before, mask after]; undefined = no strokes. */
export type MaskDiff = ReadonlyMap<string, readonly [ExclusionMask | undefined, ExclusionMask | undefined]>;

export const EMPTY_MASK_DIFF: MaskDiff = new Map();

export class MaskDiffError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MaskDiffError';
  }
}

export function isEmptyMaskDiff(diff: MaskDiff): boolean {
  return diff.size === 0;
}

export function invertMaskDiff(diff: MaskDiff): MaskDiff {
  return new Map([...diff].map(([id, [before, after]]) => [id, [after, before] as const]));
}

/** Same strokes in the same order (strokes never change, so by reference). */
export function sameMask(a: ExclusionMask | undefined, b: ExclusionMask | undefined): boolean {
  if (a === b) return true;
  if (!a || !b) return false;
  return a.tomogramId === b.tomogramId && a.strokes.length === b.strokes.length && a.strokes.every((s, i) => s === b.strokes[i]);
}

/** A new map with the diff applied; throws when a mask is not the diff's "before" (a stale diff). */
export function applyMaskDiff(map: MaskMap, diff: MaskDiff): MaskMap {
  if (diff.size === 0) return map;
  const next = new Map(map);
  for (const [tomogramId, [before, after]] of diff) {
    if (!sameMask(next.get(tomogramId), before)) throw new MaskDiffError(`cannot change the painted mask of "${tomogramId}": it changed since the diff was made`);
    if (after === undefined) next.delete(tomogramId);
    else next.set(tomogramId, after);
  }
  return next;
}

/** Folds `next` (made after `target`) into `target` in place; a mask back where it began leaves the diff. */
export function squashMaskInto(target: Map<string, readonly [ExclusionMask | undefined, ExclusionMask | undefined]>, next: MaskDiff): void {
  for (const [id, [before, after]] of next) {
    const first = target.has(id) ? target.get(id)![0] : before;
    if (sameMask(first, after)) target.delete(id);
    else target.set(id, [first, after]);
  }
}

/** Appends a stroke to the mask of `tomogramId`; a bad stroke throws MaskStrokeError. */
export function addStrokeDiff(map: MaskMap, tomogramId: string, stroke: MaskStroke): MaskDiff {
  checkStroke(stroke);
  const before = map.get(tomogramId);
  const after: ExclusionMask = { tomogramId, strokes: [...(before?.strokes ?? []), stroke] };
  return new Map([[tomogramId, [before, after] as const]]);
}

/** Removes every stroke of `tomogramId`; empty when it has none. */
export function clearMaskDiff(map: MaskMap, tomogramId: string): MaskDiff {
  const before = map.get(tomogramId);
  return before ? new Map([[tomogramId, [before, undefined] as const]]) : EMPTY_MASK_DIFF;
}
