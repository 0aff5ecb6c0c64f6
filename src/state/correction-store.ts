/**
 * The correction review's list: the label fixes suggested for one tomogram by a model's
 * label-correction network, the fixes the user rejected, the bulk-accept threshold and the fix in
 * focus. Accepted fixes are not kept here: they are pick edits (picks-store, undoable, saved with
 * the project) and read back with `fixStatus`. The list itself lives for the session only.
 */
import { create } from 'zustand';
import { DEFAULT_SUGGESTION_THRESHOLD } from '../core/labels/correction-suggestions.ts';
import type { LabelFix } from '../core/picks/correction-decisions.ts';

export interface FixList {
  tomogramId: string;
  modelName: string;
  fixes: readonly LabelFix[];
}

export interface CorrectionState {
  list: FixList | undefined;
  rejected: ReadonlySet<string>;
  threshold: number;
  selectedId: string | undefined;
  /** A new list replaces the old one (and its rejections). */
  setList(list: FixList | undefined): void;
  /** Rejects a fix, or puts a rejected one back to pending. */
  toggleRejected(id: string): void;
  setThreshold(threshold: number): void;
  select(id: string | undefined): void;
}

export const useCorrectionStore = create<CorrectionState>()((set) => ({
  list: undefined,
  rejected: new Set(),
  threshold: DEFAULT_SUGGESTION_THRESHOLD,
  selectedId: undefined,
  setList(list) {
    set({ list, rejected: new Set(), selectedId: undefined });
  },
  toggleRejected(id) {
    set((s) => {
      const rejected = new Set(s.rejected);
      if (!rejected.delete(id)) rejected.add(id);
      return { rejected };
    });
  },
  setThreshold(threshold) {
    if (!(threshold >= 0 && threshold <= 1)) throw new Error(`the threshold must lie in [0, 1], got ${threshold}`);
    set({ threshold });
  },
  select(selectedId) {
    set({ selectedId });
  },
}));
