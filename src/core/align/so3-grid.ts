/**
 * A near-uniform grid of rotations for exhaustive orientation search: directions on a Fibonacci
 * sphere about `step` apart, each with in-plane turns of `step`, composed as ZYZ Euler rotations
 * (φ, θ from the direction, then ψ). Row-major 3×3 matrices, the convention of the simulator's
 * particles: a map rotated by R has density(x) = original(Rᵀ·(x − c) + c).
 */

export type Rotation = Float64Array;

export const IDENTITY: Rotation = Float64Array.of(1, 0, 0, 0, 1, 0, 0, 0, 1);

/** Rz(φ)·Ry(θ)·Rz(ψ). */
export function zyzRotation(phi: number, theta: number, psi: number): Rotation {
  const [cf, sf, ct, st, cp, sp] = [Math.cos(phi), Math.sin(phi), Math.cos(theta), Math.sin(theta), Math.cos(psi), Math.sin(psi)];
  return Float64Array.of(
    cf * ct * cp - sf * sp, -cf * ct * sp - sf * cp, cf * st,
    sf * ct * cp + cf * sp, -sf * ct * sp + cf * cp, sf * st,
    -st * cp, st * sp, ct,
  );
}

/** Angle in radians of the rotation taking a to b (the geodesic distance on SO(3)). */
export function rotationDistance(a: Rotation, b: Rotation): number {
  let trace = 0; // tr(aᵀ·b) = Σ a_ij·b_ij
  for (let i = 0; i < 9; i++) trace += a[i]! * b[i]!;
  return Math.acos(Math.min(1, Math.max(-1, (trace - 1) / 2)));
}

/** Rotation by `angle` radians about the unit vector `axis` (Rodrigues). */
export function axisAngle(axis: readonly [number, number, number], angle: number): Rotation {
  const [x, y, z] = axis;
  const c = Math.cos(angle);
  const s = Math.sin(angle);
  const t = 1 - c;
  return Float64Array.of(
    t * x * x + c, t * x * y - s * z, t * x * z + s * y,
    t * x * y + s * z, t * y * y + c, t * y * z - s * x,
    t * x * z - s * y, t * y * z + s * x, t * z * z + c,
  );
}

export function multiply(a: Rotation, b: Rotation): Rotation {
  const out = new Float64Array(9);
  for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) out[3 * i + j] = a[3 * i]! * b[j]! + a[3 * i + 1]! * b[3 + j]! + a[3 * i + 2]! * b[6 + j]!;
  return out;
}

export function transpose(a: Rotation): Rotation {
  return Float64Array.of(a[0]!, a[3]!, a[6]!, a[1]!, a[4]!, a[7]!, a[2]!, a[5]!, a[8]!);
}

/** Rotations about `stepDegrees` apart covering SO(3); 30° gives 636. */
export function rotationGrid(stepDegrees: number): Rotation[] {
  if (!(stepDegrees > 0 && stepDegrees <= 180)) throw new RangeError(`rotation step must be in (0, 180] degrees, got ${stepDegrees}`);
  const step = (stepDegrees * Math.PI) / 180;
  // Hexagonal packing: each direction covers (√3/2)·step² of the sphere's 4π.
  const directions = Math.max(1, Math.ceil((4 * Math.PI) / ((Math.sqrt(3) / 2) * step * step)));
  const turns = Math.max(1, Math.ceil((2 * Math.PI) / step));
  const golden = Math.PI * (3 - Math.sqrt(5));
  const grid: Rotation[] = [];
  for (let k = 0; k < directions; k++) {
    const cosTheta = 1 - (2 * (k + 0.5)) / directions;
    const theta = Math.acos(cosTheta);
    const phi = k * golden;
    for (let t = 0; t < turns; t++) grid.push(zyzRotation(phi, theta, (2 * Math.PI * t) / turns));
  }
  return grid;
}
