/**
 * Per-instance data of the pick spheres, computed without touching WebGL so it can be tested in
 * Node: a column-major 4×4 matrix (ellipsoid semi-axes radiusÅ / voxelSize per axis, which the
 * volume frame's scale turns back into a sphere, centre at the pick) and a linear RGB colour.
 * Rejected picks go to a separate batch, drawn faint.
 */
import { Color } from 'three';
import type { ClassDef, Pick } from '../../core/picks/pick.ts';
import type { Triple } from './volume-frame.ts';

export interface InstanceBatch {
  /** Pick id of each instance, for raycast hits. */
  ids: string[];
  /** 16 floats per instance. */
  matrices: Float32Array;
  /** 3 floats (linear RGB) per instance. */
  colors: Float32Array;
}

export interface PickInstances {
  shown: InstanceBatch;
  rejected: InstanceBatch;
}

/** What a sphere needs of its class (`Pick` here is the pick type, not TypeScript's utility). */
export type ClassLook = Readonly<{ color: ClassDef['color']; radiusAngstrom: ClassDef['radiusAngstrom'] }>;

/** Same fallbacks as the slice views for a pick whose class is not (yet) defined. */
export const UNKNOWN_CLASS: ClassLook = { color: '#cccccc', radiusAngstrom: 100 };

/** Anything drawn as a sphere at a voxel position: a pick, a pending label fix. */
export interface SphereItem {
  id: string;
  x: number;
  y: number;
  z: number;
}

/** Instances of `items`, each looking like `lookOf(item)` (colour, radius in Å). */
export function instanceBatch<T extends SphereItem>(items: readonly T[], lookOf: (item: T) => ClassLook, voxelSize: Triple): InstanceBatch {
  const n = items.length;
  const batch: InstanceBatch = { ids: new Array<string>(n), matrices: new Float32Array(16 * n), colors: new Float32Array(3 * n) };
  const colorCache = new Map<string, Color>();
  for (let i = 0; i < n; i++) {
    const item = items[i]!;
    const look = lookOf(item);
    const m = batch.matrices;
    const o = 16 * i;
    m[o] = look.radiusAngstrom / voxelSize[0];
    m[o + 5] = look.radiusAngstrom / voxelSize[1];
    m[o + 10] = look.radiusAngstrom / voxelSize[2];
    m[o + 12] = item.x;
    m[o + 13] = item.y;
    m[o + 14] = item.z;
    m[o + 15] = 1;
    let color = colorCache.get(look.color);
    if (!color) colorCache.set(look.color, (color = new Color(look.color)));
    batch.colors[3 * i] = color.r;
    batch.colors[3 * i + 1] = color.g;
    batch.colors[3 * i + 2] = color.b;
    batch.ids[i] = item.id;
  }
  return batch;
}

export function pickInstances(picks: readonly Pick[], classes: readonly ClassDef[], voxelSize: Triple): PickInstances {
  const byId = new Map(classes.map((c) => [c.id, c]));
  const lookOf = (pick: Pick) => byId.get(pick.classId) ?? UNKNOWN_CLASS;
  return {
    shown: instanceBatch(picks.filter((p) => p.status !== 'rejected'), lookOf, voxelSize),
    rejected: instanceBatch(picks.filter((p) => p.status === 'rejected'), lookOf, voxelSize),
  };
}
