/**
 * Maps the classes named in a coordinates file (numbers and/or names) onto a project's ClassDefs,
 * creating classes the project does not have yet. Names win over numbers (numbers differ between
 * tools, a species name does not); numbers keep their id when it is free, so RELION's
 * rlnClassNumber round-trips.
 */
import { nextDistinctColor } from './class-colors.ts';
import type { ClassDef } from './pick.ts';

/** Radius given to a class created on import when the file does not say (Å). */
export const NEW_CLASS_RADIUS_ANGSTROM = 100;

const UNNAMED_CLASS = 'particle';

export interface ClassedRecord {
  classId?: number;
  className?: string;
  radiusAngstrom?: number;
}

export interface ClassAssignment {
  /** Project class id of each record, in record order. */
  classIds: number[];
  /** Classes to add to the project (ids not used by `classes`). */
  added: ClassDef[];
}

/**
 * `defaultClassId`: class of records that name none (the active class); without one such records
 * get a new class "particle".
 */
export function assignClasses(
  records: readonly ClassedRecord[],
  classes: readonly ClassDef[],
  defaultClassId?: number,
): ClassAssignment {
  const all = [...classes];
  const added: ClassDef[] = [];
  const byName = new Map(all.map((c) => [c.name.toLowerCase(), c]));
  const byId = new Map(all.map((c) => [c.id, c]));

  const create = (name: string, wantedId: number | undefined, radius: number | undefined): ClassDef => {
    const id = wantedId !== undefined && wantedId >= 1 && !byId.has(wantedId) ? wantedId : Math.max(0, ...byId.keys()) + 1;
    const def: ClassDef = {
      id,
      name,
      color: nextDistinctColor(all.map((c) => c.color)),
      radiusAngstrom: radius !== undefined && radius > 0 ? radius : NEW_CLASS_RADIUS_ANGSTROM,
    };
    all.push(def);
    added.push(def);
    byName.set(name.toLowerCase(), def);
    byId.set(id, def);
    return def;
  };

  const classIds = records.map((r) => {
    const name = r.className?.trim();
    if (name) return (byName.get(name.toLowerCase()) ?? create(name, r.classId, r.radiusAngstrom)).id;
    if (r.classId !== undefined && r.classId >= 1) {
      return (byId.get(r.classId) ?? create(`class ${r.classId}`, r.classId, r.radiusAngstrom)).id;
    }
    // No class, or RELION's 0 ("unclassified"): the class the user is picking with.
    defaultClassId ??= (byName.get(UNNAMED_CLASS) ?? create(UNNAMED_CLASS, undefined, r.radiusAngstrom)).id;
    return defaultClassId;
  });
  return { classIds, added };
}
