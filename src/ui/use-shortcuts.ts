import { useEffect } from 'react';
import { picksStore } from '../state/picks-store.ts';
import { useProjectStore } from '../state/project-store.ts';
import { useViewStore } from '../state/view-store.ts';
import { useJobsStore } from '../state/jobs-store.ts';
import { nextCandidate, sortPicks } from '../core/picks/review-order.ts';
import { focusPick } from './focus-pick.ts';

function isTyping(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  return !!el && (el.tagName === 'INPUT' || el.tagName === 'TEXTAREA' || el.tagName === 'SELECT' || el.isContentEditable);
}

/** Keyboard review walks candidates in the pick table's default order (score, high first). */
function reviewNext(tomogramId: string, currentId: string | undefined): void {
  const picks = [...picksStore.getState().picks.values()].filter((p) => p.tomogram === tomogramId);
  const next = nextCandidate(sortPicks(picks), currentId);
  if (next) focusPick(next);
  else useJobsStore.getState().notify('info', 'No candidates left to review');
}

/**
 * Studio-wide keys: Ctrl/⌘+Z undo, Ctrl/⌘+Shift+Z (or Ctrl+Y) redo, Delete removes the selected pick,
 * 1–9 set the class (n-th in the list) of the selected pick, or the active class, A/R accept/reject
 * the selected pick and go to the next candidate, N goes to the next candidate, arrows/PageUp/PageDown step the XY
 * slice, [ and ] change the slab thickness.
 */
export function useStudioShortcuts(tomogramId: string | undefined, volumeDepth: number | undefined): void {
  useEffect(() => {
    const onKeyDown = (e: KeyboardEvent) => {
      if (isTyping(e.target)) return;
      const picks = picksStore.getState();
      const view = useViewStore.getState();
      const mod = e.ctrlKey || e.metaKey;
      try {
        if (mod && (e.key === 'z' || e.key === 'Z')) {
          e.preventDefault();
          if (e.shiftKey) picks.redo();
          else picks.undo();
        } else if (mod && e.key === 'y') {
          e.preventDefault();
          picks.redo();
        } else if ((e.key === 'Delete' || e.key === 'Backspace') && view.selectedPickId) {
          e.preventDefault();
          picks.deletePicks([view.selectedPickId]);
          view.selectPick(undefined);
        } else if (!mod && (e.key === 'a' || e.key === 'r') && view.selectedPickId) {
          picks.setStatus([view.selectedPickId], e.key === 'a' ? 'accepted' : 'rejected');
          if (tomogramId) reviewNext(tomogramId, view.selectedPickId);
        } else if (!mod && e.key === 'n' && tomogramId) {
          reviewNext(tomogramId, view.selectedPickId);
        } else if (!mod && /^[1-9]$/.test(e.key)) {
          const cls = useProjectStore.getState().classes[Number(e.key) - 1];
          if (!cls) return;
          if (view.selectedPickId) picks.setClass([view.selectedPickId], cls.id);
          else view.setActiveClass(cls.id);
        } else if (volumeDepth && ['ArrowUp', 'ArrowDown', 'PageUp', 'PageDown'].includes(e.key)) {
          e.preventDefault();
          const delta = (e.key.startsWith('Page') ? 10 : 1) * (e.key === 'ArrowUp' || e.key === 'PageUp' ? 1 : -1);
          view.setPosition({ z: Math.max(0, Math.min(volumeDepth - 1, view.position.z + delta)) });
        } else if (e.key === '[' || e.key === ']') {
          view.setSlabThickness(view.slabThickness + (e.key === ']' ? 2 : -2));
        }
      } catch (err) {
        useJobsStore.getState().notify('error', (err as Error).message);
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [tomogramId, volumeDepth]);
}
