/**
 * simulateTomogram: config (+ seed) → tomogram, exact label map and ground truth. Pure core code
 * (no Node APIs): the CLI and a Web Worker call the same function. Every random stage draws from
 * its own stream derived from the seed, so e.g. changing the SNR or the noisy-label settings
 * leaves the particle field unchanged.
 */
import type { ClassDef } from '../picks/pick.ts';
import { computeStats, type Volume } from '../volume/volume.ts';
import { validateSimulationConfig, type SimulationConfig } from './config.ts';
import { placeFiducials, renderFiducials, type FiducialSphere } from './fiducials.ts';
import { filterSignalAndNoise } from './fourier-filter.ts';
import { slabRange, SphereGrid } from './geometry.ts';
import { placeMembrane, renderMembrane, type MembraneGeometry } from './membrane.ts';
import { fillGaussian, mixAndNormalise, sampleMask } from './noise.ts';
import { makeNoisyLabels, type NoisyLabels } from './noisy-labels.ts';
import { placeParticles } from './placement.ts';
import { createRandom, deriveSeed } from './random.ts';
import { renderParticles } from './render-particles.ts';
import type { ShapeModel } from './shape-model.ts';
import { proceduralShape } from './species-shapes.ts';
import { templateShape, type TemplateMap } from './template-shape.ts';

export interface SimulatedParticle {
  /** Voxel coordinates, 0-based, voxel centres at integers. */
  x: number;
  y: number;
  z: number;
  classId: number;
  species: string;
  /** Row-major 3×3 rotation: particle frame → tomogram frame (x, y, z). */
  rotation: number[];
}

export interface SpeciesCount {
  classId: number;
  species: string;
  requested: number;
  placed: number;
}

export interface ImagingSummary {
  /** Variance of the filtered noise-free signal over the sample region (SNR numerator). */
  signalVariance: number;
  /** Variance of the scaled noise over the whole tomogram (SNR denominator). */
  noiseVariance: number;
  /** signalVariance / noiseVariance as realised (equals config.snr up to rounding). */
  snr: number | null;
  /** Voxels that count as the sample for the SNR. */
  sampleVoxels: number;
}

export interface SimulationResult {
  /** float32, mean 0, sd 1; denser = darker (more negative). */
  volume: Volume;
  /** Same shape; class id of the particle covering each voxel, 0 = background. */
  labelMap: Uint8Array;
  classes: ClassDef[];
  particles: SimulatedParticle[];
  /** Gold beads and contamination spheres: dense, and NOT particles. */
  gold: { x: number; y: number; z: number; radius: number; kind: 'gold' | 'contamination' }[];
  membrane: MembraneGeometry | null;
  noisyLabels?: NoisyLabels;
  counts: SpeciesCount[];
  imaging: ImagingSummary;
  config: SimulationConfig;
  /** Species rendered from a template map instead of the procedural shape. */
  templatesUsed: string[];
}

export interface SimulateOptions {
  onProgress?: (fraction: number, stage: string) => void;
  signal?: AbortSignal;
  /** Density maps by species name; species without one use their procedural shape. */
  templates?: Readonly<Record<string, TemplateMap>>;
}

