/**
 * Checks untrusted saved data (a project file, or what IndexedDB gives back after a crash or a
 * downgrade) field by field, so a bad file fails with a message that says where, instead of
 * surfacing later as a NaN coordinate or a missing class.
 */
import { MASK_PLANES, MASK_STROKE_KINDS, type MaskStroke } from '../mask/stroke.ts';
import { SPLITS, type ClassDef, type PickSource, type PickStatus } from '../picks/pick.ts';
import type { BinFactor, ProjectSettings, ProjectTomogramRef, SavedExclusionMask, SavedFixList, SavedLabelFix, SavedPick, TomogramFormat } from './project.ts';

export class ProjectDataError extends Error {
  constructor(
    readonly path: string,
    detail: string,
  ) {
    super(`${path} ${detail}`);
    this.name = 'ProjectDataError';
  }
}

type Obj = Record<string, unknown>;

export function asObject(value: unknown, path: string): Obj {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new ProjectDataError(path, 'must be an object');
  return value as Obj;
}

export function asArray(value: unknown, path: string): unknown[] {
  if (!Array.isArray(value)) throw new ProjectDataError(path, 'must be an array');
  return value;
}

export function asString(value: unknown, path: string): string {
  if (typeof value !== 'string' || value.length === 0) throw new ProjectDataError(path, 'must be a non-empty string');
  return value;
}

export function asNumber(value: unknown, path: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new ProjectDataError(path, `must be a finite number (got ${JSON.stringify(value)})`);
  return value;
}

function asInteger(value: unknown, path: string, min: number): number {
  const n = asNumber(value, path);
  if (!Number.isInteger(n) || n < min) throw new ProjectDataError(path, `must be an integer ≥ ${min} (got ${n})`);
  return n;
}

function asPositive(value: unknown, path: string): number {
  const n = asNumber(value, path);
  if (n <= 0) throw new ProjectDataError(path, `must be positive (got ${n})`);
  return n;
}

function asOneOf<T extends string | number>(value: unknown, allowed: readonly T[], path: string): T {
  if (!allowed.includes(value as T)) throw new ProjectDataError(path, `must be one of ${allowed.map((a) => JSON.stringify(a)).join(', ')} (got ${JSON.stringify(value)})`);
  return value as T;
}

function asTriple(value: unknown, path: string, each: (v: unknown, p: string) => number): [number, number, number] {
  const list = asArray(value, path);
  if (list.length !== 3) throw new ProjectDataError(path, `must have 3 entries (got ${list.length})`);
  return [each(list[0], `${path}[0]`), each(list[1], `${path}[1]`), each(list[2], `${path}[2]`)];
}

const SOURCES: readonly PickSource[] = ['manual', 'imported', 'proposal', 'model', 'corrected'];
const STATUSES: readonly PickStatus[] = ['candidate', 'accepted', 'rejected'];
const FORMATS: readonly TomogramFormat[] = ['mrc', 'tiff', 'simulated'];
const BINS: readonly BinFactor[] = [1, 2, 4];

export function readClass(value: unknown, path: string): ClassDef {
  const o = asObject(value, path);
  return {
    id: asInteger(o.id, `${path}.id`, 1),
    name: asString(o.name, `${path}.name`),
    color: asString(o.color, `${path}.color`),
    radiusAngstrom: asPositive(o.radiusAngstrom, `${path}.radiusAngstrom`),
    // Optional (files from before classes could be hidden lack it): only `true` is kept.
    ...(readHidden(o.hidden, `${path}.hidden`) ? { hidden: true } : {}),
  };
}

function readHidden(value: unknown, path: string): boolean {
  if (value === undefined) return false;
  if (typeof value !== 'boolean') throw new ProjectDataError(path, `must be true or false (got ${JSON.stringify(value)})`);
  return value;
}

export function readClasses(value: unknown, path: string): ClassDef[] {
  const classes = asArray(value, path).map((c, i) => readClass(c, `${path}[${i}]`));
  const seen = new Set<number>();
  classes.forEach((c, i) => {
    if (seen.has(c.id)) throw new ProjectDataError(`${path}[${i}].id`, `repeats class id ${c.id}`);
    seen.add(c.id);
  });
  return classes;
}

export function readSavedPick(value: unknown, path: string): SavedPick {
  const o = asObject(value, path);
  const pick: SavedPick = {
    id: asString(o.id, `${path}.id`),
    x: asNumber(o.x, `${path}.x`),
    y: asNumber(o.y, `${path}.y`),
    z: asNumber(o.z, `${path}.z`),
    classId: asInteger(o.classId, `${path}.classId`, 0),
    source: asOneOf(o.source, SOURCES, `${path}.source`),
    status: asOneOf(o.status, STATUSES, `${path}.status`),
  };
  if (o.score !== undefined) pick.score = asNumber(o.score, `${path}.score`);
  return pick;
}

