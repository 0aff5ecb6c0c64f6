/**
 * Draws the mask overlays (mask-overlay.ts) and the brush on a slice view's 2D overlay canvas:
 * the overlay is put into an offscreen canvas at data resolution once per change and re-blitted on
 * every frame (zoom/pan); the stroke being painted and the brush circle are vector drawing.
 */
import { AUTO_RGB, PAINTED_RGB, type MaskOverlay } from './mask-overlay.ts';
import { RgbaBlitter } from './rgba-blitter.ts';
import { toCanvas, type ViewTransform } from './view-transform.ts';

export class MaskOverlayPainter {
  private readonly blitter = new RgbaBlitter();
  private shown: MaskOverlay | undefined;

  /** Uploads `overlay` when it is not the one already uploaded. */
  update(overlay: MaskOverlay): void {
    if (overlay === this.shown) return;
    this.shown = overlay;
    this.blitter.upload(overlay.width, overlay.height, overlay.data);
  }

  draw(context: CanvasRenderingContext2D, t: ViewTransform): void {
    if (!this.shown || this.shown.paintedPixels + this.shown.autoPixels === 0) return;
    this.blitter.draw(context, t);
  }
}

const rgba = (rgb: readonly number[], alpha: number) => `rgba(${rgb[0]}, ${rgb[1]}, ${rgb[2]}, ${alpha})`;

/** The stroke being painted: a thick round-capped line as wide as the brush. */
export function drawLiveStroke(context: CanvasRenderingContext2D, t: ViewTransform, points: readonly number[], radiusVoxels: number, erasing: boolean): void {
  if (points.length < 2) return;
  context.save();
  context.strokeStyle = context.fillStyle = erasing ? 'rgba(255, 255, 255, 0.35)' : rgba(PAINTED_RGB, 0.5);
  context.lineWidth = 2 * radiusVoxels * t.scale;
  context.lineCap = context.lineJoin = 'round';
  const [x0, y0] = toCanvas(t, points[0]!, points[1]!);
  context.beginPath();
  if (points.length === 2) {
    context.arc(x0, y0, radiusVoxels * t.scale, 0, 2 * Math.PI);
    context.fill();
  } else {
    context.moveTo(x0, y0);
    for (let k = 2; k < points.length; k += 2) context.lineTo(...toCanvas(t, points[k]!, points[k + 1]!));
    context.stroke();
  }
  context.restore();
}

/** The brush outline under the pointer (the canvas hides the system cursor while painting). */
export function drawBrushCursor(context: CanvasRenderingContext2D, t: ViewTransform, u: number, v: number, radiusVoxels: number, erasing: boolean, devicePixelRatio: number): void {
  const [x, y] = toCanvas(t, u, v);
  context.save();
  context.lineWidth = 1.5 * devicePixelRatio;
  context.strokeStyle = erasing ? '#ffffff' : rgba(PAINTED_RGB, 1);
  context.setLineDash(erasing ? [4 * devicePixelRatio, 3 * devicePixelRatio] : []);
  context.beginPath();
  context.arc(x, y, Math.max(radiusVoxels * t.scale, 2 * devicePixelRatio), 0, 2 * Math.PI);
  context.stroke();
  context.restore();
}

/** CSS colours of the two overlays, for legends. */
export const MASK_LEGEND = { painted: rgba(PAINTED_RGB, 1), auto: rgba(AUTO_RGB, 1) } as const;
