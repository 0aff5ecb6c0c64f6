/**
 * Shape labels from subtomogram averaging (RobPicker's "shape-based" validation labels): average
 * the boxes around a class's curated picks (aligned by position only), turn the average into a mask
 * (sign fixed so the particle is bright, light blur, Otsu threshold inside a sphere of 1.25× the
 * class radius, the connected piece at the centre), and stamp that mask at every pick of the class.
 * Where stamps overlap, a voxel goes to the nearest pick centre, as for sphere labels.
 *
 * Rotational refinement is not done: for particles in random orientations the position-aligned
 * average is close to rotationally symmetric, so the mask is a rounded particle envelope — tighter
 * than the class sphere where the particle is smaller than it, which is what the clean set needs.
 */
import { connectedComponents } from '../picks/clustering/connected-components.ts';
import { gaussianBlur3d } from '../volume/gaussian-blur.ts';
import { copyPatch, type Shape3 } from '../volume/patch-grid.ts';
import type { LabelPoint } from './sphere-labels.ts';

export interface ClassShape {
  classId: number;
  /** Cubic box edge (odd, so the pick sits on the centre voxel). */
  box: number;
  /** Position-aligned average, box³, particle bright. */
  average: Float32Array;
  /** 1 inside the particle, box³. */
  mask: Uint8Array;
  /** Picks averaged. */
  count: number;
  /** Mask voxels ÷ voxels of the class sphere. */
  fillOfSphere: number;
}

/** Mask smaller or larger than this fraction of the class sphere: the average is not trusted (sphere used). */
const MIN_FILL = 0.1;
const MAX_FILL = 1.5;

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

/** Mean of the boxes around `picks` (rounded positions, reflected at the edges). */
export function averageBoxes(source: Float32Array, shape: Shape3, picks: readonly LabelPoint[], box: number): Float32Array {
  const average = new Float32Array(box ** 3);
  const scratch = new Float32Array(box ** 3);
  const half = (box - 1) / 2;
  for (const p of picks) {
    copyPatch(source, shape, [Math.round(p.x) - half, Math.round(p.y) - half, Math.round(p.z) - half], box, scratch);
    for (let i = 0; i < scratch.length; i++) average[i]! += scratch[i]!;
  }
  if (picks.length > 0) for (let i = 0; i < average.length; i++) average[i]! /= picks.length;
  return average;
}

/** The class's shape from its picks in a normalised tomogram; null when there are no picks. */
export async function classShapeFromPicks(source: Float32Array, shape: Shape3, picks: readonly LabelPoint[], classId: number, radius: number): Promise<ClassShape | null> {
  const own = picks.filter((p) => p.classId === classId);
  if (own.length === 0) return null;
  if (!(radius > 0)) throw new Error(`class ${classId} needs a positive radius to average its picks, got ${radius}`);
  const box = oddBox(radius);
  const average = averageBoxes(source, shape, own, box);
  const inCore = insideSphere(box, radius / 2);
  const inEnvelope = insideSphere(box, 1.25 * radius);
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
  return { classId, box, average, mask, count: own.length, fillOfSphere };
}

/** Stamps each pick's class mask at its position; overlaps go to the nearest pick centre. */
export function paintShapeLabels(shape: Shape3, picks: readonly LabelPoint[], shapes: ReadonlyMap<number, ClassShape>): Uint8Array {
  const [nx, ny, nz] = shape;
  const labels = new Uint8Array(nx * ny * nz);
  const best = new Float32Array(nx * ny * nz).fill(Infinity);
  for (const p of picks) {
    const s = shapes.get(p.classId);
    if (!s) throw new Error(`no shape for class ${p.classId}`);
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
          if (x < 0 || x >= nx || !s.mask[i + s.box * (j + s.box * k)]) continue;
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
