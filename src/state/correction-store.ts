/**
 * The correction review's session state: the bulk-accept threshold, the fix in focus, and whether
 * the slice views draw the pending fixes. The fix lists and the decisions are document records of
 * the picks store (undoable, saved with the project); see core/picks/review-document.ts.
 */
import { create } from 'zustand';
import { DEFAULT_SUGGESTION_THRESHOLD } from '../core/labels/correction-suggestions.ts';

export interface CorrectionState {
  threshold: number;
  selectedId: string | undefined;
  /** Draw the pending fixes of the active tomogram in the slice views. */
  showFixes: boolean;
  setThreshold(threshold: number): void;
  select(id: string | undefined): void;
  setShowFixes(show: boolean): void;
}

export const useCorrectionStore = create<CorrectionState>()((set) => ({
  threshold: DEFAULT_SUGGESTION_THRESHOLD,
  selectedId: undefined,
  showFixes: true,
  setThreshold(threshold) {
    if (!(threshold >= 0 && threshold <= 1)) throw new Error(`the threshold must lie in [0, 1], got ${threshold}`);
    set({ threshold });
  },
  select(selectedId) {
    set({ selectedId });
  },
  setShowFixes(showFixes) {
    set({ showFixes });
  },
}));
