/**
 * Order of the pick table and of keyboard review: highest score first (unscored last), then by
 * id so the order is stable; "next" walks the candidates in that order.
 */
import type { Pick } from './pick.ts';

export type PickSortKey = 'score' | 'class' | 'status' | 'z';

export function sortPicks(picks: readonly Pick[], key: PickSortKey = 'score'): Pick[] {
  const byScore = (a: Pick, b: Pick) => (b.score ?? -Infinity) - (a.score ?? -Infinity);
  const byId = (a: Pick, b: Pick) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  const primary: Record<PickSortKey, (a: Pick, b: Pick) => number> = {
    score: byScore,
    class: (a, b) => a.classId - b.classId || byScore(a, b),
    status: (a, b) => a.status.localeCompare(b.status) || byScore(a, b),
    z: (a, b) => a.z - b.z,
  };
  return [...picks].sort((a, b) => primary[key](a, b) || byId(a, b));
}

/** The candidate after `currentId` in review order (wrapping), or the first candidate. */
export function nextCandidate(ordered: readonly Pick[], currentId: string | undefined): Pick | undefined {
  const start = currentId === undefined ? -1 : ordered.findIndex((p) => p.id === currentId);
  for (let k = 1; k <= ordered.length; k++) {
    const pick = ordered[(start + k + ordered.length) % ordered.length]!;
    if (pick.status === 'candidate' && pick.id !== currentId) return pick;
  }
  return undefined;
}
