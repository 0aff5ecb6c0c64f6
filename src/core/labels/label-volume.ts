/**
 * Label maps read from files (e.g. a labels.mrc opened with openVolume): integer class ids 0…255
 * stored in any MRC dtype, turned into the Uint8Array class map training uses.
 */
import type { Shape3 } from '../volume/patch-grid.ts';
import { voxelValue, type Volume } from '../volume/volume.ts';

/** The class map of a label volume; throws on negative, fractional, non-finite or > 255 values. */
export function labelMapFromVolume(volume: Pick<Volume, 'dtype' | 'data'>): Uint8Array {
  const { data } = volume;
  const out = new Uint8Array(data.length);
  let bad = 0;
  let firstBad = -1;
  for (let i = 0; i < data.length; i++) {
    const v = volume.dtype === 'float16' || volume.dtype === 'float32' ? voxelValue(volume, i) : data[i]!;
    if (v >= 0 && v <= 255 && Number.isInteger(v)) {
      out[i] = v;
    } else {
      if (firstBad < 0) firstBad = i;
      bad++;
    }
  }
  if (bad > 0) {
    throw new Error(
      `Label volume has ${bad} voxel(s) that are not class ids 0…255 (negative, fractional or too large); ` +
        `the first is voxel ${firstBad} with value ${voxelValue(volume, firstBad)}.`,
    );
  }
  return out;
}

/** Throws unless a label volume has the tomogram's shape (no resampling is done). */
export function checkLabelShape(labels: Pick<Volume, 'nx' | 'ny' | 'nz'>, tomogram: Shape3 | Pick<Volume, 'nx' | 'ny' | 'nz'>): void {
  const a = [labels.nx, labels.ny, labels.nz];
  const b = Array.isArray(tomogram) ? [...(tomogram as Shape3)] : [(tomogram as Volume).nx, (tomogram as Volume).ny, (tomogram as Volume).nz];
  if (a.some((n, k) => n !== b[k])) {
    throw new Error(`Label volume is ${a.join('×')} voxels but the tomogram is ${b.join('×')}; they must have the same shape.`);
  }
}
