/**
 * Label fixes suggested by the label-correction network (issue 6's correction review). The LC
 * gives, per voxel, its own estimate S (a distribution over classes) and its trust α in S over the
 * noisy label L; its corrected label is C = α·S + (1 − α)·L. Given S, α and L (the picks painted
 * as spheres):
 *   - add:     a cluster of voxels where S's most probable class is a particle but L is
 *              background — a particle the labels miss;
 *   - remove:  a pick whose sphere S mostly calls background — a label the model doubts;
 *   - relabel: a pick whose sphere S mostly calls another particle class — a class change.
 * Confidence is S's probability of the suggested outcome averaged over the voxels concerned,
 * weighted by α (where the LC trusts its estimate more, it counts more), 0 … 1; suggestions are
 * ranked by it. Ranking by C instead would give the same order when α is flat, but C's scale is
 * α's: with the learned α of ~0.07 on the simulator no C ever moves past 0.13, so a fixed bulk
 * threshold on C would accept nothing (bench/results/label-correction-recovery-*.json). On S the
 * default threshold 0.5 means the estimate's trusted majority wants the change.
 */
import { absorbFragments, connectedComponents, outerFaceContacts, sphereVolume } from '../picks/clustering/index.ts';
import { DEFAULT_FRAGMENT_FRACTION, minSizeFromRadii, picksFromSegmentation, type SegmentationMaps } from '../picks/segmentation-picks.ts';
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

/** The LC over a tomogram: S as class maps, and α as round(255·α) per voxel. */
export interface LabelCorrectionMaps {
  estimate: SegmentationMaps;
  trust: Uint8Array;
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
  /** Rim fragments below this fraction of their class volume join a painted pick or a larger species (default 0.5). */
  fragmentFraction?: number;
  /** A pick is questioned when S gives another outcome at least this (α-weighted) probability (default 0.25). */
  minMass?: number;
  /**
   * A cluster below `fragmentFraction` of its class volume with at least this share of its outer
   * faces on a painted pick of its own class is that pick's spill-out, no add (default
   * DEFAULT_SPILL_CONTACT).
   */
  spillContact?: number;
}

export const DEFAULT_MIN_MASS = 0.25;

/** See SuggestionOptions.spillContact (tuned in the issue-6 notes). */
export const DEFAULT_SPILL_CONTACT = 0.15;

/** Default confidence above which the review's bulk "accept all above" applies. */
export const DEFAULT_SUGGESTION_THRESHOLD = 0.5;

/** α-weighted mean of S for every class (index 0 = background) over a sphere around a pick. */
function sphereMeans(lc: LabelCorrectionMaps, shape: Shape3, pick: LabelPoint, radius: number): { means: number[]; voxels: number } {
  const [nx, ny, nz] = shape;
  const { probabilities } = lc.estimate;
  const species = probabilities.length;
  const sums = new Float64Array(species);
  const weightedSums = new Float64Array(species);
  let voxels = 0;
  let weightSum = 0;
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
        const w = lc.trust[i]!;
        for (let c = 0; c < species; c++) {
          sums[c]! += probabilities[c]![i]!;
          weightedSums[c]! += w * probabilities[c]![i]!;
        }
        weightSum += w;
        voxels++;
      }
    }
  }
  if (voxels === 0) return { means: [1, ...Array<number>(species).fill(0)], voxels };
  // Where the LC trusts nothing (α = 0 everywhere) the plain mean still ranks the estimate.
  const particle = weightSum > 0 ? Array.from(weightedSums, (s) => s / (255 * weightSum)) : Array.from(sums, (s) => s / (255 * voxels));
  const background = Math.max(0, 1 - particle.reduce((a, b) => a + b, 0));
  return { means: [background, ...particle], voxels };
}

function questionPick(lc: LabelCorrectionMaps, shape: Shape3, pick: LabelPoint, pickIndex: number, options: SuggestionOptions): Suggestion | null {
  const radius = (options.radiusVoxels(pick.classId) ?? 1) * (options.coreFraction ?? 0.5);
  const { means, voxels } = sphereMeans(lc, shape, pick, radius);
  if (voxels === 0) return null;
  // The best outcome other than keeping the pick as it is: background (remove) or another class.
  let best = pick.classId === 0 ? 1 : 0;
  for (let c = 0; c < means.length; c++) if (c !== pick.classId && means[c]! > means[best]!) best = c;
  if (means[best]! < (options.minMass ?? DEFAULT_MIN_MASS)) return null;
  const at = { x: pick.x, y: pick.y, z: pick.z, pickIndex, voxels, confidence: means[best]! };
  return best === 0 ? { kind: 'remove', classId: pick.classId, ...at } : { kind: 'relabel', classId: best, fromClassId: pick.classId, ...at };
}

