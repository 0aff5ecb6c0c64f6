/**
 * Mask overlays of a slice view as an RGBA image at data resolution (pure, tested in Node): the
 * painted exclusion hatched in orange, the automatic mask of the last proposals run (where the
 * painted one keeps) tinted blue. Only excluded voxels are drawn; kept ones stay clear.
 */
import type { OverlayImage } from './probability-overlay.ts';

export const PAINTED_RGB: readonly [number, number, number] = [255, 110, 30];
export const AUTO_RGB: readonly [number, number, number] = [60, 140, 255];
/** Hatch period in voxels along the diagonal: half the stripes full, half faint. */
const HATCH = 4;

export interface MaskOverlay extends OverlayImage {
  /** Excluded pixels drawn, for tests and the e2e hook. */
  paintedPixels: number;
  autoPixels: number;
}

/**
 * @param painted section of the painted keep-mask (1 = keep), or undefined when hidden
 * @param auto section of the run's keep-mask, or undefined when hidden / none
 */
export function composeMaskOverlay(width: number, height: number, painted: Uint8Array | undefined, auto: Uint8Array | undefined, opacity: number, out?: Uint8ClampedArray): MaskOverlay {
  const pixels = width * height;
  for (const [name, section] of [['painted', painted], ['auto', auto]] as const) {
    if (section && section.length !== pixels) throw new RangeError(`the ${name} mask section holds ${section.length} values; the view needs ${width} × ${height} = ${pixels}`);
  }
  if (!(opacity >= 0 && opacity <= 1)) throw new RangeError(`mask overlay opacity must lie in [0, 1], got ${opacity}`);
  const data = out ?? new Uint8ClampedArray(4 * pixels);
  if (data.length !== 4 * pixels) throw new RangeError(`overlay buffer holds ${data.length} bytes; the view needs ${4 * pixels}`);
  const strong = Math.round(255 * opacity);
  const faint = Math.round(255 * opacity * 0.4);
  const tint = Math.round(255 * opacity * 0.7);
  let paintedPixels = 0;
  let autoPixels = 0;
  for (let r = 0, i = 0, o = 0; r < height; r++) {
    for (let c = 0; c < width; c++, i++, o += 4) {
      let rgb: readonly number[] | undefined;
      let alpha = 0;
      if (painted && painted[i] === 0) {
        rgb = PAINTED_RGB;
        alpha = (c + r) % HATCH < HATCH / 2 ? strong : faint;
        paintedPixels++;
      } else if (auto && auto[i] === 0) {
        rgb = AUTO_RGB;
        alpha = tint;
        autoPixels++;
      }
      if (!rgb) {
        data[o] = data[o + 1] = data[o + 2] = data[o + 3] = 0;
        continue;
      }
      data[o] = rgb[0]!;
      data[o + 1] = rgb[1]!;
      data[o + 2] = rgb[2]!;
      data[o + 3] = alpha;
    }
  }
  return { width, height, data, paintedPixels, autoPixels };
}
