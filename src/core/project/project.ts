/**
 * A project as saved: what the studio needs to come back after a reload, and what a project file
 * carries to another machine. Tomogram *bytes* are not part of it: each tomogram is a reference
 * (file name, size, shape) that the studio re-opens from its own storage or asks the user for.
 */
import type { MaskStroke } from '../mask/stroke.ts';
import type { LabelFix } from '../picks/correction-decisions.ts';
import type { ClassDef, Pick, Split } from '../picks/pick.ts';
import type { FixList } from '../picks/review-document.ts';

/** Bump when the saved shape changes, and add a migration from the previous version (migrate.ts). */
export const PROJECT_VERSION = 2;

export type TomogramFormat = 'mrc' | 'tiff' | 'simulated';
export type BinFactor = 1 | 2 | 4;

export interface ProjectTomogramRef {
  /** Stable within the project (session ids of the studio change on every reload). */
  key: string;
  /** File name as opened, e.g. "TS_01.mrc"; the demo's name for simulated tomograms. */
  name: string;
  format: TomogramFormat;
  split: Split;
  /** Binning applied on load; re-opening applies it again so picks stay in the same voxels. */
  bin: BinFactor;
  /** Size of the original file in bytes, when known: helps match a re-opened file. */
  fileSize?: number;
  /** Shape after binning, [nx, ny, nz]. */
  shape: [number, number, number];
  /** Å per voxel after binning. */
  voxelSize: [number, number, number];
}

export interface ProjectSettings {
  slabThickness: number;
  activeClassId: number;
  /** Key of the tomogram shown when the project opens. */
  activeTomogram?: string;
}

/** A pick as saved: its tomogram is the key of the record it is saved under. */
export type SavedPick = Omit<Pick, 'tomogram'>;

export interface ProjectSnapshot {
  /** ISO 8601 time of saving. */
  savedAt: string;
  classes: ClassDef[];
  settings: ProjectSettings;
  tomograms: ProjectTomogramRef[];
  /** Picks by tomogram key. */
  picks: Record<string, SavedPick[]>;
  /** The correction review's fix list by tomogram key (optional: older saves have none). */
  review?: Record<string, SavedFixList>;
  /** Painted exclusion masks by tomogram key (since version 2; optional: most tomograms have none). */
  masks?: Record<string, SavedExclusionMask>;
}

/** A tomogram's painted mask as saved: its strokes in painting order (core/mask/stroke.ts). */
export interface SavedExclusionMask {
  strokes: MaskStroke[];
}

/** A fix as saved: its tomogram is the key of the record it is saved under. */
export type SavedLabelFix = Omit<LabelFix, 'tomogram'>;

export interface SavedFixList {
  modelName: string;
  fixes: SavedLabelFix[];
  /** Ids of the rejected fixes, sorted. */
  rejected: string[];
}

export function toSavedFixList(list: FixList): SavedFixList {
  return {
    modelName: list.modelName,
    fixes: list.fixes.map(({ tomogram: _tomogram, ...saved }) => saved),
    rejected: [...list.rejected].sort(),
  };
}

export function fromSavedFixList(saved: SavedFixList, tomogramId: string): FixList {
  return { tomogramId, modelName: saved.modelName, fixes: saved.fixes.map((f) => ({ ...f, tomogram: tomogramId })), rejected: new Set(saved.rejected) };
}

export function toSavedPick(pick: Pick): SavedPick {
  const { tomogram: _tomogram, ...saved } = pick;
  return saved;
}

export function fromSavedPick(saved: SavedPick, tomogram: string): Pick {
  return { ...saved, tomogram };
}
