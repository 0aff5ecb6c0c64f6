/**
 * Rim fragments: the argmax of a segmentation flickers to a smaller species at a large particle's
 * periphery (the rim's blobs look like a small particle), giving small clusters of that species
 * embedded in the particle's surface. On the simulator, 396 of 445 `tiny` picks of a RobPicker
 * model were such pieces of ribosomes (issue 6 notes). A cluster is a fragment of a neighbouring
 * class when all of these hold:
 *   - it is smaller than `fraction` × its own class's sphere volume (not a whole particle);
 *   - the neighbour's class is the larger species (the artefact runs that way only);
 *   - at least `minContact` of its outer faces touch that class: a rim piece sits *in* the
 *     surface (0.36–0.64 of its faces on a test-tomogram crop), a particle next to another
 *     only touches it (0.06–0.17 for proteasomes against ribosomes).
 * Fragments are relabelled to the neighbour's class, so the clustering that follows counts them
 * as part of it.
 */
import type { Shape3 } from '../../volume/patch-grid.ts';
import type { Cluster } from './cluster.ts';
import { neighbourOffsets } from './connected-components.ts';

export interface FragmentRule {
  /** Particle radius per class, voxels; undefined = a region larger than any species (never a fragment). */
  radiusVoxels: (classId: number) => number | undefined;
  /** A fragment is smaller than this fraction of its class's sphere volume. */
  fraction: number;
  /** Share of the cluster's outer faces that must touch the larger class (default 1/3). */
  minContact?: number;
}

export const DEFAULT_MIN_CONTACT = 1 / 3;

export const sphereVolume = (r: number) => (4 * Math.PI * r ** 3) / 3;
const FACE_OFFSETS = neighbourOffsets(6);

/**
 * `clusters` = connected components of `labelMap` with their voxels. Returns the relabelled copy
 * of the label map, or null when no cluster was absorbed (decided on the original map, so the
 * order of the clusters does not matter).
 */
export function absorbFragments(labelMap: Uint8Array, shape: Shape3, clusters: readonly Cluster[], rule: FragmentRule): Uint8Array | null {
  const minContact = rule.minContact ?? DEFAULT_MIN_CONTACT;
  const larger = (neighbour: number, own: number) => {
    const r = rule.radiusVoxels(neighbour);
    return r === undefined || r > rule.radiusVoxels(own)!;
  };
  let relabelled: Uint8Array | null = null;
  for (const cluster of clusters) {
    const radius = rule.radiusVoxels(cluster.classId);
    if (!radius || cluster.size >= rule.fraction * sphereVolume(radius)) continue;
    const { faces, contacts } = outerFaceContacts(cluster, labelMap, labelMap, shape);
    let best = 0;
    let bestContacts = 0;
    for (let c = 1; c < 256; c++) {
      if (contacts[c]! > bestContacts && larger(c, cluster.classId)) [best, bestContacts] = [c, contacts[c]!];
    }
    if (best === 0 || bestContacts < minContact * faces) continue;
    relabelled ??= labelMap.slice();
    for (const i of cluster.voxels!) relabelled[i] = best;
  }
  return relabelled;
}

export interface FaceContacts {
  /** The cluster's outer faces: 6-neighbours inside the volume that `own` does not give the cluster's class. */
  faces: number;
  /** Of those, how many have each class in `other` (index = class, 0 = background). */
  contacts: Float64Array;
}

/**
 * Counts a cluster's outer faces (judged on `own`, the map the cluster was found in) and the
 * classes that `other` has behind them: the same map for rim fragments, the painted labels for a
 * pick's spill-out (labels/correction-suggestions.ts).
 */
export function outerFaceContacts(cluster: Cluster, own: Uint8Array, other: Uint8Array, shape: Shape3): FaceContacts {
  if (!cluster.voxels) throw new Error('face contacts need the clusters’ voxel lists (keepVoxels: true)');
  const [nx, ny, nz] = shape;
  const contacts = new Float64Array(256);
  let faces = 0;
  for (const i of cluster.voxels) {
    const x = i % nx;
    const y = Math.floor(i / nx) % ny;
    const z = Math.floor(i / (nx * ny));
    for (const [dx, dy, dz] of FACE_OFFSETS) {
      const [u, v, w] = [x + dx, y + dy, z + dz];
      if (u < 0 || v < 0 || w < 0 || u >= nx || v >= ny || w >= nz) continue;
      const j = u + nx * (v + ny * w);
      if (own[j] === cluster.classId) continue;
      faces++;
      contacts[other[j]!]!++;
    }
  }
  return { faces, contacts };
}