export function readSavedPicks(value: unknown, path: string): SavedPick[] {
  return asArray(value, path).map((p, i) => readSavedPick(p, `${path}[${i}]`));
}

const FIX_KINDS: readonly SavedLabelFix['kind'][] = ['add', 'remove', 'relabel'];

function readSavedFix(value: unknown, path: string): SavedLabelFix {
  const o = asObject(value, path);
  const fix: SavedLabelFix = {
    id: asString(o.id, `${path}.id`),
    kind: asOneOf(o.kind, FIX_KINDS, `${path}.kind`),
    x: asNumber(o.x, `${path}.x`),
    y: asNumber(o.y, `${path}.y`),
    z: asNumber(o.z, `${path}.z`),
    classId: asInteger(o.classId, `${path}.classId`, 0),
    confidence: asNumber(o.confidence, `${path}.confidence`),
    voxels: asInteger(o.voxels, `${path}.voxels`, 0),
  };
  if (o.fromClassId !== undefined) fix.fromClassId = asInteger(o.fromClassId, `${path}.fromClassId`, 0);
  if (o.pickIndex !== undefined) fix.pickIndex = asInteger(o.pickIndex, `${path}.pickIndex`, 0);
  if (o.pickId !== undefined) fix.pickId = asString(o.pickId, `${path}.pickId`);
  return fix;
}

/** A saved correction-review list: fix ids unique, rejections naming fixes of the list. */
export function readSavedFixList(value: unknown, path: string): SavedFixList {
  const o = asObject(value, path);
  const fixes = asArray(o.fixes, `${path}.fixes`).map((f, i) => readSavedFix(f, `${path}.fixes[${i}]`));
  const ids = new Set<string>();
  fixes.forEach((f, i) => {
    if (ids.has(f.id)) throw new ProjectDataError(`${path}.fixes[${i}].id`, `repeats fix id "${f.id}"`);
    ids.add(f.id);
  });
  const rejected = asArray(o.rejected, `${path}.rejected`).map((id, i) => {
    const fixId = asString(id, `${path}.rejected[${i}]`);
    if (!ids.has(fixId)) throw new ProjectDataError(`${path}.rejected[${i}]`, `names fix "${fixId}", which is not in the list`);
    return fixId;
  });
  return { modelName: asString(o.modelName, `${path}.modelName`), fixes, rejected };
}

function readMaskStroke(value: unknown, path: string): MaskStroke {
  const o = asObject(value, path);
  const points = asArray(o.points, `${path}.points`).map((p, i) => asNumber(p, `${path}.points[${i}]`));
  if (points.length === 0 || points.length % 2 !== 0) throw new ProjectDataError(`${path}.points`, `must hold u, v pairs (got ${points.length} numbers)`);
  return {
    plane: asOneOf(o.plane, MASK_PLANES, `${path}.plane`),
    index: asInteger(o.index, `${path}.index`, 0),
    thickness: asInteger(o.thickness, `${path}.thickness`, 1),
    radius: asPositive(o.radius, `${path}.radius`),
    kind: asOneOf(o.kind, MASK_STROKE_KINDS, `${path}.kind`),
    points,
  };
}

/** A saved painted mask: its strokes, each checked field by field. */
export function readSavedMask(value: unknown, path: string): SavedExclusionMask {
  const o = asObject(value, path);
  return { strokes: asArray(o.strokes, `${path}.strokes`).map((s, i) => readMaskStroke(s, `${path}.strokes[${i}]`)) };
}

export function readTomogramRef(value: unknown, path: string): ProjectTomogramRef {
  const o = asObject(value, path);
  const ref: ProjectTomogramRef = {
    key: asString(o.key, `${path}.key`),
    name: asString(o.name, `${path}.name`),
    format: asOneOf(o.format, FORMATS, `${path}.format`),
    split: asOneOf(o.split, SPLITS, `${path}.split`),
    bin: asOneOf(o.bin, BINS, `${path}.bin`),
    shape: asTriple(o.shape, `${path}.shape`, (v, p) => asInteger(v, p, 1)),
    voxelSize: asTriple(o.voxelSize, `${path}.voxelSize`, asPositive),
  };
  if (o.fileSize !== undefined) ref.fileSize = asInteger(o.fileSize, `${path}.fileSize`, 0);
  return ref;
}

export function readSettings(value: unknown, path: string): ProjectSettings {
  const o = asObject(value, path);
  const settings: ProjectSettings = {
    slabThickness: asInteger(o.slabThickness, `${path}.slabThickness`, 1),
    activeClassId: asInteger(o.activeClassId, `${path}.activeClassId`, 0),
  };
  if (o.activeTomogram !== undefined) settings.activeTomogram = asString(o.activeTomogram, `${path}.activeTomogram`);
  return settings;
}
