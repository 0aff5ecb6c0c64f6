/**
 * A change of the picks store's document: its picks and its correction-review records, undone and
 * redone together by one History (tldraw's one store diff over every record type).
 */
import type { DiffOps } from './history.ts';
import { copyDiff, diffSize, emptyDiff, invertDiff, isEmptyDiff, squashInto, type MutablePickDiff, type PickDiff } from './pick-diff.ts';
import { EMPTY_REVIEW_DIFF, invertReviewDiff, isEmptyReviewDiff, squashReviewInto, type FixList, type ReviewDiff } from './review-document.ts';

export interface DocumentDiff {
  readonly picks: PickDiff;
  readonly review: ReviewDiff;
}

export function picksOnly(picks: PickDiff): DocumentDiff {
  return { picks, review: EMPTY_REVIEW_DIFF };
}

export function reviewOnly(review: ReviewDiff): DocumentDiff {
  return { picks: emptyDiff(), review };
}

export function isEmptyDocumentDiff(diff: DocumentDiff): boolean {
  return isEmptyDiff(diff.picks) && isEmptyReviewDiff(diff.review);
}

export const DOCUMENT_DIFF_OPS: DiffOps<DocumentDiff> = {
  isEmpty: isEmptyDocumentDiff,
  invert: (d) => ({ picks: invertDiff(d.picks), review: invertReviewDiff(d.review) }),
  // The copy owns its maps, so squashInto may write to them.
  copy: (d) => ({ picks: copyDiff(d.picks), review: new Map(d.review) }),
  squashInto: (target, next) => {
    squashInto(target.picks as MutablePickDiff, next.picks);
    squashReviewInto(target.review as Map<string, readonly [FixList | undefined, FixList | undefined]>, next.review);
  },
  size: (d) => diffSize(d.picks) + d.review.size,
};
