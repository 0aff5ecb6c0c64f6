/**
 * Where the correction review's pending fixes show in a slice view: add at the suggested position,
 * remove and relabel on the questioned pick as it is now (it may have been moved since), each with
 * the sphere radius of the class it concerns. Accepted and rejected fixes, and fixes whose pick is
 * gone, show nothing: only what is still to decide is drawn.
 */
import { fixStatus, type LabelFix } from './correction-decisions.ts';
import { crossSections, type CrossSection, type SliceAxis } from './cross-section.ts';
import type { PickMap } from './pick-collection.ts';
import type { FixList } from './review-document.ts';

export type FixMark = CrossSection<LabelFix>;

/**
 * The pending fixes of `list`, each placed where it is drawn: add at the suggested position, remove
 * and relabel on the questioned pick as it is now. Used by the slice views and the 3D view alike.
 */
export function placedPendingFixes(list: FixList, picks: PickMap): LabelFix[] {
  const placed: LabelFix[] = [];
  for (const fix of list.fixes) {
    if (fixStatus(picks, list.rejected, fix) !== 'pending') continue;
    if (fix.kind === 'add') {
      placed.push(fix);
      continue;
    }
    const pick = fix.pickId === undefined ? undefined : picks.get(fix.pickId);
    if (pick) placed.push({ ...fix, x: pick.x, y: pick.y, z: pick.z });
  }
  return placed;
}

/** Cross-sections of the pending fixes of `list` at `depth`; `radiusOf` gives a class's radius in voxels. */
export function fixMarks(list: FixList, picks: PickMap, axis: SliceAxis, depth: number, radiusOf: (classId: number) => number): FixMark[] {
  // classId is the doubted pick's class (remove) or the class after the fix (add, relabel).
  return crossSections(placedPendingFixes(list, picks), axis, depth, (fix) => radiusOf(fix.classId));
}
