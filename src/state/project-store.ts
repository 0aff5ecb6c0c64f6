import { create } from 'zustand';
import { nextDistinctColor } from '../core/picks/class-colors.ts';
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
  classes: ClassDef[];
  addTomogram(entry: Omit<TomogramEntry, 'id' | 'split'>, classes?: ClassDef[]): string;
  setActiveTomogram(id: string): void;
  /** Train/validation/test role of a tomogram (saved with the project); unknown ids are an error. */
  setSplit(tomogramId: string, split: Split): void;
  /** Appends classes (e.g. species named by an imported file); ids already in use are an error. */
  addClasses(classes: readonly ClassDef[]): void;
  updateClass(id: number, change: Partial<Omit<ClassDef, 'id'>>): void;
  /** Adds a class with the next free id and a distinct colour; returns its id. */
  addClass(init?: Partial<Omit<ClassDef, 'id'>>): number;
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
  updateClass(id, change) {
    set((s) => ({ classes: s.classes.map((c) => (c.id === id ? { ...c, ...change } : c)) }));
  },
  addClass(init = {}) {
    const { classes } = get();
    const id = classes.reduce((m, c) => Math.max(m, c.id), 0) + 1;
    const color = nextDistinctColor(classes.map((c) => c.color));
    set({ classes: [...classes, { id, name: `class ${id}`, color, radiusAngstrom: 100, ...init }] });
    return id;
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
