/**
 * Edit operations on picks as pure functions: each reads the current map and returns the diff
 * that performs the edit (apply it with applyDiff, record it in History). Nothing is mutated.
 *
 * Review rule (what "model output never silently overwrites manual picks" means here):
 * - A pick is *unreviewed* when its source is 'model' or 'proposal' and its status is 'candidate'.
 *   Every other pick (manual, imported, corrected, or anything accepted/rejected) is *reviewed*.
 * - Any direct user edit of a candidate (move, set class) is a review: the candidate becomes
 *   'accepted', so later model output cannot remove it.
 * - applyModelOutput replaces only unreviewed picks of the same source in the tomograms it covers;
 *   it never removes or changes a reviewed pick, and can skip predictions that fall near one.
 * - Bulk review by score changes candidates only; decisions already made are kept.
 */
import { PointGrid } from '../metrics/point-grid.ts';
import type { PickMap } from './pick-collection.ts';
import { emptyDiff, type PickDiff } from './pick-diff.ts';
import { matchesFilter, type PickFilter } from './pick-queries.ts';
import { newPickId, type Pick, type PickSource, type PickStatus } from './pick.ts';

/** A user-facing problem with an edit request (unknown id, bad value). */
export class PickEditError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PickEditError';
  }
}

export interface PickPosition {
  x: number;
  y: number;
  z: number;
}

/** A pick to create; id, source and status are set by the operation. */
export interface NewPick extends PickPosition {
  tomogram: string;
  classId: number;
  score?: number;
}

export function isUnreviewed(pick: Pick): boolean {
  return (pick.source === 'model' || pick.source === 'proposal') && pick.status === 'candidate';
}

function checkPosition(p: PickPosition, what: string): void {
  if (![p.x, p.y, p.z].every(Number.isFinite)) {
    throw new PickEditError(`${what}: coordinates must be finite numbers, got (${p.x}, ${p.y}, ${p.z})`);
  }
}

function checkClassId(classId: number, what: string): void {
  if (!Number.isInteger(classId) || classId < 1) {
    throw new PickEditError(`${what}: class id must be an integer ≥ 1 (0 is background), got ${classId}`);
  }
}

function checkNewPick(input: NewPick, what: string): void {
  if (typeof input.tomogram !== 'string' || input.tomogram === '') {
    throw new PickEditError(`${what}: tomogram name is missing`);
  }
  checkPosition(input, what);
  checkClassId(input.classId, what);
  if (input.score !== undefined && !Number.isFinite(input.score)) {
    throw new PickEditError(`${what}: score must be a finite number, got ${input.score}`);
  }
}

function createPick(input: NewPick, id: string, source: PickSource, status: PickStatus): Pick {
  const pick: Pick = { id, tomogram: input.tomogram, x: input.x, y: input.y, z: input.z, classId: input.classId, source, status };
  if (input.score !== undefined) pick.score = input.score;
  return pick;
}

function existing(map: PickMap, id: string, what: string): Pick {
  const pick = map.get(id);
  if (!pick) throw new PickEditError(`${what}: no pick with id "${id}"`);
  return pick;
}

/** A direct user edit of a candidate accepts it (see the review rule above). */
function reviewed(pick: Pick): PickStatus {
  return pick.status === 'candidate' ? 'accepted' : pick.status;
}

/** A pick placed by hand: source 'manual', status 'accepted'. */
export function addPick(map: PickMap, input: NewPick, id: string = newPickId()): PickDiff {
  checkNewPick(input, 'add pick');
  if (map.has(id)) throw new PickEditError(`add pick: id "${id}" is already used`);
  const diff = emptyDiff();
  diff.added.set(id, createPick(input, id, 'manual', 'accepted'));
  return diff;
}

export function movePick(map: PickMap, id: string, to: PickPosition): PickDiff {
  const before = existing(map, id, 'move pick');
  checkPosition(to, 'move pick');
  const diff = emptyDiff();
  const after: Pick = { ...before, x: to.x, y: to.y, z: to.z, status: reviewed(before) };
  diff.updated.set(id, [before, after]);
  return diff;
}

export function deletePicks(map: PickMap, ids: Iterable<string>): PickDiff {
  const diff = emptyDiff();
  for (const id of ids) diff.removed.set(id, existing(map, id, 'delete picks'));
  return diff;
}

/** Relabels picks; unchanged picks are left out of the diff. */
export function setClass(map: PickMap, ids: Iterable<string>, classId: number): PickDiff {
  checkClassId(classId, 'set class');
  const diff = emptyDiff();
  for (const id of ids) {
    const before = existing(map, id, 'set class');
    const status = reviewed(before);
    if (before.classId === classId && before.status === status) continue;
    diff.updated.set(id, [before, { ...before, classId, status }]);
  }
  return diff;
}

/** Accepts, rejects or resets picks by id; unchanged picks are left out of the diff. */
export function setStatus(map: PickMap, ids: Iterable<string>, status: PickStatus): PickDiff {
  const diff = emptyDiff();
  for (const id of ids) {
    const before = existing(map, id, 'set status');
    if (before.status !== status) diff.updated.set(id, [before, { ...before, status }]);
  }
  return diff;
}

export interface ScoreReview {
  status: 'accepted' | 'rejected';
  /** Select candidates with score ≥ minScore. */
  minScore?: number;
  /** Select candidates with score < maxScore. */
  maxScore?: number;
  /** Further restriction (tomogram, class, source); status is always 'candidate'. */
  filter?: Omit<PickFilter, 'status'>;
}