/** Marks the voxels the labels cover while fragments are absorbed (no species uses it). */
const LABELLED = 255;

/**
 * S's particle classes where the labels have background. A rim fragment embedded in a painted
 * sphere or in a larger species of S (clustering/absorb-fragments.ts) is part of that and no add:
 * on the simulator, 502 of 829 adds were `tiny` pieces inside dropped ribosomes before this.
 */
function missedParticles(estimate: Uint8Array, noisyLabels: Uint8Array, shape: Shape3, options: SuggestionOptions): Uint8Array {
  const missed = new Uint8Array(estimate.length);
  for (let i = 0; i < missed.length; i++) missed[i] = noisyLabels[i] !== 0 ? LABELLED : estimate[i]!;
  // The labelled region has no radius: larger than any species, never itself a fragment.
  const radiusVoxels = (id: number) => (id === LABELLED ? undefined : options.radiusVoxels(id));
  const fraction = options.fragmentFraction ?? DEFAULT_FRAGMENT_FRACTION;
  const absorbed = absorbFragments(missed, shape, connectedComponents(missed, shape), { radiusVoxels, fraction }) ?? missed;
  for (let i = 0; i < absorbed.length; i++) if (absorbed[i] === LABELLED) absorbed[i] = 0;
  dropSpillOuts(absorbed, noisyLabels, shape, options.radiusVoxels, fraction, options.spillContact ?? DEFAULT_SPILL_CONTACT);
  return absorbed;
}

/**
 * A pick painted 1–4 voxels off its particle (the jitter of quick picking) leaves a crescent of
 * that particle outside its sphere: S has the pick's class there, the labels have background.
 * The crescent lies along the sphere, so a good share of its faces touch a label of its own
 * class; a missed particle next to a pick of its class only touches it. Such pieces are cleared.
 */
function dropSpillOuts(
  missed: Uint8Array,
  noisyLabels: Uint8Array,
  shape: Shape3,
  radiusVoxels: SuggestionOptions['radiusVoxels'],
  fraction: number,
  minContact: number,
): void {
  for (const cluster of connectedComponents(missed, shape)) {
    const radius = radiusVoxels(cluster.classId);
    if (!radius || cluster.size >= fraction * sphereVolume(radius)) continue;
    const { faces, contacts } = outerFaceContacts(cluster, missed, noisyLabels, shape);
    if (contacts[cluster.classId]! >= minContact * faces) for (const i of cluster.voxels!) missed[i] = 0;
  }
}

/**
 * `lc` = S and α over the whole tomogram; `noisyLabels` = the label map they were computed from
 * (class per voxel, the picks' spheres); `picks` = the picks behind it, in the caller's order.
 */
export function correctionSuggestions(
  lc: LabelCorrectionMaps,
  noisyLabels: Uint8Array,
  picks: readonly LabelPoint[],
  shape: Shape3,
  options: SuggestionOptions,
): Suggestion[] {
  const voxels = shape[0] * shape[1] * shape[2];
  const { estimate, trust } = lc;
  if (estimate.labels.length !== voxels || trust.length !== voxels || noisyLabels.length !== voxels) {
    throw new Error(
      `the estimate (${estimate.labels.length} voxels), its trust (${trust.length}) and the noisy labels (${noisyLabels.length}) must all cover ${shape.join('×')}`,
    );
  }
  const adds: Suggestion[] = picksFromSegmentation({ labels: missedParticles(estimate.labels, noisyLabels, shape, options), probabilities: estimate.probabilities }, shape, {
    minSizeOfClass: minSizeFromRadii(options.radiusVoxels, options.minVolumeFraction),
    // Missed neighbours merge as predictions do: one suggestion per particle (clustering/split-merged.ts).
    split: { radiusVoxels: options.radiusVoxels },
    scoreWeights: trust,
  }).map((c) => ({ kind: 'add', x: c.x, y: c.y, z: c.z, classId: c.classId, confidence: c.score, voxels: c.size }));
  const questioned = picks.flatMap((pick, i) => questionPick(lc, shape, pick, i, options) ?? []);
  return [...adds, ...questioned].sort((a, b) => b.confidence - a.confidence);
}
