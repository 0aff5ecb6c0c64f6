/**
 * Per-instance data of the pending label fixes in the 3D view (pure, tested in Node), in the slice
 * views' colours: add in its class's colour at the suggested position, remove in red and relabel in
 * the new class's colour round the questioned pick, a little larger than the pick's own sphere so the
 * wireframe is not hidden inside it. Fixes below the bulk-accept threshold go to a fainter batch.
 */
import type { LabelFix } from '../../core/picks/correction-decisions.ts';
import type { ClassDef } from '../../core/picks/pick.ts';
import { REMOVE_COLOR } from '../fix-marks.ts';
import { instanceBatch, UNKNOWN_CLASS, type InstanceBatch } from './pick-instances.ts';
import type { Triple } from './volume-frame.ts';

/** Remove and relabel shells surround the pick's sphere by this factor. */
export const SHELL_SCALE = 1.2;

export interface FixInstances {
  /** Confidence at or above the threshold. */
  confident: InstanceBatch;
  doubtful: InstanceBatch;
}

export function fixInstances(fixes: readonly LabelFix[], classes: readonly ClassDef[], voxelSize: Triple, threshold: number): FixInstances {
  const byId = new Map(classes.map((c) => [c.id, c]));
  const lookOf = (fix: LabelFix) => {
    const cls = byId.get(fix.classId) ?? UNKNOWN_CLASS;
    if (fix.kind === 'add') return cls;
    return { color: fix.kind === 'remove' ? REMOVE_COLOR : cls.color, radiusAngstrom: cls.radiusAngstrom * SHELL_SCALE };
  };
  return {
    confident: instanceBatch(fixes.filter((f) => f.confidence >= threshold), lookOf, voxelSize),
    doubtful: instanceBatch(fixes.filter((f) => f.confidence < threshold), lookOf, voxelSize),
  };
}
