/**
 * Label fixes suggested by the label-correction network (issue 6's correction review). Given the
 * corrected labels C (per-class probability maps blended over the tomogram) and the labels they
 * were computed from (the picks, painted as spheres):
 *   - add:     a cluster of voxels where C's argmax is a particle class but the noisy label is
 *              background — a particle the labels miss;
 *   - remove:  a pick whose sphere C mostly calls background — a label the model doubts;
 *   - relabel: a pick whose sphere C mostly calls another particle class — a class change.
 * Confidence is C's mean probability of the suggested outcome over the voxels concerned, 0 … 1;
 * suggestions are ranked by it. C = α·S + (1 − α)·L moves mass away from the noisy label only as
 * far as the network trusts its own estimate S (α), so early in training every disagreement is
 * small: the list holds every disagreement of at least `minMass` (default 0.05), ranked, and
 * confidence ≥ 0.5 (DEFAULT_SUGGESTION_THRESHOLD) means C's majority has flipped — the bulk
 * accept's default.
 */
import { minSizeFromRadii, picksFromSegmentation, type SegmentationMaps } from '../picks/segmentation-picks.ts';
import type { Shape3 } from '../volume/patch-grid.ts';
import type { LabelPoint } from './sphere-labels.ts';

export type SuggestionKind = 'add' | 'remove' | 'relabel';

export interface Suggestion {
  kind: SuggestionKind;
  /** Voxel coordinates (add: the cluster's centroid; remove/relabel: the pick's position). */
  x: number;
  y: number;
  z: number;
  /** Class after the fix (add, relabel) or of the doubted pick (remove). */
  classId: number;
  /** The pick's class before a relabel. */
  fromClassId?: number;
  /** Index of the questioned pick in the input list (remove, relabel). */
  pickIndex?: number;
  confidence: number;
  /** Voxels behind the suggestion (cluster size, or the sphere's voxels). */
  voxels: number;
}

export interface SuggestionOptions {
  /** Particle radius per class, voxels: the sphere a pick is judged over, and the cluster size filter. */
  radiusVoxels: (classId: number) => number | undefined;
  /** An add needs a cluster of at least this fraction of its class's sphere volume (default 0.1). */
  minVolumeFraction?: number;
  /**
   * Radius of the judged sphere as a fraction of the class radius (default 0.5): the core of the
   * particle, so a 1.5-voxel jitter of the pick does not push the sphere into background.
   */
  coreFraction?: number;
  /** Smallest probability C must move to another outcome for a suggestion (default 0.05). */
  minMass?: number;
}

export const DEFAULT_MIN_MASS = 0.05;

/** Default confidence above which the review's bulk "accept all above" applies. */
export const DEFAULT_SUGGESTION_THRESHOLD = 0.5;

/** Mean corrected probability of every class (index 0 = background) over a sphere around a pick. */
function sphereMeans(corrected: SegmentationMaps, shape: Shape3, pick: LabelPoint, radius: number): { means: number[]; voxels: number } {
  const [nx, ny, nz] = shape;
  const species = corrected.probabilities.length;
  const sums = new Float64Array(species);
  let voxels = 0;
  const r = Math.max(1, radius);
  const z0 = Math.max(0, Math.ceil(pick.z - r));
  const z1 = Math.min(nz - 1, Math.floor(pick.z + r));
  for (let z = z0; z <= z1; z++) {
    const y0 = Math.max(0, Math.ceil(pick.y - r));
    const y1 = Math.min(ny - 1, Math.floor(pick.y + r));
    for (let y = y0; y <= y1; y++) {
      const x0 = Math.max(0, Math.ceil(pick.x - r));
      const x1 = Math.min(nx - 1, Math.floor(pick.x + r));
      for (let x = x0; x <= x1; x++) {
        if ((x - pick.x) ** 2 + (y - pick.y) ** 2 + (z - pick.z) ** 2 > r * r) continue;
        const i = x + nx * (y + ny * z);
        for (let c = 0; c < species; c++) sums[c]! += corrected.probabilities[c]![i]!;
        voxels++;
      }
    }
  }
  if (voxels === 0) return { means: [1, ...Array<number>(species).fill(0)], voxels };
  const particle = Array.from(sums, (s) => s / (255 * voxels));
  const background = Math.max(0, 1 - particle.reduce((a, b) => a + b, 0));
  return { means: [background, ...particle], voxels };
}

function questionPick(corrected: SegmentationMaps, shape: Shape3, pick: LabelPoint, pickIndex: number, options: SuggestionOptions): Suggestion | null {
  const radius = (options.radiusVoxels(pick.classId) ?? 1) * (options.coreFraction ?? 0.5);
  const { means, voxels } = sphereMeans(corrected, shape, pick, radius);
  if (voxels === 0) return null;
  // The best outcome other than keeping the pick as it is: background (remove) or another class.
  let best = pick.classId === 0 ? 1 : 0;
  for (let c = 0; c < means.length; c++) if (c !== pick.classId && means[c]! > means[best]!) best = c;
  if (means[best]! < (options.minMass ?? DEFAULT_MIN_MASS)) return null;
  const at = { x: pick.x, y: pick.y, z: pick.z, pickIndex, voxels, confidence: means[best]! };
  return best === 0 ? { kind: 'remove', classId: pick.classId, ...at } : { kind: 'relabel', classId: best, fromClassId: pick.classId, ...at };
}

/**
 * `corrected` = C over the whole tomogram; `noisyLabels` = the label map C was computed from
 * (class per voxel, the picks' spheres); `picks` = the picks behind it, in the caller's order.
 */
export function correctionSuggestions(
  corrected: SegmentationMaps,
  noisyLabels: Uint8Array,
  picks: readonly LabelPoint[],
  shape: Shape3,
  options: SuggestionOptions,
): Suggestion[] {
  const voxels = shape[0] * shape[1] * shape[2];
  if (corrected.labels.length !== voxels || noisyLabels.length !== voxels) {
    throw new Error(`the corrected labels (${corrected.labels.length} voxels) and the noisy labels (${noisyLabels.length}) must both cover ${shape.join('×')}`);
  }
  // Particles C sees where the labels have none: the most probable particle class, where C gives it at least minMass.
  const missed = new Uint8Array(voxels);
  const floor = Math.ceil(255 * (options.minMass ?? DEFAULT_MIN_MASS));
  const species = corrected.probabilities;
  for (let i = 0; i < voxels; i++) {
    if (noisyLabels[i] !== 0) continue;
    let best = 0;
    let mass = floor - 1;
    for (let c = 0; c < species.length; c++) {
      const p = species[c]![i]!;
      if (p > mass) {
        mass = p;
        best = c + 1;
      }
    }
    missed[i] = best;
  }
  const adds: Suggestion[] = picksFromSegmentation({ labels: missed, probabilities: corrected.probabilities }, shape, {
    minSizeOfClass: minSizeFromRadii(options.radiusVoxels, options.minVolumeFraction),
  }).map((c) => ({ kind: 'add', x: c.x, y: c.y, z: c.z, classId: c.classId, confidence: c.score, voxels: c.size }));
  const questioned = picks.flatMap((pick, i) => questionPick(corrected, shape, pick, i, options) ?? []);
  return [...adds, ...questioned].sort((a, b) => b.confidence - a.confidence);
}
