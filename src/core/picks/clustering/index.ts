/** Label map → clusters → picks (see README.md in this folder). */
export type { Cluster } from './cluster.ts';
export { connectedComponents, type ComponentOptions } from './connected-components.ts';
export { dbscanGrid, type DbscanOptions } from './dbscan-grid.ts';
export { clustersToPicks, type ClusterPick } from './clusters-to-picks.ts';
export { absorbFragments, DEFAULT_MIN_CONTACT, outerFaceContacts, sphereVolume, type FaceContacts, type FragmentRule } from './absorb-fragments.ts';
export { DEFAULT_SPLIT_PEAK_DEPTH, DEFAULT_SPLIT_SEPARATION, splitMergedClusters, type SplitRule } from './split-merged.ts';
