/**
 * A change of the picks store's document: its picks, its correction-review records, its class
 * definitions and its painted masks, undone and redone together by one History (tldraw's one store
 * diff over every record type).
 */
import { EMPTY_CLASS_DIFF, invertClassDiff, isEmptyClassDiff, squashClassInto, type ClassDiff } from './class-document.ts';
import { EMPTY_MASK_DIFF, invertMaskDiff, isEmptyMaskDiff, squashMaskInto, type MaskDiff } from '../mask/mask-document.ts';
import type { ExclusionMask } from '../mask/stroke.ts';
import type { ClassDef } from './pick.ts';
import type { DiffOps } from './history.ts';
import { copyDiff, diffSize, emptyDiff, invertDiff, isEmptyDiff, squashInto, type MutablePickDiff, type PickDiff } from './pick-diff.ts';
import { EMPTY_REVIEW_DIFF, invertReviewDiff, isEmptyReviewDiff, squashReviewInto, type FixList, type ReviewDiff } from './review-document.ts';

export interface DocumentDiff {
  readonly picks: PickDiff;
  readonly review: ReviewDiff;
  readonly classes: ClassDiff;
  readonly masks: MaskDiff;
}

export function picksOnly(picks: PickDiff): DocumentDiff {
  return { picks, review: EMPTY_REVIEW_DIFF, classes: EMPTY_CLASS_DIFF, masks: EMPTY_MASK_DIFF };
}

export function reviewOnly(review: ReviewDiff): DocumentDiff {
  return { picks: emptyDiff(), review, classes: EMPTY_CLASS_DIFF, masks: EMPTY_MASK_DIFF };
}

export function classesOnly(classes: ClassDiff): DocumentDiff {
  return { picks: emptyDiff(), review: EMPTY_REVIEW_DIFF, classes, masks: EMPTY_MASK_DIFF };
}

export function masksOnly(masks: MaskDiff): DocumentDiff {
  return { picks: emptyDiff(), review: EMPTY_REVIEW_DIFF, classes: EMPTY_CLASS_DIFF, masks };
}

export function isEmptyDocumentDiff(diff: DocumentDiff): boolean {
  return isEmptyDiff(diff.picks) && isEmptyReviewDiff(diff.review) && isEmptyClassDiff(diff.classes) && isEmptyMaskDiff(diff.masks);
}

export const DOCUMENT_DIFF_OPS: DiffOps<DocumentDiff> = {
  isEmpty: isEmptyDocumentDiff,
  invert: (d) => ({ picks: invertDiff(d.picks), review: invertReviewDiff(d.review), classes: invertClassDiff(d.classes), masks: invertMaskDiff(d.masks) }),
  // The copy owns its maps, so squashInto may write to them.
  copy: (d) => ({ picks: copyDiff(d.picks), review: new Map(d.review), classes: new Map(d.classes), masks: new Map(d.masks) }),
  squashInto: (target, next) => {
    squashInto(target.picks as MutablePickDiff, next.picks);
    squashReviewInto(target.review as Map<string, readonly [FixList | undefined, FixList | undefined]>, next.review);
    squashClassInto(target.classes as Map<number, readonly [ClassDef | undefined, ClassDef | undefined]>, next.classes);
    squashMaskInto(target.masks as Map<string, readonly [ExclusionMask | undefined, ExclusionMask | undefined]>, next.masks);
  },
  size: (d) => diffSize(d.picks) + d.review.size + d.classes.size + d.masks.size,
};
