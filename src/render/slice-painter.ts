/**
 * Draws a contrast-windowed slice into a view canvas through a ViewTransform. The slice lives in an
 * offscreen canvas at data resolution, so zoom, pan and pick edits only re-blit it
 * (nearest-neighbour); the slice is re-extracted only when volume, axis, index, slab or contrast change.
 */
import { extractSlice, type SliceAxis } from '../core/volume/slice.ts';
import type { Volume } from '../core/volume/volume.ts';
import { applyWindow } from '../core/volume/window.ts';
import type { ViewTransform } from './view-transform.ts';

interface SliceKey {
  volume: Volume;
  axis: SliceAxis;
  index: number;
  thickness: number;
  window: ContrastWindow;
}

function sameKey(a: SliceKey | undefined, b: SliceKey): boolean {
  return !!a && a.volume === b.volume && a.axis === b.axis && a.index === b.index && a.thickness === b.thickness && a.window === b.window;
}

export interface ContrastWindow {
  low: number;
  high: number;
  invert: boolean;
}

export class SlicePainter {
  private readonly offscreen = document.createElement('canvas');
  private readonly offscreenContext: CanvasRenderingContext2D;
  private image: ImageData | undefined;
  /** Reused between slices: a 1024² float slice is 4 MB. */
  private buffer: Float32Array | undefined;
  private key: SliceKey | undefined;

  constructor() {
    const context = this.offscreen.getContext('2d');
    if (!context) throw new Error('This browser cannot draw 2D canvases');
    this.offscreenContext = context;
  }

  /** Extracts and windows the slice unless it is the one already shown. */
  update(key: SliceKey): void {
    if (sameKey(this.key, key)) return;
    this.key = key;
    const slice = extractSlice(key.volume, key.axis, key.index, key.thickness, this.buffer);
    this.buffer = slice.data;
    const { window } = key;
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
