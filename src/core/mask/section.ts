/** One section of a voxel keep-mask (e.g. the proposals run's automatic mask) for the slice views. */
import { sliceShape, type SliceAxis } from '../volume/slice.ts';
import type { MaskShape } from './stroke.ts';

/** Section `index` along `axis`, row-major like SliceImage (row 0 = lowest y or z). */
export function maskSection(mask: Uint8Array, shape: MaskShape, axis: SliceAxis, index: number): Uint8Array {
  const [nx, ny, nz] = shape;
  if (mask.length !== nx * ny * nz) throw new RangeError(`the mask holds ${mask.length} voxels but ${nx}×${ny}×${nz} = ${nx * ny * nz} were declared`);
  const { width, height, depth } = sliceShape({ nx, ny, nz }, axis);
  if (!Number.isInteger(index) || index < 0 || index >= depth) throw new RangeError(`${axis} mask section ${index} is outside 0..${depth - 1}`);
  const plane = nx * ny;
  // Strides of (column, row) and the section's offset in an x-fastest grid.
  const [sc, sr, offset] = axis === 'xy' ? [1, nx, index * plane] : axis === 'xz' ? [1, plane, index * nx] : [nx, plane, index];
  const out = new Uint8Array(width * height);
  for (let r = 0, o = 0; r < height; r++) {
    let i = offset + r * sr;
    for (let col = 0; col < width; col++, o++, i += sc) out[o] = mask[i]!;
  }
  return out;
}
