/**
 * Rotational alignment of subtomograms to a common reference, for class averages of particles in
 * random orientations (the method and its measurements: README.md):
 * 1. a global search over a 30° rotation grid on boxes binned to ≤ 24 voxels, from a reference that
 *    starts as one particle (the position-aligned average of randomly turned copies is nearly round,
 *    and aligning to a ball finds no orientation), low-passed each round; each particle keeps the
 *    rotation whose copy of the reference correlates best with it inside a spherical mask
 *    (normalised cross-correlation); the particles turned into the reference frame are averaged;
 *    rounds stop when no particle changes rotation;
 * 2. three starting particles, the alignment with the best mean score kept (a start can settle on
 *    a mixture of two orientation families);
 * 3. two local rounds on the full boxes at a half and a quarter of the grid step.
 * Translations are not searched: boxes are centred on curated picks.
 */
import { gaussianBlur3d } from '../volume/gaussian-blur.ts';
import { rotateBox, rotateBoxAt } from './rotate-box.ts';
import { axisAngle, IDENTITY, multiply, rotationGrid, transpose, type Rotation } from './so3-grid.ts';

export interface AlignmentOptions {
  /** Spherical mask radius in voxels within which particles and reference are compared. */
  maskRadius: number;
  /** Angular step of the search grid (default 30°: 636 rotations). */
  stepDegrees?: number;
  /** Most align → average rounds (default 4). */
  rounds?: number;
  /** Starting references tried, the particles most like the position-aligned average (default 3); the alignment with the best mean score is kept. */
  starts?: number;
  /** Gaussian σ in voxels applied to the reference before each round (default 1: compare shapes, not noise). */
  referenceBlur?: number;
  signal?: AbortSignal;
  onProgress?: (fraction: number) => void;
}

export interface Alignment {
  /** Mean of the particles turned into the reference frame, edge³. */
  average: Float32Array;
  /** Per particle: the particle ≈ the reference rotated by R (density(x) = reference(Rᵀ·(x − c) + c)). */
  rotations: Rotation[];
  /** Per particle: normalised cross-correlation with the rotated reference in the last round. */
  scores: number[];
  /** Rounds run. */
  rounds: number;
}

/** Voxel indices of the box within `radius` of its centre. */
export function sphereVoxels(edge: number, radius: number): Int32Array {
  const c = (edge - 1) / 2;
  const inside: number[] = [];
  for (let z = 0; z < edge; z++) for (let y = 0; y < edge; y++) for (let x = 0; x < edge; x++) {
    if ((x - c) ** 2 + (y - c) ** 2 + (z - c) ** 2 <= radius * radius) inside.push(x + edge * (y + edge * z));
  }
  return Int32Array.from(inside);
}

/** Zero mean, unit norm, in place (a flat vector stays all zero). */
function standardise(v: Float32Array): Float32Array {
  let mean = 0;
  for (const x of v) mean += x;
  mean /= v.length || 1;
  let norm = 0;
  for (let i = 0; i < v.length; i++) norm += (v[i]! -= mean) ** 2;
  const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
  for (let i = 0; i < v.length; i++) v[i]! *= scale;
  return v;
}

function dot(a: Float32Array, b: Float32Array): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += a[i]! * b[i]!;
  return sum;
}

function masked(box: Float32Array, voxels: Int32Array): Float32Array {
  const out = new Float32Array(voxels.length);
  for (let n = 0; n < voxels.length; n++) out[n] = box[voxels[n]!]!;
  return out;
}

/** Mean of the boxes, each turned by the transpose of its rotation (into the reference frame). */
function averageInReferenceFrame(boxes: readonly Float32Array[], edge: number, rotations: readonly Rotation[]): Float32Array {
  const average = new Float32Array(edge ** 3);
  const turned = new Float32Array(edge ** 3);
  boxes.forEach((box, p) => {
    rotateBox(box, edge, transpose(rotations[p]!), turned);
    for (let i = 0; i < average.length; i++) average[i]! += turned[i]!;
  });
  for (let i = 0; i < average.length; i++) average[i]! /= Math.max(1, boxes.length);
  return average;
}

