/**
 * The picks of the project and their undo history (DESIGN.md §3: every user gesture, bulk ones,
 * imports and model output included, is one undoable diff). A vanilla zustand store, so it runs
 * in Node tests and workers alike; React binds it with `useStore(picksStore, selector)`.
 *
 * Each action computes a diff with the pure edit functions of core/picks/edits.ts, applies it,
 * and records it as one history entry labelled for the UI ("Undo: accept 120 picks"). Actions
 * throw PickEditError for bad requests (unknown id, non-finite coordinate) and change nothing.
 *
 * The document also holds the correction review's fix lists (core/picks/review-document.ts): a
 * rejection or a new list is a diff of the same history, so Ctrl+Z undoes it in turn with pick
 * edits, and the lists are saved with the picks. Session-only review state (threshold, focus) is
 * in correction-store.ts.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import {
  addPick,
  applyModelOutput,
  deletePicks,
  importPicks,
  movePick,
  reviewByScore,
  setClass,
  setStatus,
  type ImportOptions,
  type ImportRecord,
  type ModelOutput,
  type NewPick,
  type PickPosition,
  type ScoreReview,
} from '../core/picks/edits.ts';
import { acceptFixes, type LabelFix } from '../core/picks/correction-decisions.ts';
import { DOCUMENT_DIFF_OPS, isEmptyDocumentDiff, picksOnly, reviewOnly, type DocumentDiff } from '../core/picks/document-diff.ts';
import { History, type HistoryOptions } from '../core/picks/history.ts';
import { applyReviewDiff, replaceListDiff, setRejectedDiff, type FixList, type ReviewMap } from '../core/picks/review-document.ts';
import { pickMapOf, type PickMap } from '../core/picks/pick-collection.ts';
import { applyDiff, type PickDiff } from '../core/picks/pick-diff.ts';
import { countByClass, picksOfTomogram, type ClassCount } from '../core/picks/pick-queries.ts';
import type { Pick, PickStatus } from '../core/picks/pick.ts';

export interface HistoryStatus {
  canUndo: boolean;
  canRedo: boolean;
  /** e.g. "move pick": the UI shows "Undo: move pick". */
  undoLabel: string | undefined;
  redoLabel: string | undefined;
}

/** What an action changed, for status messages. */
export interface EditSummary {
  added: number;
  removed: number;
  updated: number;
}

export interface PicksState {
  picks: PickMap;
  /** The correction review's fix lists, by tomogram id. */
  review: ReviewMap;
  history: HistoryStatus;
  /** Returns the new pick's id. */
  addPick(input: NewPick): string;
  /** `continueGesture`: true for the 2nd and later updates of one drag, so the drag undoes at once. */
  movePick(id: string, to: PickPosition, options?: { continueGesture?: boolean }): void;
  deletePicks(ids: Iterable<string>): EditSummary;
  setClass(ids: Iterable<string>, classId: number): EditSummary;
  setStatus(ids: Iterable<string>, status: PickStatus): EditSummary;
  reviewByScore(review: ScoreReview): EditSummary;
  importPicks(records: readonly ImportRecord[], options?: ImportOptions): EditSummary;
  applyModelOutput(output: ModelOutput): EditSummary;
  /** Accepts label fixes of the correction review (core/picks/correction-decisions.ts) as one step. */
  acceptFixes(fixes: readonly LabelFix[]): EditSummary;
  /** Replaces (undefined: drops) the fix list of a tomogram, undoably. */
  setFixList(tomogramId: string, list: FixList | undefined): void;
  /** Rejects fixes of a tomogram's list, or (rejected false) puts them back to pending, as one step. */
  setFixesRejected(tomogramId: string, fixIds: Iterable<string>, rejected: boolean): void;
  /** Returns false when there was nothing to undo. */
  undo(): boolean;
  redo(): boolean;
  /** Replaces all picks (opening a project): not undoable, clears the history. */
  loadPicks(picks: Iterable<Pick>): void;
  /** Replaces the fix lists of the given tomograms (undefined: none), as loadPicks: not undoable, clears the history. */
  loadReview(lists: ReadonlyMap<string, FixList | undefined>): void;
}

export type PicksStore = StoreApi<PicksState>;

function statusOf(history: History<DocumentDiff>): HistoryStatus {
  return {
    canUndo: history.canUndo,
    canRedo: history.canRedo,
    undoLabel: history.undoLabel,
    redoLabel: history.redoLabel,
  };
}

function summaryOf(diff: PickDiff): EditSummary {
  return { added: diff.added.size, removed: diff.removed.size, updated: diff.updated.size };
}

function plural(n: number, noun: string): string {
  return `${n.toLocaleString('en-US')} ${noun}${n === 1 ? '' : 's'}`;
}

function labelFixes(n: number): string {
  return n === 1 ? 'label fix' : `${n.toLocaleString('en-US')} label fixes`;
}

const STATUS_VERB: Record<PickStatus, string> = { accepted: 'accept', rejected: 'reject', candidate: 'reset' };