export function simulateTomogram(config: SimulationConfig, options: SimulateOptions = {}): SimulationResult {
  validateSimulationConfig(config);
  const { onProgress, signal: abort, templates = {} } = options;
  const report = (fraction: number, stage: string) => onProgress?.(Math.min(1, Math.max(0, fraction)), stage);
  const shape = config.shape;
  const [nx, ny, nz] = shape;
  const stream = (name: string) => createRandom(deriveSeed(config.seed, name));
  for (const name of Object.keys(templates)) {
    if (!config.species.some((s) => s.name === name)) throw new Error(`template given for unknown species "${name}"`);
  }

  report(0, 'placing');
  const models: ShapeModel[] = config.species.map((s) => {
    const map = templates[s.name];
    return map
      ? templateShape(map, config.voxelSize, s.contrast)
      : proceduralShape(s.shape, s.diameterAngstrom / 2 / config.voxelSize, s.contrast);
  });
  const gap = config.minGapAngstrom / config.voxelSize;
  const f = config.fiducials;
  const largest = Math.max(
    ...models.map((m) => m.radius),
    f.goldRadiusAngstrom / config.voxelSize,
    (1.8 * f.contaminationRadiusAngstrom) / config.voxelSize,
  );
  const grid = new SphereGrid(shape, 2 * largest + gap);
  const membrane = config.membrane ? placeMembrane(config.membrane, config, stream('membrane')) : null;
  const fiducials: FiducialSphere[] = placeFiducials(f, config, membrane, grid, stream('fiducials'));
  const placement = placeParticles(
    config,
    models.map((m) => m.radius),
    membrane,
    grid,
    stream('particles'),
    abort,
  );
  abort?.throwIfAborted();

  report(0.05, 'rendering particles');
  const total = nx * ny * nz;
  const density = new Float32Array(total);
  const labelMap = new Uint8Array(total);
  const count = placement.particles.length;
  renderParticles(placement.particles, models, density, labelMap, shape, (i) => {
    if (i % 16 === 0) {
      abort?.throwIfAborted();
      report(0.05 + (0.3 * (i + 1)) / Math.max(1, count), 'rendering particles');
    }
  });
  if (membrane) renderMembrane(membrane, density, shape);
  renderFiducials(fiducials, density, shape);
  abort?.throwIfAborted();

  report(0.35, 'drawing noise');
  const noise = new Float32Array(total);
  if (config.snr !== null) fillGaussian(noise, stream('noise'));
  abort?.throwIfAborted();

  report(0.45, 'missing wedge and CTF');
  filterSignalAndNoise(
    density,
    noise,
    { shape, voxelSize: config.voxelSize, wedgeDegrees: config.wedgeDegrees, ctf: config.ctf },
    (step) => report(0.45 + 0.5 * step, 'missing wedge and CTF'),
    abort,
  );

  report(0.95, 'normalising');
  const mask = sampleMask(shape, slabRange(config), fiducials);
  const mix = mixAndNormalise(density, noise, config.snr, mask);
  let sampleVoxels = 0;
  for (let i = 0; i < total; i++) sampleVoxels += mask[i]!;
  const noiseVariance = mix.noiseVariance * mix.noiseScale * mix.noiseScale;

  const classes: ClassDef[] = config.species.map((s, i) => ({
    id: i + 1,
    name: s.name,
    color: s.color,
    radiusAngstrom: models[i]!.radius * config.voxelSize,
  }));
  const particles: SimulatedParticle[] = placement.particles.map((p) => ({
    x: p.x,
    y: p.y,
    z: p.z,
    classId: p.speciesIndex + 1,
    species: config.species[p.speciesIndex]!.name,
    rotation: p.rotation,
  }));
  const noisyLabels = config.noisyLabels
    ? makeNoisyLabels(
        particles.map((p) => ({ ...p, radius: models[p.classId - 1]!.radius })),
        config.noisyLabels,
        config,
        stream('noisy-labels'),
      )
    : undefined;

  const volume: Volume = {
    nx,
    ny,
    nz,
    voxelSize: [config.voxelSize, config.voxelSize, config.voxelSize],
    origin: [0, 0, 0],
    dtype: 'float32',
    data: density,
    stats: computeStats({ dtype: 'float32', data: density }),
  };
  report(1, 'done');
  return {
    volume,
    labelMap,
    classes,
    particles,
    gold: fiducials.map(({ x, y, z, radius, kind }) => ({ x, y, z, radius, kind })),
    membrane,
    ...(noisyLabels ? { noisyLabels } : {}),
    counts: config.species.map((s, i) => ({
      classId: i + 1,
      species: s.name,
      requested: placement.requested[i]!,
      placed: placement.placed[i]!,
    })),
    imaging: {
      signalVariance: mix.signalVariance,
      noiseVariance,
      snr: config.snr === null || noiseVariance === 0 ? null : mix.signalVariance / noiseVariance,
      sampleVoxels,
    },
    config: structuredClone(config),
    templatesUsed: config.species.filter((s) => templates[s.name]).map((s) => s.name),
  };
}
