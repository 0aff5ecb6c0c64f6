/**
 * Training patches for the U-Net (issue 5): class-balanced around particles, plus background.
 * A patch is either (probability backgroundFraction) a uniformly placed patch in a tomogram drawn in
 * proportion to its voxel count, or a particle patch: a class drawn uniformly among the classes that
 * have particles (so rare species are seen as often as common ones), a particle of that class drawn
 * uniformly, and the patch shifted at random so the particle centre stays in its central region.
 * Outside the tomogram the patch is reflect-padded (image and labels alike). Deterministic for a
 * given Random; draws happen in a fixed order.
 */
import type { LabelPoint } from '../labels/sphere-labels.ts';
import type { Random } from '../sim/random.ts';
import { copyPatch, type Shape3 } from '../volume/patch-grid.ts';

export interface TrainingTomogram {
  /** Normalised image (normaliseForNetwork), x fastest. */
  data: Float32Array;
  shape: Shape3;
  /** Class per voxel, 0 = background, < nClasses. */
  labelMap: Uint8Array;
  /** Particle centres in voxels with class ids 1 … nClasses − 1. */
  particles: readonly LabelPoint[];
}

export interface PatchSamplerOptions {
  tomograms: readonly TrainingTomogram[];
  /** Cubic patch edge in voxels. */
  patch: number;
  /** Background + species. */
  nClasses: number;
  random: Random;
  /** Share of background patches, 0 … 1 (default 0.2). */
  backgroundFraction?: number;
  /** Edge of the central region, as a fraction of the patch, the particle centre stays in (default 0.5). */
  centralFraction?: number;
}

export interface PatchOrigin {
  tomogram: number;
  /** Patch corner in voxels (may be negative or reach past the far edge: reflect padding). */
  x: number;
  y: number;
  z: number;
  /** Class of the particle the patch was drawn around; 0 for a background patch. */
  classId: number;
  /** Index of that particle in its tomogram's list; -1 for a background patch. */
  particle: number;
}

export interface PatchBatch {
  /** batch · p³ values, patch after patch, each x fastest: the NDHWC tensor [b, p, p, p, 1]. */
  input: Float32Array;
  labels: Uint8Array;
  origins: PatchOrigin[];
}

export interface PatchSampler {
  readonly patch: number;
  /** Classes that have particles (the ones particle patches are balanced over). */
  readonly classes: readonly number[];
  /** Fills `out` when given (its arrays must hold batchSize · p³ values), else allocates. */
  sample(batchSize: number, out?: PatchBatch): PatchBatch;
  /** Advances the stream past one batch exactly as sample() would, without copying patches (replay on resume). */
  skip(batchSize: number): void;
}

