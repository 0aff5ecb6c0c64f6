/** The studio's own stores as the autosaver's ProjectSource, and the way restored data goes back into them. */
import { fromSavedFixList, fromSavedPick, type ProjectSettings, type SavedExclusionMask, type SavedFixList, type SavedPick } from '../../core/project/project.ts';
import type { MaskStroke } from '../../core/mask/stroke.ts';
import type { ClassDef, Pick, Split } from '../../core/picks/pick.ts';
import type { FixList } from '../../core/picks/review-document.ts';
import { picksStore } from '../picks-store.ts';
import { useProjectStore } from '../project-store.ts';
import { useViewStore } from '../view-store.ts';
import type { ProjectSource, ProjectState } from './project-source.ts';

export const appProjectSource: ProjectSource = {
  read(): ProjectState {
    const project = useProjectStore.getState();
    const view = useViewStore.getState();
    return {
      tomograms: project.tomograms.map((t) => ({
        id: t.id,
        name: t.name,
        format: t.format,
        split: t.split,
        shape: [t.volume.nx, t.volume.ny, t.volume.nz],
        voxelSize: [...t.volume.voxelSize],
      })),
      classes: project.classes,
      activeTomogramId: project.activeTomogramId,
      slabThickness: view.slabThickness,
      activeClassId: view.activeClassId,
      picks: picksStore.getState().picks,
      review: picksStore.getState().review,
      masks: picksStore.getState().masks,
    };
  },
  subscribe(onChange) {
    const unsubscribers = [
      useProjectStore.subscribe(onChange),
      picksStore.subscribe(onChange),
      // Slice position and contrast change on every scroll and are not worth a save.
      useViewStore.subscribe((s, prev) => {
        if (s.slabThickness !== prev.slabThickness || s.activeClassId !== prev.activeClassId) onChange();
      }),
    ];
    return () => unsubscribers.forEach((u) => u());
  },
};

export interface RestoredParts {
  classes?: ClassDef[];
  settings?: ProjectSettings;
  /** Split per session tomogram id. */
  splits?: ReadonlyMap<string, Split>;
  /** Picks per session tomogram id; they replace the picks those tomograms have now. */
  picks?: ReadonlyMap<string, readonly SavedPick[]>;
  /** The correction-review list of each tomogram in `picks` (absent: it has none). */
  review?: ReadonlyMap<string, SavedFixList>;
  /** The painted mask of each tomogram in `picks` (absent: none). */
  masks?: ReadonlyMap<string, SavedExclusionMask>;
  /** Session id of settings.activeTomogram, when it was opened. */
  activeTomogramId?: string;
}

/**
 * Puts restored or imported data into the stores. Classes load through the picks store (they are
 * records of its undoable document); the project store has no action for splits as a whole, so
 * they are set directly (zustand allows it; subscribers still run).
 * Replacing picks is not undoable and clears the undo history, as opening a project should.
 */
export function applyToStores(parts: RestoredParts): void {
  if (parts.classes) picksStore.getState().loadClasses(parts.classes);
  const splits = parts.splits;
  if (splits && splits.size > 0) {
    useProjectStore.setState((s) => ({ tomograms: s.tomograms.map((t) => (splits.has(t.id) ? { ...t, split: splits.get(t.id)! } : t)) }));
  }
  if (parts.activeTomogramId !== undefined) useProjectStore.getState().setActiveTomogram(parts.activeTomogramId);
  if (parts.settings) {
    const view = useViewStore.getState();
    view.setSlabThickness(parts.settings.slabThickness);
    view.setActiveClass(parts.settings.activeClassId);
  }
  if (parts.picks && parts.picks.size > 0) {
    const replaced = parts.picks;
    const kept: Pick[] = [...picksStore.getState().picks.values()].filter((p) => !replaced.has(p.tomogram));
    for (const [tomogram, saved] of replaced) for (const pick of saved) kept.push(fromSavedPick(pick, tomogram));
    picksStore.getState().loadPicks(kept);
    // Each tomogram whose picks were replaced gets its saved fix list, or none: a list left from before would question other picks.
    const lists = new Map<string, FixList | undefined>();
    for (const tomogram of replaced.keys()) {
      const saved = parts.review?.get(tomogram);
      lists.set(tomogram, saved && fromSavedFixList(saved, tomogram));
    }
    picksStore.getState().loadReview(lists);
    // Likewise its painted mask: the one saved with these picks, or none.
    const masks = new Map<string, readonly MaskStroke[] | undefined>();
    for (const tomogram of replaced.keys()) masks.set(tomogram, parts.masks?.get(tomogram)?.strokes);
    picksStore.getState().loadMasks(masks);
  }
}
