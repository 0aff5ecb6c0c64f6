/**
 * Maps float values to opaque grey RGBA through a contrast window: low → black, high → white,
 * linear between, clamped outside (invert swaps black and white). NaN pixels are black whatever
 * the inversion, so missing data stays visible. With high ≤ low the map is a threshold at low.
 * @param out RGBA bytes (ImageData.data), 4 per value.
 */
export function applyWindow(slice: Float32Array, low: number, high: number, invert: boolean, out: Uint8ClampedArray): void {
  if (out.length !== slice.length * 4) {
    throw new RangeError(`RGBA output holds ${out.length} bytes; ${slice.length} values need ${slice.length * 4}`);
  }
  if (!Number.isFinite(low) || !Number.isFinite(high)) throw new RangeError(`contrast window must be finite, got [${low}, ${high}]`);
  // Multiplying by a precomputed factor is the hot loop's only arithmetic; the clamped array rounds and clips.
  const threshold = !(high > low);
  const scale = threshold ? 0 : 255 / (high - low);
  const sign = invert ? -1 : 1;
  const offset = invert ? 255 : 0;
  for (let i = 0, j = 0; i < slice.length; i++, j += 4) {
    const v = slice[i]!;
    let grey: number;
    if (v !== v) grey = 0;
    else grey = offset + sign * (threshold ? (v >= low ? 255 : 0) : (v - low) * scale);
    out[j] = grey;
    out[j + 1] = grey;
    out[j + 2] = grey;
    out[j + 3] = 255;
  }
}
