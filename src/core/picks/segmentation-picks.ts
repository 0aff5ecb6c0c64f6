/**
 * Segmentation → picks (issue 5): per-class clusters of the argmax label map, each giving a
 * centroid, a size and a score (mean class probability). Connected components and grid DBSCAN
 * (eps = 1 voxel, 5 points, as RobPicker/DeepFinder) are both offered; components are the default
 * because on argmax maps they give the same particles faster (bench/results/clustering.json).
 */
import type { Shape3 } from '../volume/patch-grid.ts';
import { absorbFragments, clustersToPicks, connectedComponents, dbscanGrid, DEFAULT_SPLIT_SEPARATION, sphereVolume, splitMergedClusters, type ClusterPick, type FragmentRule, type SplitRule } from './clustering/index.ts';

export type ClusteringMethod = 'components' | 'dbscan';

export interface SegmentationPickOptions {
  method?: ClusteringMethod;
  /** Clusters smaller than this many voxels are noise (default 5, the paper's DBSCAN min points). */
  minSize?: number;
  /** Optional per-class minimum size, e.g. a fraction of the class's sphere volume. */
  minSizeOfClass?: (classId: number) => number;
  /** Rim fragments of a larger species join it (clustering/absorb-fragments.ts); off when absent. */
  fragments?: FragmentRule;
  /** Clusters holding several touching particles are split at their distance-map peaks (clustering/split-merged.ts); off when absent. */
  split?: SplitRule;
  /** Score = the mean class probability weighted by these (uint8 per voxel) instead of the plain mean. */
  scoreWeights?: Uint8Array;
}

export interface SegmentationMaps {
  /** probabilities[c − 1] = round(255·p(class c)). */
  probabilities: readonly Uint8Array[];
  /** Argmax class per voxel, 0 = background. */
  labels: Uint8Array;
}

export const DEFAULT_MIN_CLUSTER_SIZE = 5;
/**
 * A cluster much smaller than its class's particle is a fragment (an edge of a neighbour, a noise
 * blob): by default clusters below 10 % of the class's sphere volume are dropped.
 */
export const DEFAULT_MIN_VOLUME_FRACTION = 0.1;

/** Per-class minimum cluster size: `fraction` × the sphere volume of the class radius, at least `floor`. */
export function minSizeFromRadii(
  radiusVoxels: (classId: number) => number | undefined,
  fraction = DEFAULT_MIN_VOLUME_FRACTION,
  floor = DEFAULT_MIN_CLUSTER_SIZE,
): (classId: number) => number {
  if (!(fraction >= 0 && fraction <= 1)) throw new Error(`minimum volume fraction must lie in [0, 1], got ${fraction}`);
  return (classId) => {
    const r = radiusVoxels(classId);
    return r && r > 0 ? Math.max(floor, Math.round(fraction * sphereVolume(r))) : floor;
  };
}

/**
 * A fragment is below half its class's sphere volume: the rim pieces on a test-tomogram crop were
 * 3–35 voxels against the small species' 113, while whole particles fill more of their sphere.
 */
export const DEFAULT_FRAGMENT_FRACTION = 0.5;

export function picksFromSegmentation(maps: SegmentationMaps, shape: Shape3, options: SegmentationPickOptions = {}): ClusterPick[] {
  const { method = 'components', minSize = DEFAULT_MIN_CLUSTER_SIZE, minSizeOfClass, fragments, split, scoreWeights } = options;
  let labels = maps.labels;
  let components: ReturnType<typeof connectedComponents> | null = null;
  if (fragments) {
    // Every component, even those below minSize, so the smallest flickers join their neighbour too.
    components = connectedComponents(labels, shape, { connectivity: 6 });
    const relabelled = absorbFragments(labels, shape, components, fragments);
    if (relabelled) {
      labels = relabelled;
      components = null;
    }
  }
  const found =
    method === 'dbscan'
      ? dbscanGrid(labels, shape, { eps: 1, minPoints: 5, minSize })
      : (components?.filter((c) => c.size >= minSize) ?? connectedComponents(labels, shape, { connectivity: 6, minSize }));
  const clusters = split ? splitMergedClusters(found, shape, split) : found;
  const kept = minSizeOfClass ? clusters.filter((c) => c.size >= minSizeOfClass(c.classId)) : clusters;
  return clustersToPicks(kept, maps.probabilities, scoreWeights);
}

export interface RadiusPickingOptions {
  method?: ClusteringMethod;
  minSize?: number;
  /** Drop clusters below this fraction of the class's sphere volume (default 0.1). */
  minVolumeFraction?: number;
  /** Rim fragments below this fraction of their class volume join the larger species (default 0.5, 0 = off). */
  fragmentFraction?: number;
  /** Distance-map peaks this many class radii apart are separate particles of a merged cluster (default 1.5, 0 = no splitting). */
  splitSeparation?: number;
}

/** The picking options every caller with per-class radii uses (CLI predict, the studio, validation F1). */
export function pickingFromRadii(radiusVoxels: (classId: number) => number | undefined, options: RadiusPickingOptions = {}): SegmentationPickOptions {
  const minSize = options.minSize ?? DEFAULT_MIN_CLUSTER_SIZE;
  const fragment = options.fragmentFraction ?? DEFAULT_FRAGMENT_FRACTION;
  const separation = options.splitSeparation ?? DEFAULT_SPLIT_SEPARATION;
  if (!(separation >= 0)) throw new Error(`split separation must be ≥ 0 class radii, got ${separation}`);
  return {
    ...(options.method ? { method: options.method } : {}),
    minSize,
    minSizeOfClass: minSizeFromRadii(radiusVoxels, options.minVolumeFraction ?? DEFAULT_MIN_VOLUME_FRACTION, minSize),
    ...(fragment > 0 ? { fragments: { radiusVoxels, fraction: fragment } } : {}),
    ...(separation > 0 ? { split: { radiusVoxels, minSeparationFactor: separation } } : {}),
  };
}
