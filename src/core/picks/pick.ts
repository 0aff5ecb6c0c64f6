/**
 * Picks and class definitions (DESIGN.md §3). Coordinates are in voxel units of the pick's
 * tomogram, 0-based, voxel centres at integers; Å appear only at import/export.
 */
export type PickSource = 'manual' | 'imported' | 'proposal' | 'model' | 'corrected';
export type PickStatus = 'candidate' | 'accepted' | 'rejected';

export interface Pick {
  id: string;
  /** Id of the tomogram in the project (TomogramEntry.id in the studio; the file's tomogram name in the CLI). */
  tomogram: string;
  x: number;
  y: number;
  z: number;
  classId: number;
  score?: number;
  source: PickSource;
  status: PickStatus;
}

export interface ClassDef {
  /** 1-based; 0 is background in label maps. */
  id: number;
  name: string;
  /** CSS colour, e.g. '#e6550d'. */
  color: string;
  radiusAngstrom: number;
  /** Set when the user hid the class: the views do not draw its picks (saved with the project). */
  hidden?: boolean;
}

export type Split = 'train' | 'validation' | 'test';
export const SPLITS: readonly Split[] = ['train', 'validation', 'test'];

let idCounter = 0;

/** Unique within a session; deterministic order helps tests and diffs. */
export function newPickId(prefix = 'p'): string {
  idCounter += 1;
  return `${prefix}${Date.now().toString(36)}-${idCounter.toString(36)}`;
}
