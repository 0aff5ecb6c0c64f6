/**
 * Procedural particle shapes: unions of ellipsoids and hollow cylinders, laid out in units of the
 * bounding radius (every primitive stays inside the unit sphere) and scaled to the species size.
 * All but the globule are deliberately asymmetric so orientation matters to a picker or an averager.
 * Density is `contrast` inside with a one-voxel linear edge; the label boundary is the
 * mid-point of that edge, so the label map and the density come from the same surface.
 */
import type { ProceduralShapeKind } from './config.ts';
import type { ShapeModel } from './shape-model.ts';

type Vec = [number, number, number];

interface Ellipsoid {
  kind: 'ellipsoid';
  center: Vec;
  semiAxes: Vec;
}

/** Cylinder along local z, optionally hollow (a channel of innerRadius). */
interface Cylinder {
  kind: 'cylinder';
  center: Vec;
  radius: number;
  innerRadius: number;
  halfLength: number;
}

type Primitive = Ellipsoid | Cylinder;

/** Layouts in units of the bounding radius. */
export const SHAPE_LAYOUTS: Readonly<Record<ProceduralShapeKind, readonly Primitive[]>> = {
  // Two subunits of unequal size plus two asymmetric stalks (like the 50S/30S + L1/L7 stalks).
  ribosome: [
    { kind: 'ellipsoid', center: [0, 0, -0.2], semiAxes: [0.7, 0.62, 0.55] },
    { kind: 'ellipsoid', center: [0.1, 0.05, 0.45], semiAxes: [0.55, 0.4, 0.32] },
    { kind: 'ellipsoid', center: [-0.62, 0.4, 0.1], semiAxes: [0.2, 0.14, 0.32] },
    { kind: 'ellipsoid', center: [0.58, -0.45, 0.12], semiAxes: [0.22, 0.16, 0.16] },
  ],
  // A hollow barrel with a lid on one end, off-centre (like a 20S core with one 19S cap).
  proteasome: [
    { kind: 'cylinder', center: [0, 0, -0.1], radius: 0.58, innerRadius: 0.18, halfLength: 0.62 },
    { kind: 'ellipsoid', center: [0.15, 0, 0.72], semiAxes: [0.42, 0.32, 0.22] },
  ],
  // An elongated body with two lobes pointing different ways.
  lobed: [
    { kind: 'ellipsoid', center: [-0.15, -0.15, 0], semiAxes: [0.75, 0.34, 0.34] },
    { kind: 'ellipsoid', center: [0.35, 0.42, 0.05], semiAxes: [0.3, 0.42, 0.3] },
    { kind: 'ellipsoid', center: [-0.4, 0.1, 0.45], semiAxes: [0.26, 0.26, 0.32] },
  ],
  // A compact globule with a bump.
  compact: [
    { kind: 'ellipsoid', center: [0, 0, 0], semiAxes: [0.85, 0.68, 0.58] },
    { kind: 'ellipsoid', center: [0.42, 0.42, 0.25], semiAxes: [0.38, 0.32, 0.32] },
  ],
  // A near-sphere filling its diameter, slightly triaxial. Thicker than any lobe or stalk of the
  // other shapes, so no part of a commoner species looks like it (the rare species of `rare-*`).
  globule: [{ kind: 'ellipsoid', center: [0, 0, 0], semiAxes: [0.95, 0.86, 0.78] }],
};

/** Approximate signed distance (negative inside), in the same units as the primitive. */
function signedDistance(p: Primitive, x: number, y: number, z: number): number {
  const dx = x - p.center[0];
  const dy = y - p.center[1];
  const dz = z - p.center[2];
  if (p.kind === 'ellipsoid') {
    const [a, b, c] = p.semiAxes;
    const scaled = Math.sqrt((dx / a) ** 2 + (dy / b) ** 2 + (dz / c) ** 2);
    return (scaled - 1) * Math.min(a, b, c);
  }
  const rho = Math.sqrt(dx * dx + dy * dy);
  const radial = Math.max(rho - p.radius, p.innerRadius - rho);
  return Math.max(radial, Math.abs(dz) - p.halfLength);
}

function scalePrimitive(p: Primitive, s: number): Primitive {
  const center: Vec = [p.center[0] * s, p.center[1] * s, p.center[2] * s];
  if (p.kind === 'ellipsoid') {
    return { kind: 'ellipsoid', center, semiAxes: [p.semiAxes[0] * s, p.semiAxes[1] * s, p.semiAxes[2] * s] };
  }
  return { ...p, center, radius: p.radius * s, innerRadius: p.innerRadius * s, halfLength: p.halfLength * s };
}

/** Width of the soft edge, voxels. */
const EDGE = 1;

/** A procedural shape of the given bounding radius (voxels) and density contrast. */
export function proceduralShape(kind: ProceduralShapeKind, radiusVoxels: number, contrast: number): ShapeModel {
  const primitives = SHAPE_LAYOUTS[kind].map((p) => scalePrimitive(p, radiusVoxels));
  return {
    radius: radiusVoxels,
    labelThreshold: contrast * 0.5,
    densityAt(x, y, z) {
      let d = Infinity;
      for (const p of primitives) d = Math.min(d, signedDistance(p, x, y, z));
      const edge = 0.5 - d / EDGE;
      return edge <= 0 ? 0 : edge >= 1 ? contrast : contrast * edge;
    },
  };
}
