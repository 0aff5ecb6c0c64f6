/**
 * Fragments of a neighbour: the argmax of a segmentation flickers to another class at a particle's
 * periphery (a large particle's rim blobs look like a small species), giving small clusters of
 * that class glued to the particle. On the simulator, 396 of 445 `tiny` picks of a RobPicker model
 * were such rim pieces of ribosomes (issue 6 notes). A cluster much smaller than its own class's
 * particle that touches another particle class is relabelled to that class, so the clustering
 * that follows counts it as part of its neighbour. A whole small particle touching a larger one
 * is absorbed too: that is the rule's cost (particles rarely touch in a tomogram).
 */
import type { Shape3 } from '../../volume/patch-grid.ts';
import type { Cluster } from './cluster.ts';
import { neighbourOffsets } from './connected-components.ts';

/**
 * `clusters` = connected components of `labelMap` with their voxels; `fragmentSize(c)` = the size
 * below which a cluster of class c is a fragment when it touches another class. Returns the
 * relabelled copy of the label map, or null when no cluster was absorbed.
 */
export function absorbFragments(
  labelMap: Uint8Array,
  shape: Shape3,
  clusters: readonly Cluster[],
  fragmentSize: (classId: number) => number,
): Uint8Array | null {
  const [nx, ny, nz] = shape;
  const offsets = neighbourOffsets(6);
  const contacts = new Float64Array(256);
  let relabelled: Uint8Array | null = null;
  for (const cluster of clusters) {
    if (cluster.size >= fragmentSize(cluster.classId)) continue;
    if (!cluster.voxels) throw new Error('absorbFragments needs the clusters’ voxel lists (keepVoxels: true)');
    contacts.fill(0);
    for (const i of cluster.voxels) {
      const x = i % nx;
      const y = Math.floor(i / nx) % ny;
      const z = Math.floor(i / (nx * ny));
      for (const [dx, dy, dz] of offsets) {
        const [u, v, w] = [x + dx, y + dy, z + dz];
        if (u < 0 || v < 0 || w < 0 || u >= nx || v >= ny || w >= nz) continue;
        const label = labelMap[u + nx * (v + ny * w)]!;
        if (label !== 0 && label !== cluster.classId) contacts[label]!++;
      }
    }
    let best = 0;
    for (let c = 1; c < 256; c++) if (contacts[c]! > contacts[best]!) best = c;
    if (best === 0) continue;
    // Decided on the original map, so the order of the clusters does not matter.
    relabelled ??= labelMap.slice();
    for (const i of cluster.voxels) relabelled[i] = best;
  }
  return relabelled;
}
