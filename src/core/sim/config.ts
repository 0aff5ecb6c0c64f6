/**
 * Simulation configuration (plain JSON: it is written verbatim into simulation.json) and its
 * validation. Sizes of physical things are in Å so a case keeps its meaning at another voxel size.
 */

/** Procedural particle shapes (see species-shapes.ts). */
export type ProceduralShapeKind = 'ribosome' | 'proteasome' | 'lobed' | 'compact' | 'globule';

export const PROCEDURAL_SHAPES: readonly ProceduralShapeKind[] = ['ribosome', 'proteasome', 'lobed', 'compact', 'globule'];

export interface SpeciesConfig {
  /** Class name written to coordinates and label legends. */
  name: string;
  shape: ProceduralShapeKind;
  /** Diameter of the bounding sphere, Å. */
  diameterAngstrom: number;
  /** Relative abundance by particle count (normalised over all species). */
  abundance: number;
  /** CSS colour for the class. */
  color: string;
  /** Density contrast relative to a protein of 1 (ice = 0). */
  contrast: number;
  /** Optional template map id (e.g. '4v4r') used when the caller supplies template maps. */
  template?: string;
}

export interface MembraneConfig {
  /** Spherical vesicle radius, Å (to the bilayer mid-plane). */
  radiusAngstrom: number;
  /** Distance between the two leaflet (head-group) peaks, Å. */
  bilayerThicknessAngstrom: number;
  contrast: number;
}

export interface FiducialConfig {
  /** Gold beads: dense spheres near the top and bottom surfaces of the ice slab. */
  goldCount: number;
  goldRadiusAngstrom: number;
  goldContrast: number;
  /** Contamination: irregular clusters of dense spheres anywhere in the slab. */
  contaminationCount: number;
  contaminationRadiusAngstrom: number;
  contaminationContrast: number;
}

/**
 * CTF-like transfer applied to the signal (not to the noise, which in real data is shot noise
 * added after the optics). Phase-flipped keeps |CTF|, as after ctfphaseflip.
 */
export interface CtfConfig {
  defocusMicrons: number;
  voltageKv: number;
  amplitudeContrast: number;
  /** Envelope exp(−B·k²/4), Å². */
  bFactor: number;
  phaseFlipped: boolean;
}

export interface NoisyLabelConfig {
  /** Fraction of true particles left out of the noisy labels. */
  dropFraction: number;
  /** Spurious picks added, as a fraction of the number of true particles. */
  spuriousFraction: number;
  /** Per-axis Gaussian standard deviation of the position error, voxels. */
  jitterVoxels: number;
}

export interface SimulationConfig {
  /** Case name (also the tomogram name in coordinate files). */
  name: string;
  /** [nx, ny, nz] voxels. */
  shape: [number, number, number];
  /** Å per voxel (isotropic). */
  voxelSize: number;
  seed: number;
  species: SpeciesConfig[];
  /** Particles attempted; fewer are placed if the slab is too crowded (see result counts). */
  particleCount: number;
  /** Thickness of the ice slab holding the sample, as a fraction of nz (centred in z). */
  slabFraction: number;
  /** Minimum surface gap between bounding spheres, Å. */
  minGapAngstrom: number;
  membrane: MembraneConfig | null;
  fiducials: FiducialConfig;
  /** Maximum tilt angle, degrees (±); 90 means no missing wedge. Tilt axis = y. */
  wedgeDegrees: number;
  ctf: CtfConfig | null;
  /** Signal-to-noise ratio (definition in README.md); null = noise-free. */
  snr: number | null;
  noisyLabels: NoisyLabelConfig | null;
}

/** Largest volume we agree to simulate (memory for three float32 copies must stay reasonable). */
export const MAX_SIMULATION_VOXELS = 512 * 512 * 256;

function fail(message: string): never {
  throw new Error(`Invalid simulation config: ${message}`);
}

function requireFinite(value: unknown, what: string, min: number, max = Infinity, inclusiveMin = true): void {
  if (typeof value !== 'number' || !Number.isFinite(value)) fail(`${what} must be a finite number, got ${String(value)}`);
  if (inclusiveMin ? value < min : value <= min) fail(`${what} must be ${inclusiveMin ? '≥' : '>'} ${min}, got ${value}`);
  if (value > max) fail(`${what} must be ≤ ${max}, got ${value}`);
}

