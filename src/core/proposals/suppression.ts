/**
 * UPicker's iterative selection: take the strongest remaining candidate, suppress every weaker
 * candidate whose centre lies inside the sphere of diameter d_best around it, repeat. Accepted
 * picks therefore never lie closer than half the stronger pick's d_best (hence not closer than
 * half the smaller d_best). A uniform grid of accepted picks keeps each test local.
 */
export interface SuppressionCandidate {
  x: number;
  y: number;
  z: number;
  score: number;
  /** d_best in voxels (the suppression sphere's diameter). */
  diameterVoxels: number;
}

/** `fate[i]` of a candidate that was accepted. */
export const ACCEPTED = -1;
/** `fate[i]` of a candidate the scan never reached (a limit was hit first). */
export const NOT_REACHED = -2;

/** How far candidates suppress (defaults: the sphere of diameter d_best, only when accepted). */
export interface SuppressionReach<C extends SuppressionCandidate> {
  /** Diameter of the sphere the candidate suppresses, voxels (default `diameterVoxels`). */
  sphereDiameter?: (candidate: C) => number;
  /** Candidates that suppress their sphere even when they were suppressed themselves. */
  suppressesWhenSuppressed?: (candidate: C) => boolean;
}

export interface SuppressionTrace {
  /** Indices of the accepted candidates that pass `report`, strongest first. */
  reported: number[];
  /**
   * Per candidate: ACCEPTED, NOT_REACHED, or the index of the candidate that suppressed it (an
   * accepted one, or one that `suppressesWhenSuppressed`).
   */
  fate: Int32Array;
}

/**
 * Indices into `candidates` of the accepted ones, strongest first. Ties in score keep the input
 * order, so the result is deterministic. Every accepted candidate suppresses its sphere; only
 * those passing `report` are returned, and the scan stops once `reportLimit` are.
 */
export function suppressOverlaps<C extends SuppressionCandidate>(
  candidates: readonly C[],
  limit = Infinity,
  report: (candidate: C) => boolean = () => true,
  reportLimit = Infinity,
): number[] {
  return traceSuppression(candidates, limit, report, reportLimit).reported;
}

/**
 * `suppressOverlaps` that also says what became of every candidate (for diagnostics). With
 * `precedence`, candidates are visited in decreasing precedence (then strongest first), so a
 * candidate of higher precedence suppresses whatever lies in its sphere however strong it is.
 * `reach` widens what some candidates suppress (see SuppressionReach); the guarantee between
 * reported candidates holds as long as `sphereDiameter` is never below `diameterVoxels`.
 */
export function traceSuppression<C extends SuppressionCandidate>(
  candidates: readonly C[],
  limit = Infinity,
  report: (candidate: C) => boolean = () => true,
  reportLimit = Infinity,
  precedence?: (candidate: C) => number,
  reach: SuppressionReach<C> = {},
): SuppressionTrace {
  const rank = precedence ? candidates.map(precedence) : null;
  const sphere = candidates.map(reach.sphereDiameter ?? ((c) => c.diameterVoxels));
  const suppressesAnyway = reach.suppressesWhenSuppressed;
  const order = candidates
    .map((_, i) => i)
    .sort((a, b) => (rank ? rank[b]! - rank[a]! : 0) || candidates[b]!.score - candidates[a]!.score || a - b);
  let largest = 0;
  for (const d of sphere) largest = Math.max(largest, d / 2);
  const cell = Math.max(1, largest);
  const grid = new Map<string, number[]>();
  const key = (cx: number, cy: number, cz: number) => `${cx},${cy},${cz}`;
  const fate = new Int32Array(candidates.length).fill(NOT_REACHED);
  let accepted = 0;
  const reported: number[] = [];
  for (const index of order) {
    if (accepted >= limit || reported.length >= reportLimit) break;
    const c = candidates[index]!;
    const cx = Math.floor(c.x / cell);
    const cy = Math.floor(c.y / cell);
    const cz = Math.floor(c.z / cell);
    let suppressor = -1;
    // Any suppressor whose radius (≤ cell) reaches c sits in one of the 27 cells around it.
    scan: for (let dz = -1; dz <= 1; dz++) {
      for (let dy = -1; dy <= 1; dy++) {
        for (let dx = -1; dx <= 1; dx++) {
          for (const a of grid.get(key(cx + dx, cy + dy, cz + dz)) ?? []) {
            const p = candidates[a]!;
            const r = sphere[a]! / 2;
            if ((p.x - c.x) ** 2 + (p.y - c.y) ** 2 + (p.z - c.z) ** 2 < r * r) {
              suppressor = a;
              break scan;
            }
          }
        }
      }
    }
    if (suppressor >= 0) {
      fate[index] = suppressor;
      if (!suppressesAnyway?.(c)) continue;
    } else {
      fate[index] = ACCEPTED;
      accepted++;
      if (report(c)) reported.push(index);
    }
    const k = key(cx, cy, cz);
    const bucket = grid.get(k);
    if (bucket) bucket.push(index);
    else grid.set(k, [index]);
  }
  return { reported, fate };
}