export function createPatchSampler(options: PatchSamplerOptions): PatchSampler {
  const { tomograms, patch: p, nClasses, random, backgroundFraction = 0.2, centralFraction = 0.5 } = options;
  if (!Number.isInteger(p) || p < 1) throw new Error(`Patch size must be a positive integer, got ${p}.`);
  if (!(backgroundFraction >= 0 && backgroundFraction <= 1)) throw new Error(`backgroundFraction must lie in [0, 1], got ${backgroundFraction}.`);
  if (!(centralFraction > 0 && centralFraction <= 1)) throw new Error(`centralFraction must lie in (0, 1], got ${centralFraction}.`);
  if (tomograms.length === 0) throw new Error('The patch sampler needs at least one training tomogram.');
  tomograms.forEach((t, k) => checkTomogram(t, k, nClasses));

  const byClass = new Map<number, [number, number][]>();
  tomograms.forEach((t, k) => t.particles.forEach((q, i) => (byClass.get(q.classId) ?? byClass.set(q.classId, []).get(q.classId)!).push([k, i])));
  const classes = [...byClass.keys()].sort((a, b) => a - b);
  if (classes.length === 0 && backgroundFraction < 1) throw new Error('No particles in the training tomograms: nothing to balance patches around.');
  const voxels = tomograms.map((t) => t.shape[0] * t.shape[1] * t.shape[2]);
  const totalVoxels = voxels.reduce((a, b) => a + b, 0);
  // The particle centre's offset inside the patch lies in [margin, p − 1 − margin].
  const margin = Math.floor((p * (1 - centralFraction)) / 2);
  const offsets = p - 2 * margin;

  const drawBackground = (): PatchOrigin => {
    let pick = random.next() * totalVoxels;
    let k = 0;
    while (k < tomograms.length - 1 && pick >= voxels[k]!) pick -= voxels[k++]!;
    const [nx, ny, nz] = tomograms[k]!.shape;
    const corner = (n: number) => random.int(Math.max(1, n - p + 1));
    return { tomogram: k, x: corner(nx), y: corner(ny), z: corner(nz), classId: 0, particle: -1 };
  };

  const drawParticle = (): PatchOrigin => {
    const classId = classes[random.int(classes.length)]!;
    const members = byClass.get(classId)!;
    const [k, i] = members[random.int(members.length)]!;
    const q = tomograms[k]!.particles[i]!;
    const corner = (c: number) => Math.round(c) - (margin + random.int(offsets));
    return { tomogram: k, x: corner(q.x), y: corner(q.y), z: corner(q.z), classId, particle: i };
  };

  const drawOrigin = (): PatchOrigin => (classes.length === 0 || random.next() < backgroundFraction ? drawBackground() : drawParticle());
  const checkBatchSize = (batchSize: number) => {
    if (!Number.isInteger(batchSize) || batchSize < 1) throw new Error(`Batch size must be a positive integer, got ${batchSize}.`);
  };

  return {
    patch: p,
    classes,
    skip(batchSize) {
      checkBatchSize(batchSize);
      for (let b = 0; b < batchSize; b++) drawOrigin();
    },
    sample(batchSize, out) {
      checkBatchSize(batchSize);
      const size = p ** 3;
      const batch = out ?? { input: new Float32Array(batchSize * size), labels: new Uint8Array(batchSize * size), origins: [] };
      if (batch.input.length < batchSize * size || batch.labels.length < batchSize * size) {
        throw new Error(`Batch buffers hold ${batch.input.length} / ${batch.labels.length} values; ${batchSize} patches of ${p}³ need ${batchSize * size}.`);
      }
      batch.origins.length = 0;
      for (let b = 0; b < batchSize; b++) {
        const origin = drawOrigin();
        const t = tomograms[origin.tomogram]!;
        const corner = [origin.x, origin.y, origin.z];
        copyPatch(t.data, t.shape, corner, p, batch.input.subarray(b * size, (b + 1) * size));
        copyPatch(t.labelMap, t.shape, corner, p, batch.labels.subarray(b * size, (b + 1) * size));
        batch.origins.push(origin);
      }
      return batch;
    },
  };
}

function checkTomogram(t: TrainingTomogram, k: number, nClasses: number): void {
  const [nx, ny, nz] = t.shape;
  const n = nx * ny * nz;
  if (t.data.length !== n || t.labelMap.length !== n) {
    throw new Error(`Training tomogram ${k} is ${nx}×${ny}×${nz} (${n} voxels) but has ${t.data.length} image and ${t.labelMap.length} label voxels.`);
  }
  let maxLabel = 0;
  for (let i = 0; i < n; i++) if (t.labelMap[i]! > maxLabel) maxLabel = t.labelMap[i]!;
  if (maxLabel >= nClasses) throw new Error(`Training tomogram ${k} has label ${maxLabel} but the network has ${nClasses} classes (0 … ${nClasses - 1}).`);
  t.particles.forEach((q, i) => {
    if (!Number.isInteger(q.classId) || q.classId < 1 || q.classId >= nClasses) {
      throw new Error(`Particle ${i} of training tomogram ${k} has class ${q.classId}; expected 1 … ${nClasses - 1}.`);
    }
    if (![q.x, q.y, q.z].every(Number.isFinite)) throw new Error(`Particle ${i} of training tomogram ${k} has a non-finite coordinate.`);
  });
}
