/** Training-data preparation for the U-Net (see README.md in this folder). */
export { CLIP_SD, normaliseForNetwork } from './normalise.ts';
export { createPatchSampler, type PatchBatch, type PatchOrigin, type PatchSampler, type PatchSamplerOptions, type TrainingTomogram } from './patch-sampler.ts';
export { applyCubeSymmetry, augmentPatch, CUBE_SYMMETRY_COUNT, Z_PRESERVING_SYMMETRIES } from './cube-symmetry.ts';
export { isInsideBlock, validationBlockOrigin, type ClassedPoint } from './validation-block.ts';
