/**
 * The CPU fallback for slice images (used where WebGL2 is unavailable) and the slice cache both
 * renderers share. The CPU painter windows the slice into an offscreen canvas at data resolution,
 * so zoom and pan only re-blit it (nearest-neighbour); it re-windows only when the slice or the
 * contrast window change.
 */
import { extractSlice, sliceShape, type SliceAxis, type SliceImage } from '../core/volume/slice.ts';
import type { Volume } from '../core/volume/volume.ts';
import { applyWindow } from '../core/volume/window.ts';
import { ProbabilityOverlaySource, type OverlayKey } from './probability-overlay.ts';
import type { ContrastWindow } from './slice-gl-program.ts';
import type { ViewTransform } from './view-transform.ts';
import { RgbaBlitter } from './rgba-blitter.ts';

export type { ContrastWindow } from './slice-gl-program.ts';

export interface SliceKey {
  volume: Volume;
  axis: SliceAxis;
  index: number;
  thickness: number;
}

/** Extracts a slice only when volume, axis, index or slab change; reuses one buffer (a 1024² slice is 4 MB). */
export class SliceSource {
  private key: SliceKey | undefined;
  private slice: SliceImage | undefined;

  /** The slice for `key`, and whether it differs from the one returned last time. */
  get(key: SliceKey): { slice: SliceImage; changed: boolean } {
    const k = this.key;
    if (this.slice && k && k.volume === key.volume && k.axis === key.axis && k.index === key.index && k.thickness === key.thickness) {
      return { slice: this.slice, changed: false };
    }
    const { width, height } = sliceShape(key.volume, key.axis);
    const reusable = this.slice?.data.length === width * height ? this.slice.data : undefined;
    this.slice = extractSlice(key.volume, key.axis, key.index, key.thickness, reusable);
    this.key = { ...key };
    return { slice: this.slice, changed: true };
  }
}

export class SlicePainter {
  private readonly source = new SliceSource();
  private readonly offscreen = document.createElement('canvas');
  private readonly offscreenContext: CanvasRenderingContext2D;
  private image: ImageData | undefined;
  private window: ContrastWindow | undefined;

  constructor() {
    const context = this.offscreen.getContext('2d');
    if (!context) throw new Error('This browser cannot draw 2D canvases');
    this.offscreenContext = context;
  }

  /** Extracts and windows the slice unless it is the one already shown. */
  update(key: SliceKey, window: ContrastWindow): void {
    const { slice, changed } = this.source.get(key);
    if (!changed && window === this.window) return;
    this.window = window;
    if (this.offscreen.width !== slice.width || this.offscreen.height !== slice.height) {
      this.offscreen.width = slice.width;
      this.offscreen.height = slice.height;
    }
    if (!this.image || this.image.width !== slice.width || this.image.height !== slice.height) {
      this.image = this.offscreenContext.createImageData(slice.width, slice.height);
    }
    applyWindow(slice.data, window.low, window.high, window.invert, this.image.data);
    this.offscreenContext.putImageData(this.image, 0, 0);
  }

  draw(context: CanvasRenderingContext2D, t: ViewTransform): void {
    context.imageSmoothingEnabled = false;
    context.drawImage(this.offscreen, t.offsetX, t.offsetY, this.offscreen.width * t.scale, this.offscreen.height * t.scale);
  }
}

/** The CPU fallback of the probability overlay: composed at data resolution, re-blitted on zoom/pan. */
export class OverlayPainter {
  private readonly source = new ProbabilityOverlaySource();
  private readonly blitter = new RgbaBlitter();
  private version = -1;

  update(key: OverlayKey): void {
    const { image } = this.source.get(key);
    if (this.source.version === this.version) return;
    this.version = this.source.version;
    this.blitter.upload(image.width, image.height, image.data);
  }

  /** Source-over on the slice already drawn, like the GPU path's blend. */
  draw(context: CanvasRenderingContext2D, t: ViewTransform): void {
    this.blitter.draw(context, t);
  }
}
