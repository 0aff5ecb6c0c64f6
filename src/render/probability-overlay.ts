/**
 * The class-probability overlay of a slice view as an RGBA image at data resolution, shared by the
 * WebGL2 renderer (uploaded as an RGBA8 texture and blended over the slice) and the CPU painter
 * (put into an offscreen canvas), so both show the same pixels. Pure: no DOM, tested in Node.
 *
 * Slabs: each class's map is the *maximum* over the slab's sections (the slab range of the grey
 * image), so a particle anywhere in a thick slab shows, as it does in the averaged image. Each
 * pixel shows the class with the highest probability, in its class colour, with alpha
 * opacity·p when p ≥ threshold and nothing below.
 */
import { slabRange, sliceShape, type SliceAxis } from '../core/volume/slice.ts';

export interface OverlayMaps {
  nx: number;
  ny: number;
  nz: number;
  classIds: readonly number[];
  maps: readonly Uint8Array[];
}

export interface OverlayStyle {
  /** CSS hex colour ('#rgb' or '#rrggbb') per class id; classes without one are drawn grey. */
  colorOf: (classId: number) => string | undefined;
  threshold: number;
  opacity: number;
}

/** Row-major like SliceImage (row 0 = lowest y or z), 4 bytes per pixel, not premultiplied. */
export interface OverlayImage {
  width: number;
  height: number;
  data: Uint8ClampedArray;
}

const FALLBACK_RGB: [number, number, number] = [200, 200, 200];

/** '#rgb' / '#rrggbb' → [r, g, b]; anything else gives the fallback grey. */
export function hexToRgb(color: string | undefined): [number, number, number] {
  const m = color?.trim().match(/^#([0-9a-f]{3}|[0-9a-f]{6})$/i);
  if (!m) return FALLBACK_RGB;
  const hex = m[1]!.length === 3 ? [...m[1]!].map((c) => c + c).join('') : m[1]!;
  return [0, 2, 4].map((k) => parseInt(hex.slice(k, k + 2), 16)) as [number, number, number];
}

/** Strides of (column, row, depth) of a section of `axis` in an x-fastest grid. */
function strides(m: OverlayMaps, axis: SliceAxis): [number, number, number] {
  const plane = m.nx * m.ny;
  if (axis === 'xy') return [1, m.nx, plane];
  if (axis === 'xz') return [1, plane, m.nx];
  return [m.nx, plane, 1];
}

/**
 * Raises best[c + width·r] to map's value at (c, r, depth) for depth in first..last, noting `label`
 * where it wins: over all maps this is each class's slab maximum, then the most probable class.
 */
function raiseToSlabMax(
  map: Uint8Array,
  s: [number, number, number],
  width: number,
  height: number,
  first: number,
  last: number,
  label: number,
  best: Uint8Array,
  bestClass: Uint16Array,
): void {
  const [sc, sr, sd] = s;
  for (let d = first; d <= last; d++) {
    for (let r = 0, o = 0; r < height; r++) {
      let i = d * sd + r * sr;
      for (let c = 0; c < width; c++, o++, i += sc) {
        const v = map[i]!;
        if (v > best[o]!) {
          best[o] = v;
          bestClass[o] = label;
        }
      }
    }
  }
}

/**
 * The overlay of section `index` (slab of `thickness`) along `axis`.
 * @param out reused between calls to avoid garbage; must hold width × height × 4 bytes.
 */
export function composeProbabilityOverlay(
  m: OverlayMaps,
  axis: SliceAxis,
  index: number,
  thickness: number,
  style: OverlayStyle,
  out?: Uint8ClampedArray,
): OverlayImage {
  const { width, height, depth } = sliceShape(m, axis);
  if (!Number.isInteger(index) || index < 0 || index >= depth) throw new RangeError(`${axis} overlay index ${index} is outside 0..${depth - 1}`);
  if (!Number.isInteger(thickness) || thickness < 1) throw new RangeError(`slab thickness must be a positive integer, got ${thickness}`);
  if (!(style.threshold >= 0 && style.threshold <= 1) || !(style.opacity >= 0 && style.opacity <= 1)) {
    throw new RangeError(`overlay threshold and opacity must lie in [0, 1], got ${style.threshold} and ${style.opacity}`);
  }
  const pixels = width * height;
  const data = out ?? new Uint8ClampedArray(4 * pixels);
  if (data.length !== 4 * pixels) throw new RangeError(`overlay buffer holds ${data.length} bytes; a ${axis} section needs ${4 * pixels}`);

  const [first, last] = slabRange(index, thickness, depth);
  const s = strides(m, axis);
  const best = new Uint8Array(pixels);
  const bestClass = new Uint16Array(pixels); // k + 1 of the winning map; 0 = none
  m.maps.forEach((map, k) => raiseToSlabMax(map, s, width, height, first, last, k + 1, best, bestClass));

  const colors = m.classIds.map((id) => hexToRgb(style.colorOf(id)));
  // A stored value v stands for p = v/255: shown when v ≥ 255·threshold (and never at p = 0).
  const level = Math.max(1, Math.round(255 * style.threshold));
  for (let i = 0, o = 0; i < pixels; i++, o += 4) {
    const v = best[i]!;
    if (v < level) {
      data[o] = data[o + 1] = data[o + 2] = data[o + 3] = 0;
      continue;
    }
    const [r, g, b] = colors[bestClass[i]! - 1]!;
    data[o] = r;
    data[o + 1] = g;
    data[o + 2] = b;
    data[o + 3] = Math.round(style.opacity * v);
  }
  return { width, height, data };
}

export interface OverlayKey {
  maps: OverlayMaps;
  axis: SliceAxis;
  index: number;
  thickness: number;
  /** Colours of the map's classes, in classIds order (compared as values). */
  colors: readonly string[];
  threshold: number;
  opacity: number;
}

/** Recomposes the overlay only when maps, section, slab, colours or style change; reuses one buffer. */
export class ProbabilityOverlaySource {
  private key: OverlayKey | undefined;
  private image: OverlayImage | undefined;
  /** Counts recompositions (the image buffer is reused, so its identity does not tell). */
  version = 0;

  get(key: OverlayKey): { image: OverlayImage; changed: boolean } {
    const k = this.key;
    if (
      this.image &&
      k &&
      k.maps === key.maps &&
      k.axis === key.axis &&
      k.index === key.index &&
      k.thickness === key.thickness &&
      k.threshold === key.threshold &&
      k.opacity === key.opacity &&
      k.colors.join() === key.colors.join()
    ) {
      return { image: this.image, changed: false };
    }
    const { width, height } = sliceShape(key.maps, key.axis);
    const reusable = this.image?.data.length === 4 * width * height ? this.image.data : undefined;
    const colorById = new Map(key.maps.classIds.map((id, i) => [id, key.colors[i]]));
    this.image = composeProbabilityOverlay(key.maps, key.axis, key.index, key.thickness, { colorOf: (id) => colorById.get(id), threshold: key.threshold, opacity: key.opacity }, reusable);
    this.key = { ...key, colors: [...key.colors] };
    this.version++;
    return { image: this.image, changed: true };
  }
}
