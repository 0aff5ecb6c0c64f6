/** RELION's Euler convention (rot, tilt, psi; ZYZ), as in relion/src/jaz/math/Euler_angles_relion.h. */
export type Matrix3 = [[number, number, number], [number, number, number], [number, number, number]];

const DEG = Math.PI / 180;

/** Rotation matrix of RELION angles in degrees (same element order as Euler::anglesToMatrix3). */
export function relionEulerToMatrix(rotDeg: number, tiltDeg: number, psiDeg: number): Matrix3 {
  const sp = Math.sin(rotDeg * DEG);
  const cp = Math.cos(rotDeg * DEG);
  const st = Math.sin(tiltDeg * DEG);
  const ct = Math.cos(tiltDeg * DEG);
  const sc = Math.sin(psiDeg * DEG);
  const cc = Math.cos(psiDeg * DEG);
  return [
    [cc * ct * cp - sc * sp, cc * ct * sp + sc * cp, -cc * st],
    [-sc * ct * cp - cc * sp, -sc * ct * sp + cc * cp, sc * st],
    [st * cp, st * sp, ct],
  ];
}

export function multiplyMatrixVector(m: Matrix3, v: [number, number, number]): [number, number, number] {
  return [
    m[0][0] * v[0] + m[0][1] * v[1] + m[0][2] * v[2],
    m[1][0] * v[0] + m[1][1] * v[1] + m[1][2] * v[2],
    m[2][0] * v[0] + m[2][1] * v[1] + m[2][2] * v[2],
  ];
}
