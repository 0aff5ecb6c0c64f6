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
 *
 * Class definitions are records of the same document (core/picks/class-document.ts): adding,
 * renaming, recolouring, resizing or hiding a class is a diff of this history too. Their storage
 * stays the project store's `classes` (a ClassTable), which a dozen views read; only this store
 * writes it (besides loading a project), so one Ctrl+Z steps back through class and pick edits in
 * the order they were made, with no second undo stack.
 *
 * Painted exclusion masks (core/mask/mask-document.ts) are records of the same document too: one
 * brush stroke, or clearing a tomogram's mask, is one entry, and the masks are saved with the picks.
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
import { addClassesDiff, applyClassDiff, classChangeLabel, deleteClassDiff, newClass, updateClassDiff, type ClassChange } from '../core/picks/class-document.ts';
import { classesOnly, DOCUMENT_DIFF_OPS, isEmptyDocumentDiff, masksOnly, picksOnly, reviewOnly, type DocumentDiff } from '../core/picks/document-diff.ts';
import { addStrokeDiff, applyMaskDiff, clearMaskDiff, type MaskMap } from '../core/mask/mask-document.ts';
import { checkStroke, type ExclusionMask, type MaskStroke } from '../core/mask/stroke.ts';
import { History, type HistoryOptions } from '../core/picks/history.ts';
import { applyReviewDiff, replaceListDiff, setRejectedDiff, type FixList, type ReviewMap } from '../core/picks/review-document.ts';
import { pickMapOf, type PickMap } from '../core/picks/pick-collection.ts';
import { applyDiff, type PickDiff } from '../core/picks/pick-diff.ts';
import { countByClass, picksOfTomogram, type ClassCount } from '../core/picks/pick-queries.ts';
import type { ClassDef, Pick, PickStatus } from '../core/picks/pick.ts';
import { projectClassTable } from './project-store.ts';

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
  /** Painted exclusion masks, by tomogram id. */
  masks: MaskMap;
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
  /** Appends a brush stroke (exclude or erase) to a tomogram's painted mask, as one step. */
  addMaskStroke(tomogramId: string, stroke: MaskStroke): void;
  /** Removes every stroke of a tomogram's painted mask, as one step. */
  clearMask(tomogramId: string): void;
  /** Adds a class with the next free id and a distinct colour (fields of `init` win); returns its id. */
  addClass(init?: ClassChange): number;
  /** Appends classes (e.g. species named by an imported file) as one step; ids already in use are an error. */
  addClasses(classes: readonly ClassDef[]): void;
  /**
   * Changes name, colour, radius or visibility of a class. `continueGesture`: true for the 2nd and
   * later changes of the same field of the same class in one gesture (dragging in a colour picker),
   * so the gesture undoes at once.
   */
  updateClass(id: number, change: ClassChange, options?: { continueGesture?: boolean }): void;
  /**
   * Deletes a class and every pick of it (all tomograms) as one undoable step, so no pick is left
   * with a class the views cannot draw; returns how many picks went with it.
   */
  deleteClass(id: number): number;
  /** Replaces all classes (opening a project): not undoable, clears the history. */
  loadClasses(classes: readonly ClassDef[]): void;
  /**
   * Runs `edits` (calls of this store's actions) as one undo entry called `label`, e.g. an import
   * that adds the classes its picks need, so one Ctrl+Z takes back both.
   */
  batch<T>(label: string, edits: () => T): T;
  /** Returns false when there was nothing to undo. */
  undo(): boolean;
  redo(): boolean;
  /** Replaces all picks (opening a project): not undoable, clears the history. */
  loadPicks(picks: Iterable<Pick>): void;
  /** Replaces the fix lists of the given tomograms (undefined: none), as loadPicks: not undoable, clears the history. */
  loadReview(lists: ReadonlyMap<string, FixList | undefined>): void;
  /** Replaces the painted strokes of the given tomograms (empty or undefined: none), as loadPicks: not undoable, clears the history. */
  loadMasks(masks: ReadonlyMap<string, readonly MaskStroke[] | undefined>): void;
}

export type PicksStore = StoreApi<PicksState>;

/** Where the document's class records are kept (the app: the project store's `classes`). */
export interface ClassTable {
  read(): readonly ClassDef[];
  write(classes: readonly ClassDef[]): void;
}

/** A class table of its own, for stores made in tests and tools. */
export function memoryClassTable(initial: readonly ClassDef[] = []): ClassTable {
  let classes = initial;
  return {
    read: () => classes,
    write: (next) => {
      classes = next;
    },
  };
}

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

