/**
 * An RGBA image kept in an offscreen canvas at data resolution and re-blitted, unsmoothed, through
 * the view transform on every frame: zoom and pan never recompose it. Used by the CPU probability
 * overlay and the mask overlays.
 */
import type { ViewTransform } from './view-transform.ts';

export class RgbaBlitter {
  private readonly offscreen = document.createElement('canvas');
  private readonly offscreenContext: CanvasRenderingContext2D;

  constructor() {
    const context = this.offscreen.getContext('2d');
    if (!context) throw new Error('This browser cannot draw 2D canvases');
    this.offscreenContext = context;
  }

  /** Copies `rgba` (width × height × 4 bytes) in; ImageData wants an ArrayBuffer-backed view of its own. */
  upload(width: number, height: number, rgba: ArrayLike<number>): void {
    if (this.offscreen.width !== width || this.offscreen.height !== height) {
      this.offscreen.width = width;
      this.offscreen.height = height;
    }
    const data = new ImageData(width, height);
    data.data.set(rgba);
    this.offscreenContext.putImageData(data, 0, 0);
  }

  /** Source-over on what the context already holds. */
  draw(context: CanvasRenderingContext2D, t: ViewTransform): void {
    context.save();
    context.imageSmoothingEnabled = false;
    context.drawImage(this.offscreen, t.offsetX, t.offsetY, this.offscreen.width * t.scale, this.offscreen.height * t.scale);
    context.restore();
  }
}
