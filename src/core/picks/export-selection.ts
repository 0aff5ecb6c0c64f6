/**
 * Which picks an export writes (DESIGN.md: only accepted picks by default, per class or all) and
 * their conversion to coordinate records named as the exported tomogram.
 */
import type { CoordinateRecord } from '../io/coords/types.ts';
import type { PickMap } from './pick-collection.ts';
import { filterPicks, type PickFilter } from './pick-queries.ts';
import type { ClassDef, Pick, PickStatus } from './pick.ts';

export type ExportStatusChoice = 'accepted' | 'not-rejected' | 'all';

export const EXPORT_STATUSES: Readonly<Record<ExportStatusChoice, readonly PickStatus[]>> = {
  accepted: ['accepted'],
  'not-rejected': ['accepted', 'candidate'],
  all: ['accepted', 'candidate', 'rejected'],
};

export interface ExportSelection {
  /** Tomogram id of the picks. */
  tomogram: string;
  status: ExportStatusChoice;
  /** One class, or all when undefined. */
  classId?: number;
}

/** Sorted by class, then z, y, x: the map's order is arbitrary and files should read in a stable order. */
export function picksForExport(picks: PickMap, selection: ExportSelection): Pick[] {
  const filter: PickFilter = { tomogram: selection.tomogram, status: EXPORT_STATUSES[selection.status] };
  if (selection.classId !== undefined) filter.classId = selection.classId;
  return filterPicks(picks, filter).sort((a, b) => a.classId - b.classId || a.z - b.z || a.y - b.y || a.x - b.x);
}

/** Records carry the class name and radius too: CSV and copick write them, RELION ignores them. */
export function picksToRecords(picks: readonly Pick[], classes: readonly ClassDef[], tomogramName: string): CoordinateRecord[] {
  const byId = new Map(classes.map((c) => [c.id, c]));
  return picks.map((p) => {
    const record: CoordinateRecord = { tomogram: tomogramName, x: p.x, y: p.y, z: p.z, classId: p.classId };
    const def = byId.get(p.classId);
    if (def) {
      record.className = def.name;
      record.radiusAngstrom = def.radiusAngstrom;
    }
    if (p.score !== undefined) record.score = p.score;
    return record;
  });
}
