/**
 * The shape arithmetic shared by the three conv3d kernels. Padding follows tfjs exactly (its
 * `computeConv3DInfo`), so our kernels and tfjs's agree on what 'same' means for even kernels.
 */
import * as tf from '@tensorflow/tfjs';

export type Shape5 = readonly [number, number, number, number, number];
export type Conv3dStrides = number | readonly [number, number, number];
export type Conv3dPad = 'same' | 'valid' | number;

/** NDHWC input/output, filter [kd, kh, kw, inC, outC]; dilation 1. */
export interface Conv3dGeometry {
  batch: number;
  inD: number;
  inH: number;
  inW: number;
  inC: number;
  outD: number;
  outH: number;
  outW: number;
  outC: number;
  kD: number;
  kH: number;
  kW: number;
  strideD: number;
  strideH: number;
  strideW: number;
  padFront: number;
  padTop: number;
  padLeft: number;
}

/** Geometry of conv3d(x of `xShape`, filter of `filterShape`); throws on inconsistent shapes. */
export function conv3dGeometry(
  xShape: readonly number[],
  filterShape: readonly number[],
  strides: Conv3dStrides,
  pad: Conv3dPad,
): Conv3dGeometry {
  if (xShape.length !== 5 || filterShape.length !== 5) {
    throw new Error(`conv3d needs rank-5 x and filter, got [${xShape.join(',')}] and [${filterShape.join(',')}]`);
  }
  if (xShape[4] !== filterShape[3]) {
    throw new Error(`conv3d: x has ${xShape[4]} channels but the filter expects ${filterShape[3]}`);
  }
  const info = tf.backend_util.computeConv3DInfo(
    xShape as unknown as [number, number, number, number, number],
    filterShape as unknown as [number, number, number, number, number],
    strides as number | [number, number, number],
    1,
    pad as 'same' | 'valid',
  );
  return {
    batch: info.batchSize,
    inD: info.inDepth,
    inH: info.inHeight,
    inW: info.inWidth,
    inC: info.inChannels,
    outD: info.outDepth,
    outH: info.outHeight,
    outW: info.outWidth,
    outC: info.outChannels,
    kD: info.filterDepth,
    kH: info.filterHeight,
    kW: info.filterWidth,
    strideD: info.strideDepth,
    strideH: info.strideHeight,
    strideW: info.strideWidth,
    padFront: info.padInfo.front,
    padTop: info.padInfo.top,
    padLeft: info.padInfo.left,
  };
}

export const inputLength = (g: Conv3dGeometry): number => g.batch * g.inD * g.inH * g.inW * g.inC;
export const outputLength = (g: Conv3dGeometry): number => g.batch * g.outD * g.outH * g.outW * g.outC;
export const filterLength = (g: Conv3dGeometry): number => g.kD * g.kH * g.kW * g.inC * g.outC;
/** Output voxels (rows of the im2col matrix). */
export const outputVoxels = (g: Conv3dGeometry): number => g.batch * g.outD * g.outH * g.outW;
/** Filter taps × input channels (columns of the im2col matrix). */
export const patchLength = (g: Conv3dGeometry): number => g.kD * g.kH * g.kW * g.inC;

export function assertLength(what: string, array: Float32Array, expected: number): void {
  if (array.length !== expected) {
    throw new Error(`conv3d: ${what} has ${array.length} values, expected ${expected}`);
  }
}
