/**
 * Shape labels from subtomogram averaging (RobPicker's "shape-based" validation labels): average
 * the boxes around a class's curated picks, turn the average into a mask (sign fixed so the
 * particle is bright, light blur, Otsu threshold inside a sphere of 1.25× the class radius, the
 * connected piece at the centre), and stamp that mask at every pick of the class. Where stamps
 * overlap, a voxel goes to the nearest pick centre, as for sphere labels.
 *
 * By default the boxes are aligned by position only: for particles in random orientations that
 * average is nearly round, so the mask is a rounded particle envelope — tighter than the class
 * sphere where the particle is smaller than it. With `refineRotations` the boxes are aligned in
 * rotation too (src/core/align), the average shows the particle's own shape, and each pick is
 * stamped with the mask turned to its own orientation.
 */
import { alignSubtomograms } from '../align/align-subtomograms.ts';
import { rotateBox } from '../align/rotate-box.ts';
import type { Rotation } from '../align/so3-grid.ts';
import { connectedComponents } from '../picks/clustering/connected-components.ts';
import { gaussianBlur3d } from '../volume/gaussian-blur.ts';
import { copyPatch, type Shape3 } from '../volume/patch-grid.ts';
import type { LabelPoint } from './sphere-labels.ts';

export interface ClassShape {
  classId: number;
  /** Cubic box edge (odd, so the pick sits on the centre voxel). */
  box: number;
  /** The average, box³, particle bright: position-aligned, or in the reference frame of the rotational alignment. */
  average: Float32Array;
  /** 1 inside the particle, box³. */
  mask: Uint8Array;
  /** Picks averaged. */
  count: number;
  /** Mask voxels ÷ voxels of the class sphere. */
  fillOfSphere: number;
  /**
   * With rotational refinement: each pick's orientation (the particle ≈ the average rotated by R),
   * keyed by the pick objects passed in — paintShapeLabels must get the same objects. Null: every
   * pick is stamped unrotated.
   */
  orientations: Map<LabelPoint, Rotation> | null;
}

export interface ClassShapeOptions {
  /** Align the boxes in rotation as well as position (default false). */
  refineRotations?: boolean;
  signal?: AbortSignal;
  onProgress?: (fraction: number) => void;
}

/** Mask smaller or larger than this fraction of the class sphere: the average is not trusted (sphere used). */
const MIN_FILL = 0.1;
const MAX_FILL = 1.5;

/** The mask may reach 1.25 × the class radius: particles are rarely exact spheres of it. */
const ENVELOPE = 1.25;

const oddBox = (radius: number) => 2 * Math.ceil(1.5 * radius) + 1;

function insideSphere(box: number, radius: number): (i: number) => boolean {
  const c = (box - 1) / 2;
  return (i) => {
    const x = i % box;
    const y = Math.floor(i / box) % box;
    const z = Math.floor(i / (box * box));
    return (x - c) ** 2 + (y - c) ** 2 + (z - c) ** 2 <= radius * radius;
  };
}

/** Otsu's threshold of `values` (256 bins between their min and max). */
export function otsuThreshold(values: readonly number[] | Float32Array): number {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) {
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  if (!(hi > lo)) return lo;
  const bins = new Float64Array(256);
  const width = (hi - lo) / 256;
  for (const v of values) bins[Math.min(255, Math.floor((v - lo) / width))]!++;
  const total = values.length;
  let sumAll = 0;
  for (let b = 0; b < 256; b++) sumAll += b * bins[b]!;
  let below = 0;
  let sumBelow = 0;
  let best = 0;
  let bestVariance = -1;
  for (let b = 0; b < 256; b++) {
    below += bins[b]!;
    if (below === 0 || below === total) continue;
    sumBelow += b * bins[b]!;
    const meanBelow = sumBelow / below;
    const meanAbove = (sumAll - sumBelow) / (total - below);
    const variance = below * (total - below) * (meanBelow - meanAbove) ** 2;
    if (variance > bestVariance) {
      bestVariance = variance;
      best = b;
    }
  }
  return lo + (best + 1) * width;
}

/** The box around a pick (rounded position, reflected at the edges). */
function boxAround(source: Float32Array, shape: Shape3, pick: LabelPoint, box: number, out = new Float32Array(box ** 3)): Float32Array {
  const half = (box - 1) / 2;
  copyPatch(source, shape, [Math.round(pick.x) - half, Math.round(pick.y) - half, Math.round(pick.z) - half], box, out);
  return out;
}

/** Mean of the boxes around `picks` (rounded positions, reflected at the edges). */
export function averageBoxes(source: Float32Array, shape: Shape3, picks: readonly LabelPoint[], box: number): Float32Array {
  const average = new Float32Array(box ** 3);
  const scratch = new Float32Array(box ** 3);
  for (const p of picks) {
    boxAround(source, shape, p, box, scratch);
    for (let i = 0; i < scratch.length; i++) average[i]! += scratch[i]!;
  }
  if (picks.length > 0) for (let i = 0; i < average.length; i++) average[i]! /= picks.length;
  return average;
}

