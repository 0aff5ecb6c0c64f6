/** Which volume axes (0 = x, 1 = y, 2 = z) a plane's u, v and normal run along (cf. core/volume/slice.ts). */
import type { SliceAxis } from '../volume/slice.ts';

export const PLANE_AXES: Readonly<Record<SliceAxis, readonly [u: number, v: number, normal: number]>> = {
  xy: [0, 1, 2],
  xz: [0, 2, 1],
  yz: [1, 2, 0],
};