export function createPicksStore(options: HistoryOptions & { picks?: Iterable<Pick> } = {}): PicksStore {
  const history = new History<DocumentDiff>(options, DOCUMENT_DIFF_OPS);

  return createStore<PicksState>()((set, get) => {
    /** Applies and records one gesture; empty diffs change nothing and leave no entry. */
    function commitDocument(label: string, diff: DocumentDiff, continueGesture = false): void {
      if (isEmptyDocumentDiff(diff)) return;
      const state = get();
      // Both parts are applied before anything is set, so a stale diff changes nothing.
      const picks = applyDiff(state.picks, diff.picks);
      const review = applyReviewDiff(state.review, diff.review);
      if (!continueGesture || !history.hasOpenGesture) history.mark(label);
      history.record(diff);
      set({ picks, review, history: statusOf(history) });
    }

    function commit(label: string, diff: PickDiff, continueGesture = false): EditSummary {
      commitDocument(label, picksOnly(diff), continueGesture);
      return summaryOf(diff);
    }

    function replay(entry: { diff: DocumentDiff } | undefined): boolean {
      if (!entry) return false;
      const state = get();
      set({ picks: applyDiff(state.picks, entry.diff.picks), review: applyReviewDiff(state.review, entry.diff.review), history: statusOf(history) });
      return true;
    }

    return {
      picks: pickMapOf(options.picks ?? []),
      review: new Map(),
      history: statusOf(history),
      addPick(input) {
        const diff = addPick(get().picks, input);
        commit('add pick', diff);
        const [id] = diff.added.keys();
        return id!;
      },
      movePick(id, to, moveOptions) {
        commit('move pick', movePick(get().picks, id, to), moveOptions?.continueGesture);
      },
      deletePicks(ids) {
        const diff = deletePicks(get().picks, ids);
        return commit(`delete ${plural(diff.removed.size, 'pick')}`, diff);
      },
      setClass(ids, classId) {
        const diff = setClass(get().picks, ids, classId);
        return commit(`set class of ${plural(diff.updated.size, 'pick')}`, diff);
      },
      setStatus(ids, status) {
        const diff = setStatus(get().picks, ids, status);
        return commit(`${STATUS_VERB[status]} ${plural(diff.updated.size, 'pick')}`, diff);
      },
      reviewByScore(review) {
        const diff = reviewByScore(get().picks, review);
        return commit(`${STATUS_VERB[review.status]} ${plural(diff.updated.size, 'pick')} by score`, diff);
      },
      importPicks(records, importOptions) {
        const diff = importPicks(get().picks, records, importOptions);
        return commit(`import ${plural(diff.added.size, 'pick')}`, diff);
      },
      applyModelOutput(output) {
        const diff = applyModelOutput(get().picks, output);
        const what = output.source === 'model' ? 'model output' : 'proposals';
        return commit(`apply ${what} (${plural(diff.added.size, 'candidate')})`, diff);
      },
      acceptFixes(fixes) {
        const diff = acceptFixes(get().picks, fixes);
        return commit(`accept ${labelFixes(diff.added.size + diff.updated.size)}`, diff);
      },
      setFixList(tomogramId, list) {
        const label = list ? `suggest ${labelFixes(list.fixes.length)}` : 'clear label fixes';
        commitDocument(label, reviewOnly(replaceListDiff(get().review, tomogramId, list)));
      },
      setFixesRejected(tomogramId, fixIds, rejected) {
        const ids = [...fixIds];
        const diff = setRejectedDiff(get().review, tomogramId, ids, rejected);
        commitDocument(`${rejected ? 'reject' : 'restore'} ${labelFixes(ids.length)}`, reviewOnly(diff));
      },
      undo: () => replay(history.undo()),
      redo: () => replay(history.redo()),
      loadPicks(picks) {
        const map = pickMapOf(picks);
        history.clear();
        set({ picks: map, history: statusOf(history) });
      },
      loadReview(lists) {
        const review = new Map(get().review);
        for (const [tomogramId, list] of lists) {
          if (list === undefined) review.delete(tomogramId);
          else if (list.tomogramId !== tomogramId) throw new Error(`a fix list of "${list.tomogramId}" cannot be loaded as the list of "${tomogramId}"`);
          else review.set(tomogramId, list);
        }
        history.clear();
        set({ review, history: statusOf(history) });
      },
    };
  });
}

/** The app's store. Tests create their own with createPicksStore(). */
export const picksStore = createPicksStore();

// Selectors return the same array for the same picks map, as useStore/useSyncExternalStore needs.
const byTomogramCache = new WeakMap<PickMap, Map<string, readonly Pick[]>>();
const countsCache = new WeakMap<PickMap, Map<string, readonly ClassCount[]>>();

function memo<T>(cache: WeakMap<PickMap, Map<string, T>>, picks: PickMap, key: string, compute: () => T): T {
  let perMap = cache.get(picks);
  if (!perMap) {
    perMap = new Map();
    cache.set(picks, perMap);
  }
  let value = perMap.get(key);
  if (value === undefined) {
    value = compute();
    perMap.set(key, value);
  }
  return value;
}

export function selectPicksOfTomogram(state: { picks: PickMap }, tomogram: string): readonly Pick[] {
  return memo(byTomogramCache, state.picks, tomogram, () => picksOfTomogram(state.picks, tomogram));
}

/** Counts per class (total and per status), of one tomogram or, without one, of all. */
export function selectClassCounts(state: { picks: PickMap }, tomogram?: string): readonly ClassCount[] {
  // Prefixed so that no tomogram name can collide with the "all tomograms" key.
  const key = tomogram === undefined ? '*' : `t:${tomogram}`;
  return memo(countsCache, state.picks, key, () => countByClass(state.picks, tomogram === undefined ? {} : { tomogram }));
}