/** Throws an Error naming the first bad field; returns the config for chaining. */
export function validateSimulationConfig(config: SimulationConfig): SimulationConfig {
  const { shape } = config;
  if (!Array.isArray(shape) || shape.length !== 3 || shape.some((n) => !Number.isInteger(n) || n < 8)) {
    fail(`shape must be three integers ≥ 8, got ${JSON.stringify(shape)}`);
  }
  const voxels = shape[0] * shape[1] * shape[2];
  if (voxels > MAX_SIMULATION_VOXELS) {
    fail(`shape ${shape.join('×')} has ${voxels} voxels; the simulator's limit is ${MAX_SIMULATION_VOXELS}`);
  }
  requireFinite(config.voxelSize, 'voxelSize', 0, Infinity, false);
  if (!Number.isInteger(config.seed)) fail(`seed must be an integer, got ${config.seed}`);
  if (!Array.isArray(config.species) || config.species.length === 0) fail('at least one species is required');
  if (config.species.length > 254) fail('at most 254 species fit a uint8 label map');
  const names = new Set<string>();
  for (const s of config.species) {
    if (!s.name) fail('every species needs a name');
    if (names.has(s.name)) fail(`species name "${s.name}" is used twice`);
    names.add(s.name);
    if (!PROCEDURAL_SHAPES.includes(s.shape)) {
      fail(`species "${s.name}" has unknown shape "${s.shape}" (one of ${PROCEDURAL_SHAPES.join(', ')})`);
    }
    requireFinite(s.diameterAngstrom, `species "${s.name}" diameterAngstrom`, 0, Infinity, false);
    if (s.diameterAngstrom / config.voxelSize < 3) {
      fail(`species "${s.name}" is ${(s.diameterAngstrom / config.voxelSize).toFixed(1)} voxels across; at least 3 are needed`);
    }
    requireFinite(s.abundance, `species "${s.name}" abundance`, 0, Infinity, false);
    requireFinite(s.contrast, `species "${s.name}" contrast`, 0, Infinity, false);
  }
  if (!Number.isInteger(config.particleCount) || config.particleCount < 0) {
    fail(`particleCount must be a non-negative integer, got ${config.particleCount}`);
  }
  requireFinite(config.slabFraction, 'slabFraction', 0, 1, false);
  requireFinite(config.minGapAngstrom, 'minGapAngstrom', 0);
  if (config.membrane) {
    requireFinite(config.membrane.radiusAngstrom, 'membrane.radiusAngstrom', 0, Infinity, false);
    requireFinite(config.membrane.bilayerThicknessAngstrom, 'membrane.bilayerThicknessAngstrom', 0, Infinity, false);
    requireFinite(config.membrane.contrast, 'membrane.contrast', 0);
  }
  const f = config.fiducials;
  if (!Number.isInteger(f.goldCount) || f.goldCount < 0) fail(`fiducials.goldCount must be a non-negative integer`);
  if (!Number.isInteger(f.contaminationCount) || f.contaminationCount < 0) {
    fail(`fiducials.contaminationCount must be a non-negative integer`);
  }
  requireFinite(f.goldRadiusAngstrom, 'fiducials.goldRadiusAngstrom', 0, Infinity, false);
  requireFinite(f.contaminationRadiusAngstrom, 'fiducials.contaminationRadiusAngstrom', 0, Infinity, false);
  requireFinite(f.goldContrast, 'fiducials.goldContrast', 0);
  requireFinite(f.contaminationContrast, 'fiducials.contaminationContrast', 0);
  requireFinite(config.wedgeDegrees, 'wedgeDegrees', 0, 90, false);
  if (config.ctf) {
    requireFinite(config.ctf.defocusMicrons, 'ctf.defocusMicrons', 0, 50, false);
    requireFinite(config.ctf.voltageKv, 'ctf.voltageKv', 0, 3000, false);
    requireFinite(config.ctf.amplitudeContrast, 'ctf.amplitudeContrast', 0, 1);
    requireFinite(config.ctf.bFactor, 'ctf.bFactor', 0);
  }
  if (config.snr !== null) requireFinite(config.snr, 'snr', 0, Infinity, false);
  if (config.noisyLabels) {
    requireFinite(config.noisyLabels.dropFraction, 'noisyLabels.dropFraction', 0, 1);
    requireFinite(config.noisyLabels.spuriousFraction, 'noisyLabels.spuriousFraction', 0, 10);
    requireFinite(config.noisyLabels.jitterVoxels, 'noisyLabels.jitterVoxels', 0);
  }
  return config;
}