export async function alignSubtomograms(boxes: readonly Float32Array[], edge: number, options: AlignmentOptions): Promise<Alignment> {
  for (const box of boxes) if (box.length !== edge ** 3) throw new Error(`a subtomogram has ${box.length} voxels, expected ${edge}³`);
  const voxels = sphereVoxels(edge, options.maskRadius);
  const identities = boxes.map(() => IDENTITY);
  if (boxes.length < 2 || voxels.length === 0) return { average: averageInReferenceFrame(boxes, edge, identities), rotations: identities, scores: boxes.map(() => 0), rounds: 0 };
  const particles = boxes.map((box) => standardise(masked(box, voxels)));
  // The global search compares shapes at a 30° step: on boxes binned to ≤ 24 voxels it finds the
  // same orientations for a fraction of the cost; the local rounds then use the full boxes.
  const coarse = edge > 24 ? binned(boxes, edge, options.maskRadius) : { boxes, edge, maskRadius: options.maskRadius };
  const coarseVoxels = sphereVoxels(coarse.edge, coarse.maskRadius);
  const coarseParticles = coarse.boxes.map((box) => standardise(masked(box, coarseVoxels)));
  // Start from the particles most like the position-aligned average, each in turn; keep the best.
  const positionAverage = standardise(masked(averageInReferenceFrame(coarse.boxes, coarse.edge, identities), coarseVoxels));
  const starts = coarseParticles
    .map((v, p) => ({ p, similarity: dot(v, positionAverage) }))
    .sort((a, b) => b.similarity - a.similarity)
    .slice(0, Math.max(1, options.starts ?? 3));
  const coarseOptions = { ...options, referenceBlur: (options.referenceBlur ?? 1) * (coarse.edge / edge) };
  let best: Alignment | null = null;
  for (const [i, { p }] of starts.entries()) {
    const report = (f: number) => options.onProgress?.((0.9 * (i + f)) / starts.length);
    const alignment = await alignFrom(coarse.boxes[p]!, coarse.boxes, coarseParticles, coarse.edge, coarseVoxels, coarseOptions, report);
    if (!best || mean(alignment.scores) > mean(best.scores)) best = alignment;
  }
  // Below the grid's resolution: local searches at half and a quarter of its step, on the full boxes.
  const step = ((options.stepDegrees ?? 30) * Math.PI) / 180;
  let refined: Alignment = { ...best!, average: averageInReferenceFrame(boxes, edge, best!.rotations) };
  for (const angle of [step / 2, step / 4]) {
    options.signal?.throwIfAborted();
    refined = await refineLocally(refined, boxes, particles, edge, voxels, angle, options.referenceBlur ?? 1);
  }
  options.onProgress?.(1);
  return refined;
}

/** Small turns about 20 axes spread over the sphere, by `angle`, and no turn. */
function perturbations(angle: number): Rotation[] {
  const axes = 20;
  const golden = Math.PI * (3 - Math.sqrt(5));
  const out: Rotation[] = [IDENTITY];
  for (let k = 0; k < axes; k++) {
    const z = 1 - (2 * (k + 0.5)) / axes;
    const r = Math.sqrt(1 - z * z);
    out.push(axisAngle([r * Math.cos(k * golden), r * Math.sin(k * golden), z], angle));
  }
  return out;
}

/** One round: each particle tries its rotation composed with each small turn; then re-average. */
async function refineLocally(
  alignment: Alignment,
  boxes: readonly Float32Array[],
  particles: readonly Float32Array[],
  edge: number,
  voxels: Int32Array,
  angle: number,
  blur: number,
): Promise<Alignment> {
  const smooth = Float32Array.from(alignment.average);
  if (blur > 0) await gaussianBlur3d(smooth, [edge, edge, edge], blur);
  const rotated = new Float32Array(voxels.length);
  const turns = perturbations(angle);
  const rotations = alignment.rotations.slice();
  const scores = alignment.scores.slice();
  particles.forEach((particle, p) => {
    let best = -Infinity;
    for (const turn of turns) {
      const candidate = multiply(alignment.rotations[p]!, turn);
      const score = dot(standardise(rotateBoxAt(smooth, edge, candidate, voxels, rotated)), particle);
      if (score > best) {
        best = score;
        rotations[p] = candidate;
        scores[p] = score;
      }
    }
  });
  return { average: averageInReferenceFrame(boxes, edge, rotations), rotations, scores, rounds: alignment.rounds + 1 };
}

