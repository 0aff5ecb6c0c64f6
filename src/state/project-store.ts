import { create } from 'zustand';
import { SPLITS, type ClassDef, type Split } from '../core/picks/pick.ts';
import type { Volume } from '../core/volume/volume.ts';

export interface TomogramEntry {
  id: string;
  name: string;
  volume: Volume;
  format: 'mrc' | 'tiff' | 'simulated';
  warnings: string[];
  split: Split;
}

interface ProjectState {
  tomograms: TomogramEntry[];
  activeTomogramId: string | undefined;
  /**
   * Class definitions. Edit them through picksStore (addClass, updateClass…): they are records of
   * its undoable document, and this field is where that store keeps them (projectClassTable).
   */
  classes: ClassDef[];
  addTomogram(entry: Omit<TomogramEntry, 'id' | 'split'>, classes?: ClassDef[]): string;
  setActiveTomogram(id: string): void;
  /** Train/validation/test role of a tomogram (saved with the project); unknown ids are an error. */
  setSplit(tomogramId: string, split: Split): void;
}

let tomogramCounter = 0;

// The class palette lives in core (class-colors.ts): imports create classes there too.
export { CLASS_PALETTE } from '../core/picks/class-colors.ts';

/** A project starts with one generic class so a first click can pick; users rename and add. */
export const DEFAULT_CLASSES: readonly ClassDef[] = [{ id: 1, name: 'particle', color: '#4f9dff', radiusAngstrom: 100 }];

export const useProjectStore = create<ProjectState>()((set, get) => ({
  tomograms: [],
  activeTomogramId: undefined,
  classes: [],
  addTomogram(entry, classes) {
    const id = `t${++tomogramCounter}`;
    set((s) => ({
      tomograms: [...s.tomograms, { ...entry, id, split: 'train' }],
      activeTomogramId: id,
      // A simulated tomogram brings its species; keep classes the user already defined.
      classes: s.classes.length > 0 ? s.classes : classes && classes.length > 0 ? classes : [...DEFAULT_CLASSES],
    }));
    return id;
  },
  setActiveTomogram(id) {
    set({ activeTomogramId: id });
  },
  setSplit(tomogramId, split) {
    if (!SPLITS.includes(split)) throw new Error(`a split is one of ${SPLITS.join(', ')}, got "${String(split)}"`);
    const { tomograms } = get();
    if (!tomograms.some((t) => t.id === tomogramId)) throw new Error(`no tomogram with id ${tomogramId}`);
    if (tomograms.find((t) => t.id === tomogramId)!.split === split) return;
    set({ tomograms: tomograms.map((t) => (t.id === tomogramId ? { ...t, split } : t)) });
  },
}));

/** The project store's classes as the picks store's class table (picks-store.ts writes them undoably). */
export const projectClassTable = {
  read: (): readonly ClassDef[] => useProjectStore.getState().classes,
  write: (classes: readonly ClassDef[]): void => useProjectStore.setState({ classes: [...classes] }),
};

const hiddenCache = new WeakMap<readonly ClassDef[], readonly number[]>();

/** Ids of the hidden classes, the same array for the same class list (as useStore needs). */
export function hiddenClassIdsOf(classes: readonly ClassDef[]): readonly number[] {
  let ids = hiddenCache.get(classes);
  if (!ids) {
    ids = classes.filter((c) => c.hidden).map((c) => c.id);
    hiddenCache.set(classes, ids);
  }
  return ids;
}

export function activeTomogram(state: Pick<ProjectState, 'tomograms' | 'activeTomogramId'>): TomogramEntry | undefined {
  return state.tomograms.find((t) => t.id === state.activeTomogramId);
}
