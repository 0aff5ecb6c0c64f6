import { describe, expect, it } from 'vitest';
import type { LabelFix } from './correction-decisions.ts';
import { DOCUMENT_DIFF_OPS, reviewOnly } from './document-diff.ts';
import { applyReviewDiff, invertReviewDiff, replaceListDiff, ReviewDiffError, setRejectedDiff, squashReviewInto, type FixList, type ReviewMap } from './review-document.ts';

const fix = (id: string): LabelFix => ({ id, tomogram: 't', kind: 'add', x: 1, y: 1, z: 1, classId: 1, confidence: 0.4, voxels: 9 });
const list: FixList = { tomogramId: 't', modelName: 'm', fixes: [fix('a'), fix('b')], rejected: new Set() };

describe('review document diffs', () => {
  it('replaces, rejects, inverts and refuses a stale diff', () => {
    const empty: ReviewMap = new Map();
    const add = replaceListDiff(empty, 't', list);
    const withList = applyReviewDiff(empty, add);
    expect(withList.get('t')).toBe(list);
    expect(replaceListDiff(withList, 't', list).size).toBe(0);
    const reject = setRejectedDiff(withList, 't', ['b'], true);
    const rejected = applyReviewDiff(withList, reject);
    expect([...rejected.get('t')!.rejected]).toEqual(['b']);
    expect(withList.get('t')!.rejected.size).toBe(0); // records are never changed in place
    expect(setRejectedDiff(rejected, 't', ['b'], true).size).toBe(0);
    expect(applyReviewDiff(rejected, invertReviewDiff(reject)).get('t')).toBe(list);
    expect(() => applyReviewDiff(withList, invertReviewDiff(reject))).toThrow(ReviewDiffError);
    expect(() => applyReviewDiff(empty, reject)).toThrow(/changed since the diff was made/);
  });

  it('squashes a gesture, and a change undone within it leaves nothing', () => {
    const withList: ReviewMap = new Map([['t', list]]);
    const reject = setRejectedDiff(withList, 't', ['a'], true);
    const after = applyReviewDiff(withList, reject);
    const restore = setRejectedDiff(after, 't', ['a'], false);
    const target = new Map(reject);
    squashReviewInto(target, restore);
    expect(target.size).toBe(0);
    const both = DOCUMENT_DIFF_OPS.copy(reviewOnly(reject));
    DOCUMENT_DIFF_OPS.squashInto(both, reviewOnly(replaceListDiff(after, 't', undefined)));
    expect(both.review.get('t')).toEqual([list, undefined]);
    expect(DOCUMENT_DIFF_OPS.size(both)).toBe(1);
    expect(DOCUMENT_DIFF_OPS.isEmpty(DOCUMENT_DIFF_OPS.copy(reviewOnly(target)))).toBe(true);
  });
});
