/** Paints a float slice into a 2D canvas with a contrast window (one ImageData, reused per size). */
import { applyWindow } from '../core/volume/window.ts';
import type { SliceImage } from '../core/volume/slice.ts';

export interface ContrastWindow {
  low: number;
  high: number;
  invert: boolean;
}

export class SlicePainter {
  private image: ImageData | undefined;
  private readonly context: CanvasRenderingContext2D;

  constructor(private readonly canvas: HTMLCanvasElement) {
    const context = canvas.getContext('2d');
    if (!context) throw new Error('This browser cannot draw 2D canvases');
    this.context = context;
  }

  paint(slice: SliceImage, window: ContrastWindow): void {
    if (this.canvas.width !== slice.width || this.canvas.height !== slice.height) {
      this.canvas.width = slice.width;
      this.canvas.height = slice.height;
    }
    if (!this.image || this.image.width !== slice.width || this.image.height !== slice.height) {
      this.image = this.context.createImageData(slice.width, slice.height);
    }
    applyWindow(slice.data, window.low, window.high, window.invert, this.image.data);
    this.context.putImageData(this.image, 0, 0);
  }
}
