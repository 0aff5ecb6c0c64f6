import type { PickMap } from '../../core/picks/pick-collection.ts';

/**
 * Tomograms whose picks differ between two snapshots of the pick map. Edits replace the Pick
 * objects they touch and share the rest, so identity comparison finds every change in one pass.
 */
export function tomogramsWithChangedPicks(before: PickMap, after: PickMap): Set<string> {
  const changed = new Set<string>();
  if (before === after) return changed;
  for (const pick of after.values()) {
    const old = before.get(pick.id);
    if (old === pick) continue;
    changed.add(pick.tomogram);
    if (old) changed.add(old.tomogram);
  }
  for (const old of before.values()) if (!after.has(old.id)) changed.add(old.tomogram);
  return changed;
}
