/**
 * Conv3DBackpropInputV2 (also what tf.conv3dTranspose runs) on Float32Arrays.
 * - Stride 1: the adjoint of a stride-1 convolution is a stride-1 convolution of dy with the
 *   spatially flipped, channel-transposed filter, so it runs as conv3dForward (a gather: no
 *   scattered writes, long GEMM reduction).
 * - Other strides (the decoder's 2×2×2 stride-2 transposed conv): dcol = dy · Wᵀ, then col2im
 *   adds each row back onto the input voxels it came from.
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
import { conv3dForward } from './conv3d-forward.ts';
import { gemmAB } from './gemm.ts';
import { col2imAdd } from './im2col-3d.ts';
import { chunkRows, roundUp4, scratchFloat32 } from './scratch.ts';

/** dx of conv3d(x, filter) given dy (the gradient of its output); writes every value of `out`. */
export function conv3dBackpropInput(
  dy: Float32Array,
  filter: Float32Array,
  g: Conv3dGeometry,
  out: Float32Array = new Float32Array(inputLength(g)),
): Float32Array {
  assertLength('dy', dy, outputLength(g));
  assertLength('filter', filter, filterLength(g));
  assertLength('input gradient', out, inputLength(g));
  if (g.strideD === 1 && g.strideH === 1 && g.strideW === 1) {
    return conv3dForward(dy, flippedTransposedFilter(filter, g), adjointGeometry(g), out);
  }
  return backpropInputByCol2im(dy, filter, g, out);
}

/** Geometry of the stride-1 convolution of dy that equals the adjoint of `g`. */
function adjointGeometry(g: Conv3dGeometry): Conv3dGeometry {
  return {
    batch: g.batch,
    inD: g.outD,
    inH: g.outH,
    inW: g.outW,
    inC: g.outC,
    outD: g.inD,
    outH: g.inH,
    outW: g.inW,
    outC: g.inC,
    kD: g.kD,
    kH: g.kH,
    kW: g.kW,
    strideD: 1,
    strideH: 1,
    strideW: 1,
    padFront: g.kD - 1 - g.padFront,
    padTop: g.kH - 1 - g.padTop,
    padLeft: g.kW - 1 - g.padLeft,
  };
}

/** F'[t', co, ci] = F[taps − 1 − t', ci, co]: reversing the flat tap index flips all three axes. */
function flippedTransposedFilter(filter: Float32Array, g: Conv3dGeometry): Float32Array {
  const taps = g.kD * g.kH * g.kW;
  const { inC, outC } = g;
  const flipped = scratchFloat32('conv3d.backpropInput.flipped', filter.length);
  for (let t = 0; t < taps; t++) {
    const src = (taps - 1 - t) * inC * outC;
    const dst = t * outC * inC;
    for (let ci = 0; ci < inC; ci++) {
      for (let co = 0; co < outC; co++) flipped[dst + co * inC + ci] = filter[src + ci * outC + co]!;
    }
  }
  return flipped;
}

function backpropInputByCol2im(
  dy: Float32Array,
  filter: Float32Array,
  g: Conv3dGeometry,
  out: Float32Array,
): Float32Array {
  const patch = patchLength(g);
  const n = roundUp4(patch);
  const outC = g.outC;
  // Wᵀ as [outC, patch] with zero columns up to n (the GEMM tiles by 4).
  const weightsT = scratchFloat32('conv3d.backpropInput.weightsT', outC * n);
  weightsT.fill(0);
  for (let k = 0; k < patch; k++) {
    for (let c = 0; c < outC; c++) weightsT[c * n + k] = filter[k * outC + c]!;
  }
  const chunk = chunkRows(n);
  const dyRows = scratchFloat32('conv3d.dyRows', chunk * outC);
  const dcol = scratchFloat32('conv3d.col', chunk * n);
  out.fill(0);
  const voxels = outputVoxels(g);
  for (let m0 = 0; m0 < voxels; m0 += chunk) {
    const rows = Math.min(chunk, voxels - m0);
    const rowsPadded = roundUp4(rows);
    dyRows.set(dy.subarray(m0 * outC, (m0 + rows) * outC));
    dyRows.fill(0, rows * outC, rowsPadded * outC);
    gemmAB(dyRows, outC, weightsT, n, dcol, rowsPadded, outC);
    col2imAdd(dcol, n, g, m0, rows, out);
  }
  return out;
}
