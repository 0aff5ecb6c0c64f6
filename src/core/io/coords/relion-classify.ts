/**
 * Which RELION flavour a STAR document is, or why it holds no particle coordinates
 * (optimisation sets, tomogram sets, tilt series, job files… get a specific message).
 */
import type { StarBlock, StarDocument, StarLoop } from '../star/star-types.ts';
import { CoordinateFormatError } from './types.ts';

export type RelionFlavour = 'relion5' | 'relion4' | 'relion3';

export const CENTERED_COLUMNS = [
  'rlnCenteredCoordinateXAngst',
  'rlnCenteredCoordinateYAngst',
  'rlnCenteredCoordinateZAngst',
] as const;
export const PIXEL_COLUMNS = ['rlnCoordinateX', 'rlnCoordinateY', 'rlnCoordinateZ'] as const;

export interface ParticleTable {
  flavour: RelionFlavour;
  block: StarBlock;
  loop: StarLoop;
}

function hasAll(loop: StarLoop, labels: readonly string[]): boolean {
  return labels.every((l) => loop.columns.includes(l));
}

function flavourOf(loop: StarLoop): RelionFlavour | undefined {
  if (hasAll(loop, CENTERED_COLUMNS)) return 'relion5';
  if (hasAll(loop, PIXEL_COLUMNS)) return loop.columns.includes('rlnTomoName') ? 'relion4' : 'relion3';
  return undefined;
}

/** The particle loop (preferring a block named "particles"); throws a clear refusal otherwise. */
export function findParticleTable(doc: StarDocument, fileName: string): ParticleTable {
  const candidates: ParticleTable[] = [];
  for (const block of doc.blocks) {
    for (const loop of block.loops) {
      const flavour = flavourOf(loop);
      if (flavour) candidates.push({ flavour, block, loop });
    }
  }
  const preferred = candidates.find((c) => c.block.name === 'particles') ?? candidates[0];
  if (preferred) return preferred;
  throw new CoordinateFormatError(`${fileName}: ${describeNonParticleStar(doc)}`);
}

function allLabels(doc: StarDocument): Set<string> {
  const labels = new Set<string>();
  for (const block of doc.blocks) {
    for (const key of block.pairs.keys()) labels.add(key);
    for (const loop of block.loops) for (const c of loop.columns) labels.add(c);
  }
  return labels;
}

function describeNonParticleStar(doc: StarDocument): string {
  const labels = allLabels(doc);
  const has = (l: string) => labels.has(l);
  const partial = [...CENTERED_COLUMNS, ...PIXEL_COLUMNS].filter(has);
  if (partial.length > 0) {
    return `has only some coordinate columns (${partial.join(', ')}); need rlnCoordinateX/Y/Z or rlnCenteredCoordinateX/Y/ZAngst`;
  }
  if (has('rlnTomoParticlesFile')) {
    const particles = doc.blocks.map((b) => b.pairs.get('rlnTomoParticlesFile')).find((v) => v !== undefined);
    return `is a RELION optimisation set, not a particle list; open the particles file it names${particles ? ` (${particles})` : ''} and pass the tomograms.star with it`;
  }
  if (has('rlnTomoTiltSeriesStarFile') || has('rlnTomoSizeX')) {
    return 'is a RELION tomogram set (tomograms.star), not a particle list; pass it with --tomograms next to a particles file';
  }
  if (has('rlnTomoNominalStageTiltAngle') || has('rlnMicrographMovieName') || has('rlnTomoProjX')) {
    return 'is a RELION tilt-series STAR file (per-tilt metadata), not particle coordinates';
  }
  if (has('rlnJobTypeLabel') || has('rlnJobOptionVariable')) return 'is a RELION job.star (job parameters), not particle coordinates';
  if (has('rlnPipeLineProcessName')) return 'is a RELION pipeline file, not particle coordinates';
  if (has('rlnImageName')) {
    return 'lists particle images without 3D coordinates (no rlnCoordinateX/Y/Z or rlnCenteredCoordinateX/Y/ZAngst)';
  }
  const blocks = doc.blocks.map((b) => `data_${b.name}`).join(', ') || 'none';
  return `has no particle coordinates (looked for rlnCenteredCoordinateX/Y/ZAngst or rlnCoordinateX/Y/Z; blocks: ${blocks})`;
}
