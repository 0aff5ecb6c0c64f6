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
type ClassLook = Readonly<{ color: ClassDef['color']; radiusAngstrom: ClassDef['radiusAngstrom'] }>;

/** Same fallbacks as the slice views for a pick whose class is not (yet) defined. */
export const UNKNOWN_CLASS: ClassLook = { color: '#cccccc', radiusAngstrom: 100 };

function batchOf(picks: readonly Pick[], classes: ReadonlyMap<number, ClassLook>, voxelSize: Triple): InstanceBatch {
  const n = picks.length;
  const batch: InstanceBatch = { ids: new Array<string>(n), matrices: new Float32Array(16 * n), colors: new Float32Array(3 * n) };
  const colorCache = new Map<string, Color>();
  for (let i = 0; i < n; i++) {
    const pick = picks[i]!;
    const cls = classes.get(pick.classId) ?? UNKNOWN_CLASS;
    const m = batch.matrices;
    const o = 16 * i;
    m[o] = cls.radiusAngstrom / voxelSize[0];
    m[o + 5] = cls.radiusAngstrom / voxelSize[1];
    m[o + 10] = cls.radiusAngstrom / voxelSize[2];
    m[o + 12] = pick.x;
    m[o + 13] = pick.y;
    m[o + 14] = pick.z;
    m[o + 15] = 1;
    let color = colorCache.get(cls.color);
    if (!color) colorCache.set(cls.color, (color = new Color(cls.color)));
    batch.colors[3 * i] = color.r;
    batch.colors[3 * i + 1] = color.g;
    batch.colors[3 * i + 2] = color.b;
    batch.ids[i] = pick.id;
  }
  return batch;
}

export function pickInstances(picks: readonly Pick[], classes: readonly ClassDef[], voxelSize: Triple): PickInstances {
  const byId = new Map(classes.map((c) => [c.id, c]));
  return {
    shown: batchOf(picks.filter((p) => p.status !== 'rejected'), byId, voxelSize),
    rejected: batchOf(picks.filter((p) => p.status === 'rejected'), byId, voxelSize),
  };
}
