/**
 * Conv3DBackpropFilterV2 on Float32Arrays: dW[tap·inC, outC] = im2col(x)ᵀ · dy, summed into a
 * Float64 accumulator.
 * - stride 1: per z-plane and tap, one GEMM reducing over the whole plane read straight from a
 *   zero-bordered copy of x (no im2col matrix);
 * - other strides: im2col chunk by chunk of output voxels.
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
import { gemmAtB } from './gemm.ts';
import { im2col } from './im2col-3d.ts';
import { chunkRows, roundUp4, scratchFloat32, scratchFloat64 } from './scratch.ts';
import { fillPaddedInput, paddedInputLayout } from './stride1-padded-input.ts';

/** dFilter of conv3d(x, filter) given dy (the gradient of its output); writes every value of `out`. */
export function conv3dBackpropFilter(
  x: Float32Array,
  dy: Float32Array,
  g: Conv3dGeometry,
  out: Float32Array = new Float32Array(filterLength(g)),
): Float32Array {
  assertLength('x', x, inputLength(g));
  assertLength('dy', dy, outputLength(g));
  assertLength('filter gradient', out, filterLength(g));
  if (g.strideD === 1 && g.strideH === 1 && g.strideW === 1) return backpropFilterStride1(x, dy, g, out);
  const patch = patchLength(g);
  const lda = roundUp4(patch);
  const outC = g.outC;
  const n = roundUp4(outC);
  const chunk = chunkRows(lda);
  const col = scratchFloat32('conv3d.col', chunk * lda);
  const dyRows = scratchFloat32('conv3d.dyRows', chunk * n);
  const sum = scratchFloat64('conv3d.backpropFilter.sum', lda * n);
  sum.fill(0);
  const voxels = outputVoxels(g);
  for (let m0 = 0; m0 < voxels; m0 += chunk) {
    const rows = Math.min(chunk, voxels - m0);
    const rowsPadded = roundUp4(rows);
    im2col(x, g, m0, rows, rowsPadded, col, lda);
    if (n === outC) {
      dyRows.set(dy.subarray(m0 * outC, (m0 + rows) * outC));
      dyRows.fill(0, rows * n, rowsPadded * n);
    } else {
      // Padding columns and rows must be zero: they enter the sums.
      dyRows.fill(0, 0, rowsPadded * n);
      let src = m0 * outC;
      for (let r = 0; r < rows; r++) {
        const dst = r * n;
        for (let c = 0; c < outC; c++) dyRows[dst + c] = dy[src++]!;
      }
    }
    gemmAtB(col, 0, lda, lda, dyRows, 0, n, sum, 0, rowsPadded);
  }
  for (let k = 0; k < patch; k++) {
    for (let c = 0; c < outC; c++) out[k * outC + c] = sum[k * n + c]!;
  }
  return out;
}

function backpropFilterStride1(x: Float32Array, dy: Float32Array, g: Conv3dGeometry, out: Float32Array): Float32Array {
  const { inC, outD, outH, outW, outC } = g;
  const n = roundUp4(outC);
  const inCp = roundUp4(inC);
  const layout = paddedInputLayout(g, outW);
  const { heightP, widthP, tapOffsets, padded } = layout;
  const taps = tapOffsets.length;
  // One z-plane of dy on the padded lines (row oy·widthP + ox), zero where ox ≥ outW, so the
  // GEMM can run over the plane as one strided block; padding rows and columns stay zero.
  const planeRows = outH * widthP;
  const dyPlane = scratchFloat32('conv3d.dyRows', planeRows * n);
  dyPlane.fill(0);
  // Rows inC … inCp−1 of each tap collect neighbouring channels' products and are dropped.
  const sum = scratchFloat64('conv3d.backpropFilter.sum', taps * inCp * n);
  sum.fill(0);
  let src = 0;
  for (let b = 0; b < g.batch; b++) {
    fillPaddedInput(x, g, b, layout);
    for (let oz = 0; oz < outD; oz++) {
      for (let oy = 0; oy < outH; oy++) {
        for (let ox = 0; ox < outW; ox++) {
          const dst = (oy * widthP + ox) * n;
          for (let c = 0; c < outC; c++) dyPlane[dst + c] = dy[src++]!;
        }
      }
      const planeBase = oz * heightP * widthP * inC;
      for (let t = 0; t < taps; t++) {
        gemmAtB(padded, planeBase + tapOffsets[t]!, inC, inCp, dyPlane, 0, n, sum, t * inCp * n, planeRows);
      }
    }
  }
  for (let t = 0; t < taps; t++) {
    for (let ci = 0; ci < inC; ci++) {
      for (let c = 0; c < outC; c++) out[(t * inC + ci) * outC + c] = sum[(t * inCp + ci) * n + c]!;
    }
  }
  return out;
}