/**
 * Boxes at half the sampling: voxel i is the [¼, ½, ¼]-weighted mean around original voxel
 * 2i + offset, with the offset that keeps the centres on each other (odd edges stay odd).
 */
function binned(boxes: readonly Float32Array[], edge: number, maskRadius: number): { boxes: Float32Array[]; edge: number; maskRadius: number } {
  const half = Math.floor((edge - 1) / 4) * 2 + 1;
  const offset = (edge - 1) / 2 - 2 * ((half - 1) / 2);
  const taps = [-1, 0, 1].map((d) => ({ d, w: d === 0 ? 0.5 : 0.25 }));
  const at = (box: Float32Array, x: number, y: number, z: number) =>
    x < 0 || y < 0 || z < 0 || x >= edge || y >= edge || z >= edge ? 0 : box[x + edge * (y + edge * z)]!;
  const out = boxes.map((box) => {
    const small = new Float32Array(half ** 3);
    for (let k = 0; k < half; k++) for (let j = 0; j < half; j++) for (let i = 0; i < half; i++) {
      const [x, y, z] = [2 * i + offset, 2 * j + offset, 2 * k + offset];
      let sum = 0;
      for (const a of taps) for (const b of taps) for (const c of taps) sum += a.w * b.w * c.w * at(box, x + a.d, y + b.d, z + c.d);
      small[i + half * (j + half * k)] = sum;
    }
    return small;
  });
  return { boxes: out, edge: half, maskRadius: maskRadius / 2 };
}

const mean = (values: readonly number[]) => values.reduce((a, b) => a + b, 0) / Math.max(1, values.length);

/** Align → average rounds from one starting reference. */
async function alignFrom(
  start: Float32Array,
  boxes: readonly Float32Array[],
  particles: readonly Float32Array[],
  edge: number,
  voxels: Int32Array,
  options: AlignmentOptions,
  onProgress: (fraction: number) => void,
): Promise<Alignment> {
  const grid = rotationGrid(options.stepDegrees ?? 30);
  const maxRounds = options.rounds ?? 4;
  let reference: Float32Array = Float32Array.from(start);
  let rotations: Rotation[] = boxes.map(() => IDENTITY);
  let scores = boxes.map(() => 0);
  const rotated = new Float32Array(voxels.length);
  let rounds = 0;
  for (let round = 0; round < maxRounds; round++) {
    const smooth = Float32Array.from(reference);
    if ((options.referenceBlur ?? 1) > 0) await gaussianBlur3d(smooth, [edge, edge, edge], options.referenceBlur ?? 1);
    const best = new Float64Array(boxes.length).fill(-Infinity);
    const chosen = new Int32Array(boxes.length);
    for (let r = 0; r < grid.length; r++) {
      if (r % 64 === 0) {
        onProgress((round + r / grid.length) / maxRounds);
        if (options.signal) {
          await new Promise((resolve) => setTimeout(resolve, 0)); // let an abort arrive
          options.signal.throwIfAborted();
        }
      }
      standardise(rotateBoxAt(smooth, edge, grid[r]!, voxels, rotated));
      for (let p = 0; p < particles.length; p++) {
        const score = dot(rotated, particles[p]!);
        if (score > best[p]!) {
          best[p] = score;
          chosen[p] = r;
        }
      }
    }
    const next = Array.from(chosen, (r) => grid[r]!);
    const changed = round === 0 || next.some((rotation, p) => rotation !== rotations[p]);
    rotations = next;
    scores = Array.from(best);
    reference = averageInReferenceFrame(boxes, edge, rotations);
    rounds = round + 1;
    if (!changed) break;
  }
  return { average: reference, rotations, scores, rounds };
}