/** The class's shape from its picks in a normalised tomogram; null when there are no picks. */
export async function classShapeFromPicks(
  source: Float32Array,
  shape: Shape3,
  picks: readonly LabelPoint[],
  classId: number,
  radius: number,
  options: ClassShapeOptions = {},
): Promise<ClassShape | null> {
  const own = picks.filter((p) => p.classId === classId);
  if (own.length === 0) return null;
  if (!(radius > 0)) throw new Error(`class ${classId} needs a positive radius to average its picks, got ${radius}`);
  const box = oddBox(radius);
  if (!options.refineRotations) return { classId, box, ...(await maskFromAverage(averageBoxes(source, shape, own, box), box, radius)), count: own.length, orientations: null };
  const alignment = await alignSubtomograms(
    own.map((p) => boxAround(source, shape, p, box)),
    box,
    { maskRadius: ENVELOPE * radius, ...(options.signal ? { signal: options.signal } : {}), ...(options.onProgress ? { onProgress: options.onProgress } : {}) },
  );
  const orientations = new Map(own.map((p, i) => [p, alignment.rotations[i]!]));
  return { classId, box, ...(await maskFromAverage(alignment.average, box, radius)), count: own.length, orientations };
}

/** Sign-fixes `average` in place (particle bright) and thresholds it into the particle's mask. */
async function maskFromAverage(average: Float32Array, box: number, radius: number): Promise<Pick<ClassShape, 'average' | 'mask' | 'fillOfSphere'>> {
  const inCore = insideSphere(box, radius / 2);
  const inEnvelope = insideSphere(box, ENVELOPE * radius);
  // Bright particle: cryo-ET densities are often dark; flip when the core is darker than the shell around it.
  let core = 0;
  let coreN = 0;
  let shell = 0;
  let shellN = 0;
  average.forEach((v, i) => {
    if (inCore(i)) {
      core += v;
      coreN++;
    } else if (!inEnvelope(i)) {
      shell += v;
      shellN++;
    }
  });
  if (coreN > 0 && shellN > 0 && core / coreN < shell / shellN) for (let i = 0; i < average.length; i++) average[i] = -average[i]!;
  const smooth = Float32Array.from(average);
  await gaussianBlur3d(smooth, [box, box, box], 1);
  const envelope: number[] = [];
  smooth.forEach((v, i) => inEnvelope(i) && envelope.push(v));
  const threshold = otsuThreshold(envelope);
  const raw = new Uint8Array(box ** 3);
  smooth.forEach((v, i) => (raw[i] = inEnvelope(i) && v >= threshold ? 1 : 0));
  // The piece holding the centre (or the nearest piece): neighbours' densities in the box are not the particle.
  const centre = (box - 1) / 2;
  const pieces = connectedComponents(raw, [box, box, box], { connectivity: 6, minSize: 1 });
  const distance = (c: { x: number; y: number; z: number }) => (c.x - centre) ** 2 + (c.y - centre) ** 2 + (c.z - centre) ** 2;
  const middle = pieces.sort((a, b) => distance(a) - distance(b))[0];
  const mask = new Uint8Array(box ** 3);
  for (const i of middle?.voxels ?? []) mask[i] = 1;
  const sphereVoxels = (4 / 3) * Math.PI * radius ** 3;
  let filled = mask.reduce((n, v) => n + v, 0);
  let fillOfSphere = filled / sphereVoxels;
  if (fillOfSphere < MIN_FILL || fillOfSphere > MAX_FILL) {
    // Too few picks or too little contrast for a shape: the class sphere.
    const inSphere = insideSphere(box, radius);
    mask.forEach((_, i) => (mask[i] = inSphere(i) ? 1 : 0));
    filled = mask.reduce((n, v) => n + v, 0);
    fillOfSphere = filled / sphereVoxels;
  }
  return { average, mask, fillOfSphere };
}

/** The class mask as this pick wears it: turned to its orientation when the alignment found one. */
function stampFor(s: ClassShape, pick: LabelPoint): Uint8Array {
  const rotation = s.orientations?.get(pick);
  if (!rotation) return s.mask;
  const turned = rotateBox(Float32Array.from(s.mask), s.box, rotation);
  return Uint8Array.from(turned, (v) => (v >= 0.5 ? 1 : 0));
}

/** Stamps each pick's class mask at its position (and orientation); overlaps go to the nearest pick centre. */
export function paintShapeLabels(shape: Shape3, picks: readonly LabelPoint[], shapes: ReadonlyMap<number, ClassShape>): Uint8Array {
  const [nx, ny, nz] = shape;
  const labels = new Uint8Array(nx * ny * nz);
  const best = new Float32Array(nx * ny * nz).fill(Infinity);
  for (const p of picks) {
    const s = shapes.get(p.classId);
    if (!s) throw new Error(`no shape for class ${p.classId}`);
    const stamp = stampFor(s, p);
    const half = (s.box - 1) / 2;
    const ox = Math.round(p.x) - half;
    const oy = Math.round(p.y) - half;
    const oz = Math.round(p.z) - half;
    for (let k = 0; k < s.box; k++) {
      const z = oz + k;
      if (z < 0 || z >= nz) continue;
      for (let j = 0; j < s.box; j++) {
        const y = oy + j;
        if (y < 0 || y >= ny) continue;
        for (let i = 0; i < s.box; i++) {
          const x = ox + i;
          if (x < 0 || x >= nx || !stamp[i + s.box * (j + s.box * k)]) continue;
          const v = x + nx * (y + ny * z);
          const d = (x - p.x) ** 2 + (y - p.y) ** 2 + (z - p.z) ** 2;
          if (d < best[v]!) {
            best[v] = d;
            labels[v] = p.classId;
          }
        }
      }
    }
  }
  return labels;
}
