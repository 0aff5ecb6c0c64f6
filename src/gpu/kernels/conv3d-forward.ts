/**
 * Conv3D forward on Float32Arrays (NDHWC x, filter [kd, kh, kw, inC, outC], any stride and padding,
 * dilation 1), as a GEMM with the filter as a [taps·inC, outC] matrix:
 * - stride 1 (the U-Net's 3×3×3 and 1×1×1 convs, and every stride-1 input gradient): implicit
 *   GEMM on a zero-bordered copy of the input, no im2col matrix (im2col was a third of the time);
 * - other strides: im2col of a cache-sized chunk of output voxels, then the GEMM.
 */
import {
  assertLength,
  type Conv3dGeometry,
  filterLength,
  inputLength,
  outputLength,
  outputVoxels,
  patchLength,
} from './conv3d-geometry.ts';
import { gemmAB, gemmTapped } from './gemm.ts';
import { im2col } from './im2col-3d.ts';
import { chunkRows, roundUp4, scratchFloat32 } from './scratch.ts';
import { fillPaddedInput, paddedInputLayout } from './stride1-padded-input.ts';

/** y = conv3d(x, filter) for geometry `g`; writes every value of `out`. */
export function conv3dForward(
  x: Float32Array,
  filter: Float32Array,
  g: Conv3dGeometry,
  out: Float32Array = new Float32Array(outputLength(g)),
): Float32Array {
  assertLength('x', x, inputLength(g));
  assertLength('filter', filter, filterLength(g));
  assertLength('output', out, outputLength(g));
  const outC = g.outC;
  const n = roundUp4(outC);
  const patch = patchLength(g);
  const weights = n === outC ? filter : padFilterColumns(filter, patch, outC, n);
  if (g.strideD === 1 && g.strideH === 1 && g.strideW === 1) return forwardStride1(x, weights, n, g, out);
  const lda = roundUp4(patch);
  const chunk = chunkRows(lda);
  const col = scratchFloat32('conv3d.col', chunk * lda);
  const product = scratchFloat32('conv3d.product', chunk * n);
  const voxels = outputVoxels(g);
  for (let m0 = 0; m0 < voxels; m0 += chunk) {
    const rows = Math.min(chunk, voxels - m0);
    const rowsPadded = roundUp4(rows);
    im2col(x, g, m0, rows, rowsPadded, col, lda);
    gemmAB(col, lda, weights, n, product, rowsPadded, patch);
    if (n === outC) {
      out.set(product.subarray(0, rows * n), m0 * outC);
    } else {
      let dst = m0 * outC;
      for (let r = 0; r < rows; r++) {
        const src = r * n;
        for (let c = 0; c < outC; c++) out[dst++] = product[src + c]!;
      }
    }
  }
  return out;
}

/**
 * Stride 1: batch by batch, the input goes once into a zero-bordered volume whose lines hold whole
 * 4-voxel tiles; output line (z, y) is then one implicit GEMM whose tap offsets point into it.
 */
function forwardStride1(
  x: Float32Array,
  weights: Float32Array,
  n: number,
  g: Conv3dGeometry,
  out: Float32Array,
): Float32Array {
  const { inC, outD, outH, outW, outC } = g;
  const lineW = roundUp4(outW);
  const layout = paddedInputLayout(g, lineW);
  const { heightP, widthP, tapOffsets, padded } = layout;
  const line = scratchFloat32('conv3d.product', lineW * n);
  let dst = 0;
  for (let b = 0; b < g.batch; b++) {
    fillPaddedInput(x, g, b, layout);
    for (let oz = 0; oz < outD; oz++) {
      for (let oy = 0; oy < outH; oy++) {
        gemmTapped(padded, (oz * heightP + oy) * widthP * inC, inC, tapOffsets, inC, weights, n, line, lineW);
        if (n === outC) {
          out.set(line.subarray(0, outW * n), dst);
          dst += outW * n;
        } else {
          for (let r = 0; r < outW; r++) {
            for (let c = 0; c < outC; c++) out[dst++] = line[r * n + c]!;
          }
        }
      }
    }
  }
  return out;
}

/** The filter as a [patch, n] matrix with zero columns past outC (the GEMM tiles by 4). */
function padFilterColumns(filter: Float32Array, patch: number, outC: number, n: number): Float32Array {
  const padded = scratchFloat32('conv3d.forward.weights', patch * n);
  padded.fill(0);
  for (let k = 0; k < patch; k++) {
    for (let c = 0; c < outC; c++) padded[k * n + c] = filter[k * outC + c]!;
  }
  return padded;
}
