/** Public API of the tomogram simulator (see README.md in this folder). */
export { simulateTomogram } from './simulate.ts';
export type {
  ImagingSummary,
  SimulatedParticle,
  SimulateOptions,
  SimulationResult,
  SpeciesCount,
} from './simulate.ts';
export { STANDARD_CASES, STANDARD_NOISY_LABELS, STANDARD_SPECIES, standardCase } from './standard-cases.ts';
export { validateSimulationConfig, PROCEDURAL_SHAPES, MAX_SIMULATION_VOXELS } from './config.ts';
export type {
  CtfConfig,
  FiducialConfig,
  MembraneConfig,
  NoisyLabelConfig,
  ProceduralShapeKind,
  SimulationConfig,
  SpeciesConfig,
} from './config.ts';
export type { NoisyLabelRecord, NoisyLabels } from './noisy-labels.ts';
export type { TemplateMap } from './template-shape.ts';
export { createRandom, deriveSeed, type Random } from './random.ts';
