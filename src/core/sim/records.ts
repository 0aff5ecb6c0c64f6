/**
 * Simulation output as coordinate records (for writeCoordinates) and as the simulation.json
 * summary, shared by the CLI and the studio so both describe a simulation the same way.
 */
import type { CoordinateRecord } from '../io/coords/types.ts';
import { relionAnglesOfRotation } from './orientation.ts';
import type { SimulationResult } from './simulate.ts';

/** 1e-4 voxel / degree: far below any picking tolerance, and keeps the text files readable. */
const round4 = (v: number) => Math.round(v * 1e4) / 1e4;

/** Ground truth: one record per particle, with class name, radius and RELION angles. */
export function truthRecords(result: SimulationResult, tomogram = result.config.name): CoordinateRecord[] {
  return result.particles.map((p) => {
    const cls = result.classes[p.classId - 1]!;
    return {
      tomogram,
      x: round4(p.x),
      y: round4(p.y),
      z: round4(p.z),
      classId: p.classId,
      className: cls.name,
      radiusAngstrom: round4(cls.radiusAngstrom),
      angles: relionAnglesOfRotation(p.rotation).map(round4) as [number, number, number],
    };
  });
}

/** Noisy labels with `spurious` and `truth_index` columns (truth_index is empty for spurious picks). */
export function noisyLabelRecords(result: SimulationResult, tomogram = result.config.name): CoordinateRecord[] {
  if (!result.noisyLabels) return [];
  return result.noisyLabels.records.map((r) => ({
    tomogram,
    x: round4(r.x),
    y: round4(r.y),
    z: round4(r.z),
    classId: r.classId,
    className: result.classes[r.classId - 1]!.name,
    extra: { spurious: r.spurious ? '1' : '0', truth_index: r.truthIndex === undefined ? '' : String(r.truthIndex) },
  }));
}

/** JSON-ready description of a simulation: config, classes, counts, what the noisy labels changed. */
export function simulationSummary(result: SimulationResult) {
  const noisy = result.noisyLabels;
  return {
    generator: 'tomopick simulate',
    seed: result.config.seed,
    config: result.config,
    classes: result.classes,
    counts: result.counts,
    particles: result.particles.map((p, index) => ({
      index,
      x: p.x,
      y: p.y,
      z: p.z,
      classId: p.classId,
      species: p.species,
      rotation: p.rotation,
      relionAngles: relionAnglesOfRotation(p.rotation),
    })),
    fiducials: result.gold,
    membrane: result.membrane,
    imaging: result.imaging,
    templatesUsed: result.templatesUsed,
    polarity: 'denser = darker (more negative); tomogram normalised to mean 0, sd 1',
    labelMap: 'class id per voxel, 0 = background; membrane and fiducials are not labelled',
    noisyLabels: noisy
      ? {
          count: noisy.records.length,
          droppedTruthIndices: noisy.droppedTruthIndices,
          spuriousRecordIndices: noisy.records.flatMap((r, i) => (r.spurious ? [i] : [])),
        }
      : null,
  };
}
