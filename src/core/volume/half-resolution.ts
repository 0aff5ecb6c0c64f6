/**
 * Half resolution along every axis with the binomial [1, 3, 3, 1] / 8 kernel: output voxel i sits
 * at input position 2i + ½ (as a 2× block mean's centre), size ⌈n/2⌉, edges mirrored. Unlike the
 * 2× block mean (bin.ts: a display and memory tool), it folds little noise back below the new
 * Nyquist frequency (response cos³(πf) instead of |sinc(2f)|), so a Gaussian derivative taken on
 * the coarse grid measures what it measures on the fine one, also on noise. It smooths by a
 * variance of HALF_RESOLUTION_VARIANCE input voxels² per axis.
 */
import { reflectIndex, type Shape3 } from './patch-grid.ts';

export const HALF_RESOLUTION_VARIANCE = 0.75;

const W_OUTER = 1 / 8;
const W_INNER = 3 / 8;

/** Source indices of the four taps of every output position along an axis of length n. */
function tapIndices(n: number): Int32Array {
  const half = Math.ceil(n / 2);
  const taps = new Int32Array(4 * half);
  for (let i = 0; i < half; i++) for (let t = 0; t < 4; t++) taps[4 * i + t] = reflectIndex(2 * i - 1 + t, n);
  return taps;
}

/**
 * Halves the middle axis of a [block, n, outer] layout: `outer` groups of n units of `block`
 * contiguous values (block = 1 halves x; block = nx halves y; block = nx·ny, outer = 1 halves z).
 */
function halveAxis(input: ArrayLike<number>, block: number, n: number, outer: number): Float32Array {
  const half = Math.ceil(n / 2);
  const taps = tapIndices(n);
  const out = new Float32Array(block * half * outer);
  for (let g = 0; g < outer; g++) {
    const inBase = g * n * block;
    const outBase = g * half * block;
    for (let i = 0; i < half; i++) {
      const a = inBase + taps[4 * i]! * block;
      const b = inBase + taps[4 * i + 1]! * block;
      const c = inBase + taps[4 * i + 2]! * block;
      const d = inBase + taps[4 * i + 3]! * block;
      const o = outBase + i * block;
      for (let k = 0; k < block; k++) out[o + k] = W_OUTER * (input[a + k]! + input[d + k]!) + W_INNER * (input[b + k]! + input[c + k]!);
    }
  }
  return out;
}

/** The field at half resolution (x fastest in and out; any numeric array in, so integer volumes need no float copy). */
export function halfResolution(input: ArrayLike<number>, shape: Shape3): { data: Float32Array; shape: Shape3 } {
  const [nx, ny, nz] = shape;
  if (input.length !== nx * ny * nz) throw new Error(`half resolution: ${input.length} values for a ${shape.join('×')} field`);
  const [hx, hy, hz] = [Math.ceil(nx / 2), Math.ceil(ny / 2), Math.ceil(nz / 2)];
  // z first, then y, then x: each pass reads what the last one shrank.
  const z = halveAxis(input, nx * ny, nz, 1);
  const y = halveAxis(z, nx, ny, hz);
  const x = halveAxis(y, 1, nx, hy * hz);
  return { data: x, shape: [hx, hy, hz] };
}
