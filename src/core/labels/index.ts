/** Training targets for the segmentation network (see README.md in this folder). */
export { paintSphereLabels, type LabelPoint } from './sphere-labels.ts';
export { checkLabelShape, labelMapFromVolume } from './label-volume.ts';
