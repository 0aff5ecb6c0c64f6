/**
 * Particle orientations as RELION Euler angles (rot, tilt, psi; ZYZ, degrees).
 * A simulated particle's `rotation` R maps its own frame into the tomogram (density(x) =
 * shape(Rᵀ·(x − centre))). RELION's matrix A maps tomogram-frame offsets into the reference
 * frame, so A = Rᵀ; the angles returned satisfy relionEulerToMatrix(rot, tilt, psi) = Rᵀ.
 */

const DEG = 180 / Math.PI;

/** Below this |sin(tilt)| the rot/psi split is degenerate: psi is set to 0. */
const GIMBAL_EPS = 1e-9;

/** RELION angles of A given row-major (A[3i + j]), after relion's Euler_matrix2angles. */
function relionAnglesOfMatrix(a: readonly number[]): [number, number, number] {
  const a02 = a[2]!;
  const a12 = a[5]!;
  const a20 = a[6]!;
  const a21 = a[7]!;
  const a22 = a[8]!;
  const sinTilt = Math.hypot(a02, a12);
  if (sinTilt > GIMBAL_EPS) {
    return [Math.atan2(a21, a20) * DEG, Math.atan2(sinTilt, a22) * DEG, Math.atan2(a12, -a02) * DEG];
  }
  // tilt 0: A00 = cos(rot + psi), A01 = sin(rot + psi); tilt 180: A00 = −cos rot, A01 = −sin rot (psi = 0).
  return a22 > 0 ? [Math.atan2(a[1]!, a[0]!) * DEG, 0, 0] : [Math.atan2(-a[1]!, -a[0]!) * DEG, 180, 0];
}

/** RELION (rot, tilt, psi) in degrees of a simulated particle's row-major rotation R. */
export function relionAnglesOfRotation(rotation: readonly number[]): [number, number, number] {
  const r = rotation;
  const transposed = [r[0]!, r[3]!, r[6]!, r[1]!, r[4]!, r[7]!, r[2]!, r[5]!, r[8]!];
  return relionAnglesOfMatrix(transposed);
}
