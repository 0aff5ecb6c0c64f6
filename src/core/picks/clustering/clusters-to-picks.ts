/** Clusters → pick records: centroid, class, size and a score = mean class probability over the cluster. */
import type { Cluster } from './cluster.ts';

export interface ClusterPick {
  x: number;
  y: number;
  z: number;
  classId: number;
  /** Mean probability of the cluster's class over its voxels, 0 … 1. */
  score: number;
  size: number;
}

/**
 * `probabilities[c − 1]` is class c's map as round(255·p) (ProbabilityAccumulator's output).
 * Clusters must carry their voxels (the clustering functions' default). With `weights` (uint8 per
 * voxel) the score is the weighted mean instead, falling back to the plain mean where every
 * weight is 0.
 */
export function clustersToPicks(clusters: readonly Cluster[], probabilities: readonly Uint8Array[], weights?: Uint8Array): ClusterPick[] {
  return clusters.map((cluster, index) => {
    const map = probabilities[cluster.classId - 1];
    if (!map) throw new Error(`No probability map for class ${cluster.classId} (got maps for classes 1…${probabilities.length}).`);
    const { voxels } = cluster;
    if (!voxels) throw new Error(`Cluster ${index} has no voxel list; cluster with keepVoxels: true to score it.`);
    let sum = 0;
    let weightedSum = 0;
    let weightSum = 0;
    for (let k = 0; k < voxels.length; k++) {
      const value = map[voxels[k]!];
      if (value === undefined) throw new Error(`Cluster ${index} has voxel ${voxels[k]} outside the ${map.length}-voxel probability map.`);
      sum += value;
      if (weights) {
        const w = weights[voxels[k]!] ?? 0;
        weightedSum += w * value;
        weightSum += w;
      }
    }
    const { x, y, z, classId, size } = cluster;
    const mean = weightSum > 0 ? weightedSum / weightSum : voxels.length > 0 ? sum / voxels.length : 0;
    return { x, y, z, classId, size, score: mean / 255 };
  });
}
