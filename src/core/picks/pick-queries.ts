/** Queries over a map of picks: filters, picks of one tomogram, counts per class and status. */
import type { Pick, PickSource, PickStatus } from './pick.ts';
import type { PickMap } from './pick-collection.ts';

/** Which picks an operation concerns; every given field must match (arrays: any of). */
export interface PickFilter {
  tomogram?: string;
  classId?: number | readonly number[];
  source?: PickSource | readonly PickSource[];
  status?: PickStatus | readonly PickStatus[];
}

function matchesOne<T>(value: T, wanted: T | readonly T[] | undefined): boolean {
  if (wanted === undefined) return true;
  return Array.isArray(wanted) ? (wanted as readonly T[]).includes(value) : value === wanted;
}

export function matchesFilter(pick: Pick, filter: PickFilter): boolean {
  return (
    (filter.tomogram === undefined || pick.tomogram === filter.tomogram) &&
    matchesOne(pick.classId, filter.classId) &&
    matchesOne(pick.source, filter.source) &&
    matchesOne(pick.status, filter.status)
  );
}

export function filterPicks(map: PickMap, filter: PickFilter): Pick[] {
  const out: Pick[] = [];
  for (const pick of map.values()) if (matchesFilter(pick, filter)) out.push(pick);
  return out;
}

export function picksOfTomogram(map: PickMap, tomogram: string): Pick[] {
  return filterPicks(map, { tomogram });
}

/** Counts per class id and status, optionally within a filter (e.g. one tomogram). */
export interface ClassCount {
  classId: number;
  total: number;
  candidate: number;
  accepted: number;
  rejected: number;
}

export function countByClass(map: PickMap, filter: PickFilter = {}): ClassCount[] {
  const counts = new Map<number, ClassCount>();
  for (const pick of map.values()) {
    if (!matchesFilter(pick, filter)) continue;
    let count = counts.get(pick.classId);
    if (!count) {
      count = { classId: pick.classId, total: 0, candidate: 0, accepted: 0, rejected: 0 };
      counts.set(pick.classId, count);
    }
    count.total += 1;
    count[pick.status] += 1;
  }
  return [...counts.values()].sort((a, b) => a.classId - b.classId);
}
