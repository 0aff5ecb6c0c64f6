/**
 * Copies a volume into a larger power-of-two box for the FFT, filling the margin by mirror
 * reflection: the first half of the margin reflects the high edge, the second half the low edge,
 * so the periodic continuation the FFT assumes has no jump at either side (like scipy's 'reflect'
 * boundary). Axes that are already powers of two are left periodic.
 */
import { nextPowerOfTwo } from '../volume/fft.ts';
import { toFloat32, type Volume } from '../volume/volume.ts';

export type Shape3 = readonly [number, number, number];

export function paddedShape(volume: Pick<Volume, 'nx' | 'ny' | 'nz'>): [number, number, number] {
  return [nextPowerOfTwo(volume.nx), nextPowerOfTwo(volume.ny), nextPowerOfTwo(volume.nz)];
}

/** Source index along an axis of length n for padded position j in [0, m). */
export function mirrorIndex(j: number, n: number, m: number): number {
  if (j < n) return j;
  const margin = m - n;
  const p = j - n;
  const source = p < margin / 2 ? n - 1 - p : m - 1 - j;
  return Math.min(n - 1, Math.max(0, source));
}

/** Writes the padded volume (minus `offset`) into `out` (length of the padded shape). */
export function mirrorPad(volume: Volume, padded: Shape3, out: Float32Array, offset = 0): void {
  const { nx, ny, nz } = volume;
  const [px, py, pz] = padded;
  const row = new Float32Array(nx);
  const xSource = Int32Array.from({ length: px }, (_, j) => mirrorIndex(j, nx, px));
  for (let z = 0; z < pz; z++) {
    const sz = mirrorIndex(z, nz, pz);
    for (let y = 0; y < py; y++) {
      const sy = mirrorIndex(y, ny, py);
      toFloat32(volume, nx * (sy + ny * sz), nx, row);
      const base = px * (y + py * z);
      for (let x = 0; x < px; x++) out[base + x] = row[xSource[x]!]! - offset;
    }
  }
}
