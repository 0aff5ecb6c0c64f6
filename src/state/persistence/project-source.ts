/**
 * The project as the autosaver sees it, read from the studio's stores. An interface so the
 * autosaver's tests drive it with plain objects instead of the app's singletons.
 */
import type { PickMap } from '../../core/picks/pick-collection.ts';
import { picksOfTomogram } from '../../core/picks/pick-queries.ts';
import type { ClassDef, Split } from '../../core/picks/pick.ts';
import type { ReviewMap } from '../../core/picks/review-document.ts';
import type { MaskMap } from '../../core/mask/mask-document.ts';
import { toSavedFixList, toSavedPick, type BinFactor, type ProjectTomogramRef, type SavedExclusionMask, type SavedFixList, type SavedPick, type TomogramFormat } from '../../core/project/project.ts';
import type { TomogramStorage } from './project-db.ts';

export interface SessionTomogram {
  /** Session id (TomogramEntry.id): changes on every reload. */
  id: string;
  name: string;
  format: TomogramFormat;
  split: Split;
  shape: [number, number, number];
  voxelSize: [number, number, number];
}

export interface ProjectState {
  tomograms: readonly SessionTomogram[];
  classes: readonly ClassDef[];
  activeTomogramId: string | undefined;
  slabThickness: number;
  activeClassId: number;
  picks: PickMap;
  /** The correction review's fix lists by session tomogram id (absent: none). */
  review?: ReviewMap;
  /** Painted exclusion masks by session tomogram id (absent: none). */
  masks?: MaskMap;
}

export interface ProjectSource {
  read(): ProjectState;
  /** Calls back after any change; returns the unsubscribe function. */
  subscribe(onChange: () => void): () => void;
}

/** How a tomogram was opened: where its bytes come back from, and the binning to apply again. */
export interface TomogramOrigin {
  storage: TomogramStorage;
  bin: BinFactor;
  fileSize?: number;
}

export function defaultOrigin(tomogram: SessionTomogram): TomogramOrigin {
  if (tomogram.format === 'simulated') return { storage: { kind: 'simulated' }, bin: 1 };
  return { storage: { kind: 'none', reason: 'no copy was kept; open the file again' }, bin: 1 };
}

export function tomogramRef(tomogram: SessionTomogram, key: string, origin: TomogramOrigin): ProjectTomogramRef {
  const ref: ProjectTomogramRef = {
    key,
    name: tomogram.name,
    format: tomogram.format,
    split: tomogram.split,
    bin: origin.bin,
    shape: [...tomogram.shape],
    voxelSize: [...tomogram.voxelSize],
  };
  if (origin.fileSize !== undefined) ref.fileSize = origin.fileSize;
  return ref;
}

/** The saved form of a tomogram's fix list, or undefined when it has none. */
export function savedReviewOf(review: ReviewMap | undefined, sessionId: string): SavedFixList | undefined {
  const list = review?.get(sessionId);
  return list && toSavedFixList(list);
}

/** The saved form of a tomogram's painted mask, or undefined when it has no strokes. */
export function savedMaskOf(masks: MaskMap | undefined, sessionId: string): SavedExclusionMask | undefined {
  const mask = masks?.get(sessionId);
  return mask && mask.strokes.length > 0 ? { strokes: [...mask.strokes] } : undefined;
}

/** Sorted by id, so the saved record does not depend on the pick map's internal order. */
export function savedPicksOf(picks: PickMap, sessionId: string): SavedPick[] {
  return picksOfTomogram(picks, sessionId)
    .map(toSavedPick)
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
