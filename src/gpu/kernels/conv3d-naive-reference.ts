/**
 * Float64 conv3d written straight from the definition, one (output voxel, tap) pair at a time:
 * the yardstick the fast kernels and tfjs's kernels are tested against. Slow on purpose.
 */
import {
  type Conv3dGeometry,
  filterLength,
  inputLength,
  outputLength,
} from './conv3d-geometry.ts';

/** Calls visit(xVoxel, yVoxel, tap) for every output voxel and every tap that lands inside x. */
function forEachTap(g: Conv3dGeometry, visit: (xVoxel: number, yVoxel: number, tap: number) => void): void {
  let yVoxel = 0;
  for (let b = 0; b < g.batch; b++)
    for (let oz = 0; oz < g.outD; oz++)
      for (let oy = 0; oy < g.outH; oy++)
        for (let ox = 0; ox < g.outW; ox++, yVoxel++) {
          let tap = 0;
          for (let kz = 0; kz < g.kD; kz++)
            for (let ky = 0; ky < g.kH; ky++)
              for (let kx = 0; kx < g.kW; kx++, tap++) {
                const iz = oz * g.strideD - g.padFront + kz;
                const iy = oy * g.strideH - g.padTop + ky;
                const ix = ox * g.strideW - g.padLeft + kx;
                if (iz < 0 || iy < 0 || ix < 0 || iz >= g.inD || iy >= g.inH || ix >= g.inW) continue;
                visit(((b * g.inD + iz) * g.inH + iy) * g.inW + ix, yVoxel, tap);
              }
        }
}

export function naiveConv3d(x: ArrayLike<number>, filter: ArrayLike<number>, g: Conv3dGeometry): Float64Array {
  const y = new Float64Array(outputLength(g));
  const { inC, outC } = g;
  forEachTap(g, (xv, yv, tap) => {
    for (let ci = 0; ci < inC; ci++)
      for (let co = 0; co < outC; co++) y[yv * outC + co]! += x[xv * inC + ci]! * filter[(tap * inC + ci) * outC + co]!;
  });
  return y;
}

export function naiveConv3dBackpropInput(
  dy: ArrayLike<number>,
  filter: ArrayLike<number>,
  g: Conv3dGeometry,
): Float64Array {
  const dx = new Float64Array(inputLength(g));
  const { inC, outC } = g;
  forEachTap(g, (xv, yv, tap) => {
    for (let ci = 0; ci < inC; ci++)
      for (let co = 0; co < outC; co++) dx[xv * inC + ci]! += dy[yv * outC + co]! * filter[(tap * inC + ci) * outC + co]!;
  });
  return dx;
}

export function naiveConv3dBackpropFilter(x: ArrayLike<number>, dy: ArrayLike<number>, g: Conv3dGeometry): Float64Array {
  const dw = new Float64Array(filterLength(g));
  const { inC, outC } = g;
  forEachTap(g, (xv, yv, tap) => {
    for (let ci = 0; ci < inC; ci++)
      for (let co = 0; co < outC; co++) dw[(tap * inC + ci) * outC + co]! += x[xv * inC + ci]! * dy[yv * outC + co]!;
  });
  return dw;
}

/** Seeded uniform values in [−1, 1) from a 32-bit LCG (Numerical Recipes constants): reproducible test inputs. */
export function seededUniform(n: number, seed: number): Float32Array {
  let s = seed >>> 0;
  return Float32Array.from({ length: n }, () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2147483648 - 1;
  });
}