/**
 * Bulk accept/reject of candidates by score threshold, e.g. accept score ≥ 0.8 of class 2 from
 * the model. Candidates without a score are never selected by a threshold.
 */
export function reviewByScore(map: PickMap, review: ScoreReview): PickDiff {
  const { minScore, maxScore, status } = review;
  if (minScore === undefined && maxScore === undefined) {
    throw new PickEditError('review by score: give minScore and/or maxScore');
  }
  if ((minScore !== undefined && Number.isNaN(minScore)) || (maxScore !== undefined && Number.isNaN(maxScore))) {
    throw new PickEditError('review by score: thresholds must be numbers');
  }
  const filter: PickFilter = { ...review.filter, status: 'candidate' };
  const diff = emptyDiff();
  for (const before of map.values()) {
    const score = before.score;
    if (score === undefined || !matchesFilter(before, filter)) continue;
    if (minScore !== undefined && !(score >= minScore)) continue;
    if (maxScore !== undefined && !(score < maxScore)) continue;
    diff.updated.set(before.id, [before, { ...before, status }]);
  }
  return diff;
}

/** A record read from a coordinates file (CoordinateRecord fits); classId may be missing. */
export interface ImportRecord extends PickPosition {
  tomogram: string;
  classId?: number;
  score?: number;
}

export interface ImportOptions {
  /** Class of records without one; without it such records are an error. */
  defaultClassId?: number;
  /** Status of imported picks: 'accepted' (default, curated labels) or 'candidate' (to review). */
  status?: PickStatus;
  /** Id generator (tests pass a deterministic one). */
  makeId?: () => string;
}

/** New picks with source 'imported'; one bad record fails the whole import, naming it. */
export function importPicks(map: PickMap, records: readonly ImportRecord[], options: ImportOptions = {}): PickDiff {
  const makeId = options.makeId ?? (() => newPickId('i'));
  const status = options.status ?? 'accepted';
  const diff = emptyDiff();
  records.forEach((record, index) => {
    const what = `import record ${index + 1}`;
    const classId = record.classId ?? options.defaultClassId;
    if (classId === undefined) throw new PickEditError(`${what}: no class id and no default class given`);
    const input: NewPick = { tomogram: record.tomogram, x: record.x, y: record.y, z: record.z, classId };
    if (record.score !== undefined) input.score = record.score;
    checkNewPick(input, what);
    const id = makeId();
    if (map.has(id) || diff.added.has(id)) throw new PickEditError(`${what}: id "${id}" is already used`);
    diff.added.set(id, createPick(input, id, 'imported', status));
  });
  return diff;
}

export interface ModelOutput {
  source: 'model' | 'proposal';
  /** Tomograms the output covers: their unreviewed picks of this source are replaced. */
  tomograms: readonly string[];
  picks: readonly NewPick[];
  /**
   * Skip a prediction within this many voxels of a reviewed pick (any class: one place holds one
   * particle), so the model does not re-propose what the user already placed or rejected.
   */
  skipNearReviewed?: number;
  makeId?: () => string;
}

/**
 * Replaces earlier unreviewed candidates of `output.source` in the covered tomograms by the new
 * predictions (status 'candidate'). Reviewed picks are never removed or changed.
 */
export function applyModelOutput(map: PickMap, output: ModelOutput): PickDiff {
  const scope = new Set(output.tomograms);
  const makeId = output.makeId ?? (() => newPickId(output.source === 'model' ? 'm' : 'c'));
  const skipRadius = output.skipNearReviewed;
  if (skipRadius !== undefined && !(skipRadius >= 0 && Number.isFinite(skipRadius))) {
    throw new PickEditError(`apply model output: skipNearReviewed must be ≥ 0, got ${skipRadius}`);
  }
  const diff = emptyDiff();
  for (const pick of map.values()) {
    if (pick.source === output.source && isUnreviewed(pick) && scope.has(pick.tomogram)) diff.removed.set(pick.id, pick);
  }
  const reviewedGrids = skipRadius ? reviewedPickGrids(map, scope, skipRadius) : undefined;
  output.picks.forEach((input, index) => {
    const what = `model output pick ${index + 1}`;
    checkNewPick(input, what);
    if (!scope.has(input.tomogram)) {
      throw new PickEditError(`${what}: tomogram "${input.tomogram}" is not among the covered tomograms`);
    }
    if (reviewedGrids && skipRadius && isNear(reviewedGrids.get(input.tomogram), input, skipRadius)) return;
    const id = makeId();
    if (map.has(id) || diff.added.has(id)) throw new PickEditError(`${what}: id "${id}" is already used`);
    diff.added.set(id, createPick(input, id, output.source, 'candidate'));
  });
  return diff;
}

function reviewedPickGrids(map: PickMap, scope: ReadonlySet<string>, radius: number): Map<string, PointGrid> {
  const byTomogram = new Map<string, Pick[]>();
  for (const pick of map.values()) {
    if (!scope.has(pick.tomogram) || isUnreviewed(pick)) continue;
    const list = byTomogram.get(pick.tomogram);
    if (list) list.push(pick);
    else byTomogram.set(pick.tomogram, [pick]);
  }
  return new Map([...byTomogram].map(([tomogram, picks]) => [tomogram, new PointGrid(picks, radius)]));
}

function isNear(grid: PointGrid | undefined, p: PickPosition, radius: number): boolean {
  let near = false;
  grid?.forEachWithin(p.x, p.y, p.z, radius, () => (near = true));
  return near;
}
