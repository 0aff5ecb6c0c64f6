/**
 * MAPC/MAPR/MAPS reordering: crystallographic maps store e.g. y fastest; every consumer here
 * assumes x fastest (i = x + nx*(y + ny*z)), so permuted files are reordered once after reading.
 */
import { allocateVoxels, type VoxelArray, type VoxelDType } from '../../volume/volume.ts';
import { toXyz } from './mrc-geometry.ts';

export function isStandardAxisOrder(axisOfFileAxis: readonly number[]): boolean {
  return axisOfFileAxis[0] === 0 && axisOfFileAxis[1] === 1 && axisOfFileAxis[2] === 2;
}

/**
 * `data` is in file order (columns fastest, then rows, then sections); returns a new array in
 * x-fastest order. `axisOfFileAxis[k]` is the spatial axis (0 = x) of file axis k.
 */
export function reorderToXFastest(
  data: VoxelArray,
  dtype: VoxelDType,
  fileDims: readonly [number, number, number],
  axisOfFileAxis: readonly [number, number, number],
): VoxelArray {
  const [nc, nr, ns] = fileDims;
  const [nx, ny] = toXyz(fileDims, axisOfFileAxis);
  const strideOfAxis = [1, nx, nx * ny];
  const sc = strideOfAxis[axisOfFileAxis[0]]!;
  const sr = strideOfAxis[axisOfFileAxis[1]]!;
  const ss = strideOfAxis[axisOfFileAxis[2]]!;
  const out = allocateVoxels(dtype, data.length);
  let i = 0;
  for (let s = 0; s < ns; s++) {
    for (let r = 0; r < nr; r++) {
      let o = s * ss + r * sr;
      for (let c = 0; c < nc; c++, o += sc) out[o] = data[i++]!;
    }
  }
  return out;
}
