/**
 * im2col and its adjoint col2im for NDHWC conv3d: row r of the column matrix holds the receptive
 * field of output voxel m0 + r (taps in kd, kh, kw order, input channels fastest: the filter's
 * [kd, kh, kw, inC] order), zeros where the field leaves the volume. Working on a chunk of output
 * voxels keeps the matrix cache-sized.
 */
import type { Conv3dGeometry } from './conv3d-geometry.ts';

/** Output voxel index m → (batch, z, y, x) as a mutable cursor. */
interface Cursor {
  b: number;
  z: number;
  y: number;
  x: number;
}

function cursorAt(g: Conv3dGeometry, m: number): Cursor {
  const x = m % g.outW;
  let rest = (m - x) / g.outW;
  const y = rest % g.outH;
  rest = (rest - y) / g.outH;
  const z = rest % g.outD;
  return { b: (rest - z) / g.outD, z, y, x };
}

function advance(g: Conv3dGeometry, c: Cursor): void {
  if (++c.x < g.outW) return;
  c.x = 0;
  if (++c.y < g.outH) return;
  c.y = 0;
  if (++c.z < g.outD) return;
  c.z = 0;
  c.b++;
}

/**
 * Fills rows [0, rowsPadded) of `col` (row stride `lda` ≥ patch length) with the receptive fields
 * of output voxels m0 … m0 + rows − 1; rows past `rows` (padding to the tile edge) are zeroed.
 */
export function im2col(
  x: Float32Array,
  g: Conv3dGeometry,
  m0: number,
  rows: number,
  rowsPadded: number,
  col: Float32Array,
  lda: number,
): void {
  const { inD, inH, inW, inC, kD, kH, kW } = g;
  const cursor = cursorAt(g, m0);
  for (let r = 0; r < rows; r++) {
    let dst = r * lda;
    const z0 = cursor.z * g.strideD - g.padFront;
    const y0 = cursor.y * g.strideH - g.padTop;
    const x0 = cursor.x * g.strideW - g.padLeft;
    const volumeBase = cursor.b * inD;
    for (let kz = 0; kz < kD; kz++) {
      const iz = z0 + kz;
      const zInside = iz >= 0 && iz < inD;
      for (let ky = 0; ky < kH; ky++) {
        const iy = y0 + ky;
        const rowInside = zInside && iy >= 0 && iy < inH;
        const rowBase = ((volumeBase + iz) * inH + iy) * inW;
        if (rowInside && x0 >= 0 && x0 + kW <= inW) {
          // The whole kernel row is inside: its kW·inC values are contiguous in x.
          let src = (rowBase + x0) * inC;
          const end = dst + kW * inC;
          while (dst < end) col[dst++] = x[src++]!;
          continue;
        }
        for (let kx = 0; kx < kW; kx++) {
          const ix = x0 + kx;
          if (rowInside && ix >= 0 && ix < inW) {
            let src = (rowBase + ix) * inC;
            for (let c = 0; c < inC; c++) col[dst++] = x[src++]!;
          } else {
            for (let c = 0; c < inC; c++) col[dst++] = 0;
          }
        }
      }
    }
    advance(g, cursor);
  }
  if (rowsPadded > rows) col.fill(0, rows * lda, rowsPadded * lda);
}

/** Adjoint of im2col: adds row r of `col` back onto the input voxels output voxel m0 + r reads. */
export function col2imAdd(
  col: Float32Array,
  lda: number,
  g: Conv3dGeometry,
  m0: number,
  rows: number,
  dx: Float32Array,
): void {
  const { inD, inH, inW, inC, kD, kH, kW } = g;
  const cursor = cursorAt(g, m0);
  for (let r = 0; r < rows; r++) {
    let src = r * lda;
    const z0 = cursor.z * g.strideD - g.padFront;
    const y0 = cursor.y * g.strideH - g.padTop;
    const x0 = cursor.x * g.strideW - g.padLeft;
    const volumeBase = cursor.b * inD;
    for (let kz = 0; kz < kD; kz++) {
      const iz = z0 + kz;
      const zInside = iz >= 0 && iz < inD;
      for (let ky = 0; ky < kH; ky++) {
        const iy = y0 + ky;
        const rowInside = zInside && iy >= 0 && iy < inH;
        const rowBase = ((volumeBase + iz) * inH + iy) * inW;
        for (let kx = 0; kx < kW; kx++) {
          const ix = x0 + kx;
          if (rowInside && ix >= 0 && ix < inW) {
            let dst = (rowBase + ix) * inC;
            for (let c = 0; c < inC; c++) dx[dst++]! += col[src++]!;
          } else {
            src += inC;
          }
        }
      }
    }
    advance(g, cursor);
  }
}
