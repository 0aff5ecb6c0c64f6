/** Connected components of each class of a label map (6- or 26-connectivity), small ones dropped. */
import type { Shape3 } from '../../volume/patch-grid.ts';
import { checkLabelMapShape, type Cluster } from './cluster.ts';
import { floodClusters, type Offset3 } from './flood-clusters.ts';

export interface ComponentOptions {
  /** Components with fewer voxels are dropped (default 1: keep all). */
  minSize?: number;
  /** 6: faces only (scipy.ndimage.label's default); 26: faces, edges and corners. Default 6. */
  connectivity?: 6 | 26;
  /** Keep each component's voxel indices (needed by clustersToPicks). Default true. */
  keepVoxels?: boolean;
}

export function neighbourOffsets(connectivity: 6 | 26): Offset3[] {
  const offsets: Offset3[] = [];
  for (let z = -1; z <= 1; z++)
    for (let y = -1; y <= 1; y++)
      for (let x = -1; x <= 1; x++) {
        const manhattan = Math.abs(x) + Math.abs(y) + Math.abs(z);
        if (manhattan > 0 && (connectivity === 26 || manhattan === 1)) offsets.push([x, y, z]);
      }
  return offsets;
}

export function connectedComponents(labelMap: Uint8Array, shape: Shape3, options: ComponentOptions = {}): Cluster[] {
  const { minSize = 1, connectivity = 6, keepVoxels = true } = options;
  checkLabelMapShape(labelMap, shape);
  if (connectivity !== 6 && connectivity !== 26) throw new Error(`Connectivity must be 6 or 26, got ${String(connectivity)}.`);
  if (!Number.isInteger(minSize) || minSize < 1) throw new Error(`minSize must be a positive integer, got ${minSize}.`);
  return floodClusters(labelMap, shape, { offsets: neighbourOffsets(connectivity), core: null, minSize, keepVoxels });
}
