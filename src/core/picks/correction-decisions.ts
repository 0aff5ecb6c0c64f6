/**
 * Accepting label fixes suggested by the label-correction network (issue 6's correction review)
 * as pick edits:
 *   - add     → a new pick (source 'corrected', status 'accepted', score = the fix's confidence),
 *               with an id fixed by the fix, so the review can tell it was accepted;
 *   - remove  → the questioned pick becomes 'rejected' (kept, but no longer a training label);
 *   - relabel → the questioned pick gets the suggested class (and counts as reviewed).
 * Whether a fix is accepted is read back from the picks (`isFixApplied`), so undoing the edit puts
 * the fix back to pending with no second record to keep in step.
 */
import type { Suggestion } from '../labels/correction-suggestions.ts';
import type { PickMap } from './pick-collection.ts';
import { emptyDiff, type PickDiff } from './pick-diff.ts';
import type { Pick } from './pick.ts';

/** A suggestion tied to the project: which tomogram, and which pick it questions. */
export interface LabelFix extends Suggestion {
  /** Unique per suggestion list; an accepted add becomes the pick with id `addedPickId(fix)`. */
  id: string;
  tomogram: string;
  /** The questioned pick (remove, relabel). */
  pickId?: string;
}

export function addedPickId(fix: LabelFix): string {
  return `fix-${fix.id}`;
}

function questionedPick(map: PickMap, fix: LabelFix): Pick | undefined {
  return fix.pickId === undefined ? undefined : map.get(fix.pickId);
}

/** True when the picks already carry the fix (accepted, or the same edit made by hand). */
export function isFixApplied(map: PickMap, fix: LabelFix): boolean {
  if (fix.kind === 'add') return map.has(addedPickId(fix));
  const pick = questionedPick(map, fix);
  if (!pick) return false;
  return fix.kind === 'remove' ? pick.status === 'rejected' : pick.classId === fix.classId;
}

/**
 * The edit that accepts `fixes` (one diff, so a bulk accept undoes at once). Fixes already applied
 * are skipped; a fix whose pick is gone is skipped too (nothing left to fix), and two fixes of the
 * same pick keep the first (the list is ranked, most confident first).
 */
export function acceptFixes(map: PickMap, fixes: readonly LabelFix[]): PickDiff {
  const diff = emptyDiff();
  for (const fix of fixes) {
    if (isFixApplied(map, fix)) continue;
    if (fix.kind === 'add') {
      const id = addedPickId(fix);
      diff.added.set(id, { id, tomogram: fix.tomogram, x: fix.x, y: fix.y, z: fix.z, classId: fix.classId, score: fix.confidence, source: 'corrected', status: 'accepted' });
      continue;
    }
    const before = questionedPick(map, fix);
    if (!before || diff.updated.has(before.id)) continue;
    const after: Pick = fix.kind === 'remove' ? { ...before, status: 'rejected' } : { ...before, classId: fix.classId, status: before.status === 'candidate' ? 'accepted' : before.status };
    diff.updated.set(before.id, [before, after]);
  }
  return diff;
}

/**
 * Ties suggestions (pickIndex = position in `pickIds`, the picks the suggestions were computed
 * from) to the project; `listId` makes the ids unique across suggestion runs.
 */
export function toLabelFixes(suggestions: readonly Suggestion[], tomogram: string, pickIds: readonly string[], listId: string): LabelFix[] {
  return suggestions.map((s, i) => {
    const pickId = s.pickIndex === undefined ? undefined : pickIds[s.pickIndex];
    if (s.pickIndex !== undefined && pickId === undefined) throw new Error(`suggestion ${i} questions pick ${s.pickIndex}, but only ${pickIds.length} picks were sent`);
    return { ...s, id: `${listId}-${i}`, tomogram, ...(pickId !== undefined ? { pickId } : {}) };
  });
}

export type FixStatus = 'pending' | 'accepted' | 'rejected';

/** A fix the picks carry is accepted; else rejected when the user said so; else pending. */
export function fixStatus(map: PickMap, rejected: ReadonlySet<string>, fix: LabelFix): FixStatus {
  if (isFixApplied(map, fix)) return 'accepted';
  return rejected.has(fix.id) ? 'rejected' : 'pending';
}

/** Pending fixes with confidence ≥ threshold (what "accept all ≥ threshold" accepts). */
export function pendingAtOrAbove(map: PickMap, rejected: ReadonlySet<string>, fixes: readonly LabelFix[], threshold: number): LabelFix[] {
  return fixes.filter((f) => f.confidence >= threshold && fixStatus(map, rejected, f) === 'pending');
}

/** The next pending fix after `currentId` in list order (wrapping round), or undefined when none is left. */
export function nextPendingFix(map: PickMap, rejected: ReadonlySet<string>, fixes: readonly LabelFix[], currentId: string | undefined): LabelFix | undefined {
  const start = fixes.findIndex((f) => f.id === currentId);
  for (let k = 1; k <= fixes.length; k++) {
    const fix = fixes[(start + k + fixes.length) % fixes.length]!;
    if (fixStatus(map, rejected, fix) === 'pending') return fix;
  }
  return undefined;
}
