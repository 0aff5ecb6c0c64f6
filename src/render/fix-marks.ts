/**
 * The correction review's pending fixes in a slice view, drawn over the pick glyphs in the same
 * canvas pass: add = dashed circle in the class colour, remove = the pick crossed out, relabel =
 * a ring round the pick in the new class's colour. The selected fix is ringed in white; fixes
 * below the bulk-accept threshold are drawn fainter. The 3D view draws the same fixes as wireframe
 * spheres (scene3d/fix-markers.ts).
 */
import type { FixMark } from '../core/picks/fix-marks.ts';
import { strokeSelectionRing } from './pick-glyphs.ts';
import { toCanvas, type ViewTransform } from './view-transform.ts';

export interface FixMarkStyle {
  colorOf(classId: number): string;
  selectedId: string | undefined;
  threshold: number;
  devicePixelRatio: number;
}

export const REMOVE_COLOR = '#ff453a';

/** Returns the number of marks drawn. */
export function drawFixMarks(context: CanvasRenderingContext2D, marks: readonly FixMark[], t: ViewTransform, style: FixMarkStyle): number {
  const dpr = style.devicePixelRatio;
  for (const { pick: fix, u, v, r } of marks) {
    const [x, y] = toCanvas(t, u, v);
    const radius = Math.max(r * t.scale, 4 * dpr);
    context.save();
    context.globalAlpha = fix.confidence >= style.threshold ? 0.95 : 0.4;
    context.lineWidth = 2 * dpr;
    context.beginPath();
    if (fix.kind === 'add') {
      context.strokeStyle = style.colorOf(fix.classId);
      context.setLineDash([3 * dpr, 3 * dpr]);
      context.arc(x, y, radius, 0, 2 * Math.PI);
    } else if (fix.kind === 'remove') {
      context.strokeStyle = REMOVE_COLOR;
      const k = radius * 0.8;
      context.moveTo(x - k, y - k);
      context.lineTo(x + k, y + k);
      context.moveTo(x + k, y - k);
      context.lineTo(x - k, y + k);
    } else {
      context.strokeStyle = style.colorOf(fix.classId);
      context.lineWidth = 3 * dpr;
      context.arc(x, y, radius + 4 * dpr, 0, 2 * Math.PI);
    }
    context.stroke();
    if (fix.id === style.selectedId) {
      context.globalAlpha = 1;
      strokeSelectionRing(context, x, y, radius + 8 * dpr, 1.5 * dpr);
    }
    context.restore();
  }
  return marks.length;
}
