import type { Pick } from '../core/picks/pick.ts';
import { useViewStore } from '../state/view-store.ts';

/** Selects a pick and brings every view to it (linked crosshair). */
export function focusPick(pick: Pick): void {
  const view = useViewStore.getState();
  view.selectPick(pick.id);
  view.setPosition({ x: Math.round(pick.x), y: Math.round(pick.y), z: Math.round(pick.z) });
}
