/**
 * For stride-1 convolutions without an im2col matrix: one batch item of the input copied into a
 * zero-bordered volume in which every tap of every output voxel is in bounds, so tap (kz, ky, kx)
 * of output voxel (z, y, x) sits at a fixed offset from that voxel's own position:
 * padded[((z + kz)·heightP + y + ky)·widthP + x + kx]. Lines are `lineWidth` output voxels long
 * (≥ outW, rounded up for whole micro-kernel tiles).
 */
import type { Conv3dGeometry } from './conv3d-geometry.ts';
import { scratchFloat32 } from './scratch.ts';

export interface PaddedInputLayout {
  heightP: number;
  widthP: number;
  /** Offsets (in floats) of the kD·kH·kW taps from an output voxel's position, filter order. */
  tapOffsets: Int32Array;
  padded: Float32Array;
}

export function paddedInputLayout(g: Conv3dGeometry, lineWidth: number): PaddedInputLayout {
  const { inC, kD, kH, kW } = g;
  const heightP = g.outH + kH - 1;
  const widthP = lineWidth + kW - 1;
  const depthP = g.outD + kD - 1;
  if (g.inD + g.padFront > depthP || g.inH + g.padTop > heightP || g.inW + g.padLeft > widthP) {
    throw new Error('conv3d: stride-1 padding larger than the kernel, which tfjs never produces');
  }
  const tapOffsets = new Int32Array(kD * kH * kW);
  let t = 0;
  for (let kz = 0; kz < kD; kz++)
    for (let ky = 0; ky < kH; ky++)
      for (let kx = 0; kx < kW; kx++) tapOffsets[t++] = ((kz * heightP + ky) * widthP + kx) * inC;
  // Slack past the end: whole-plane GEMMs read up to kW voxels (+ a tile of channels) beyond it.
  const padded = scratchFloat32('conv3d.padded', (depthP * heightP * widthP + kW + 1) * inC + 4);
  return { heightP, widthP, tapOffsets, padded };
}

/** Zeroes layout.padded and copies batch item `b` of x into it. */
export function fillPaddedInput(x: Float32Array, g: Conv3dGeometry, b: number, layout: PaddedInputLayout): void {
  const { inD, inH, inW, inC, padFront, padTop, padLeft } = g;
  const { heightP, widthP, padded } = layout;
  padded.fill(0);
  const inLine = inW * inC;
  for (let iz = 0; iz < inD; iz++) {
    for (let iy = 0; iy < inH; iy++) {
      const src = ((b * inD + iz) * inH + iy) * inLine;
      padded.set(x.subarray(src, src + inLine), (((iz + padFront) * heightP + iy + padTop) * widthP + padLeft) * inC);
    }
  }
}