export function createPicksStore(options: HistoryOptions & { picks?: Iterable<Pick>; classTable?: ClassTable } = {}): PicksStore {
  const history = new History<DocumentDiff>(options, DOCUMENT_DIFF_OPS);
  const classTable = options.classTable ?? memoryClassTable();
  /** What the open gesture edits (e.g. "move:p1"): a continued gesture must edit the same thing. */
  let gestureKey: string | undefined;
  /** Nesting depth of batch(): inside, every commit joins the batch's entry. */
  let batchDepth = 0;

  return createStore<PicksState>()((set, get) => {
    /** The document with the diff applied; every part is checked before anything is set, so a stale diff changes nothing. */
    function applied(diff: DocumentDiff) {
      const state = get();
      return {
        picks: applyDiff(state.picks, diff.picks),
        review: applyReviewDiff(state.review, diff.review),
        classes: applyClassDiff(classTable.read(), diff.classes),
        masks: applyMaskDiff(state.masks, diff.masks),
      };
    }

    function publish(next: ReturnType<typeof applied>): void {
      set({ picks: next.picks, review: next.review, masks: next.masks, history: statusOf(history) });
      if (next.classes !== classTable.read()) classTable.write(next.classes);
    }

    /** Applies and records one gesture; empty diffs change nothing and leave no entry. */
    function commitDocument(label: string, diff: DocumentDiff, continueGesture = false, key?: string): void {
      if (isEmptyDocumentDiff(diff)) return;
      const next = applied(diff);
      const continues = batchDepth > 0 || (continueGesture && history.hasOpenGesture && key === gestureKey);
      if (!continues) {
        history.mark(label);
        gestureKey = key;
      }
      history.record(diff);
      publish(next);
    }

    function commit(label: string, diff: PickDiff, continueGesture = false): EditSummary {
      commitDocument(label, picksOnly(diff), continueGesture);
      return summaryOf(diff);
    }

    function replay(entry: { diff: DocumentDiff } | undefined): boolean {
      if (!entry) return false;
      publish(applied(entry.diff));
      return true;
    }

    return {
      picks: pickMapOf(options.picks ?? []),
      review: new Map(),
      masks: new Map(),
      history: statusOf(history),
      addPick(input) {
        const diff = addPick(get().picks, input);
        commit('add pick', diff);
        const [id] = diff.added.keys();
        return id!;
      },
      movePick(id, to, moveOptions) {
        commitDocument('move pick', picksOnly(movePick(get().picks, id, to)), moveOptions?.continueGesture, `move:${id}`);
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
      addMaskStroke(tomogramId, stroke) {
        commitDocument(stroke.kind === 'exclude' ? 'paint mask' : 'erase mask', masksOnly(addStrokeDiff(get().masks, tomogramId, stroke)));
      },
      clearMask(tomogramId) {
        commitDocument('clear mask', masksOnly(clearMaskDiff(get().masks, tomogramId)));
      },
      addClass(init) {
        const added = newClass(classTable.read(), init);
        commitDocument('add class', classesOnly(addClassesDiff(classTable.read(), [added])));
        return added.id;
      },
      addClasses(classes) {
        const label = classes.length === 1 ? `add class ${classes[0]!.name}` : `add ${classes.length.toLocaleString('en-US')} classes`;
        commitDocument(label, classesOnly(addClassesDiff(classTable.read(), classes)));
      },
      updateClass(id, change, updateOptions) {
        const key = `class:${id}:${Object.keys(change).sort().join(',')}`;
        commitDocument(classChangeLabel(change), classesOnly(updateClassDiff(classTable.read(), id, change)), updateOptions?.continueGesture, key);
      },
      deleteClass(id) {
        const classes = deleteClassDiff(classTable.read(), id);
        const name = classTable.read().find((c) => c.id === id)!.name;
        const { picks } = get();
        const ids: string[] = [];
        for (const pick of picks.values()) if (pick.classId === id) ids.push(pick.id);
        const label = ids.length ? `delete class ${name} and ${plural(ids.length, 'pick')}` : `delete class ${name}`;
        commitDocument(label, { ...classesOnly(classes), picks: deletePicks(picks, ids) });
        return ids.length;
      },
      loadClasses(classes) {
        // Checked as an addition to an empty project, so a bad class never reaches the views.
        addClassesDiff([], classes);
        history.clear();
        set({ history: statusOf(history) });
        classTable.write([...classes]);
      },
      batch(label, edits) {
        if (batchDepth === 0) {
          history.mark(label);
          gestureKey = undefined;
        }
        batchDepth += 1;
        try {
          return edits();
        } finally {
          batchDepth -= 1;
        }
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
      loadMasks(strokesByTomogram) {
        const masks = new Map(get().masks);
        for (const [tomogramId, strokes] of strokesByTomogram) {
          strokes?.forEach(checkStroke);
          if (!strokes || strokes.length === 0) masks.delete(tomogramId);
          else masks.set(tomogramId, { tomogramId, strokes: [...strokes] } satisfies ExclusionMask);
        }
        history.clear();
        set({ masks, history: statusOf(history) });
      },
    };
  });
}

/** The app's store. Tests create their own with createPicksStore(). */
export const picksStore = createPicksStore({ classTable: projectClassTable });

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
