/**
 * Pick glyphs in a slice view: each pick's sphere cross-section, coloured by class and styled by
 * status (candidate dashed, accepted solid, rejected faint and crossed) and source (model and
 * proposal picks thinner), the selected pick highlighted.
 */
import type { CrossSection } from '../core/picks/cross-section.ts';
import { toCanvas, type ViewTransform } from './view-transform.ts';

export interface GlyphStyle {
  colorOf(classId: number): string;
  selectedId: string | undefined;
  devicePixelRatio: number;
}

export function drawPickGlyphs(context: CanvasRenderingContext2D, sections: readonly CrossSection[], t: ViewTransform, style: GlyphStyle): void {
  const dpr = style.devicePixelRatio;
  for (const { pick, u, v, r } of sections) {
    const [x, y] = toCanvas(t, u, v);
    const radius = Math.max(r * t.scale, 3 * dpr);
    const selected = pick.id === style.selectedId;
    context.save();
    context.strokeStyle = style.colorOf(pick.classId);
    context.globalAlpha = pick.status === 'rejected' ? 0.35 : 1;
    context.lineWidth = (selected ? 3 : pick.source === 'model' || pick.source === 'proposal' ? 1.2 : 1.8) * dpr;
    context.setLineDash(pick.status === 'candidate' ? [4 * dpr, 3 * dpr] : []);
    context.beginPath();
    context.arc(x, y, radius, 0, 2 * Math.PI);
    context.stroke();
    if (pick.status === 'rejected') {
      const k = radius * 0.5;
      context.setLineDash([]);
      context.beginPath();
      context.moveTo(x - k, y - k);
      context.lineTo(x + k, y + k);
      context.moveTo(x + k, y - k);
      context.lineTo(x - k, y + k);
      context.stroke();
    }
    if (selected) strokeSelectionRing(context, x, y, radius + 3 * dpr, dpr);
    context.restore();
  }
}

/** Crosshair at the linked position (u, v) of the other two views. */
export function drawCrosshair(context: CanvasRenderingContext2D, t: ViewTransform, u: number, v: number, width: number, height: number): void {
  const [x, y] = toCanvas(t, u, v);
  context.save();
  context.strokeStyle = 'rgba(255, 214, 10, 0.45)';
  context.lineWidth = 1;
  context.setLineDash([6, 6]);
  context.beginPath();
  context.moveTo(0, y);
  context.lineTo(width, y);
  context.moveTo(x, 0);
  context.lineTo(x, height);
  context.stroke();
  context.restore();
}

/** The white ring around a selected glyph (picks and label fixes), solid, `width` CSS pixels. */
export function strokeSelectionRing(context: CanvasRenderingContext2D, x: number, y: number, radius: number, width: number): void {
  context.setLineDash([]);
  context.strokeStyle = '#ffffff';
  context.lineWidth = width;
  context.beginPath();
  context.arc(x, y, radius, 0, 2 * Math.PI);
  context.stroke();
}
