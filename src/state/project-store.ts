import { create } from 'zustand';
import type { ClassDef, Split } from '../core/picks/pick.ts';
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
  classes: ClassDef[];
  addTomogram(entry: Omit<TomogramEntry, 'id' | 'split'>, classes?: ClassDef[]): string;
  setActiveTomogram(id: string): void;
  /** Appends classes (e.g. species named by an imported file); ids already in use are an error. */
  addClasses(classes: readonly ClassDef[]): void;
}

let tomogramCounter = 0;

/** A project starts with one generic class so a first click can pick; users rename and add. */
export const DEFAULT_CLASSES: readonly ClassDef[] = [{ id: 1, name: 'particle', color: '#4f9dff', radiusAngstrom: 100 }];

export const useProjectStore = create<ProjectState>()((set) => ({
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
  addClasses(added) {
    if (added.length === 0) return;
    set((s) => {
      const used = new Set(s.classes.map((c) => c.id));
      for (const c of added) {
        if (used.has(c.id)) throw new Error(`class id ${c.id} ("${c.name}") is already used`);
        used.add(c.id);
      }
      return { classes: [...s.classes, ...added] };
    });
  },
}));

export function activeTomogram(state: Pick<ProjectState, 'tomograms' | 'activeTomogramId'>): TomogramEntry | undefined {
  return state.tomograms.find((t) => t.id === state.activeTomogramId);
}
