import { existsSync } from 'node:fs';
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CliError, type CliCommand, type CliIO } from '../command.ts';
import { parseCommandArgs, parseNumberList, parsePositiveNumber } from '../parse-args.ts';
import { withFileSource } from '../file-source.ts';
import { writeCoordinates } from '../../core/io/coords/registry.ts';
import { readMrc } from '../../core/io/mrc/mrc-read.ts';
import { writeMrc } from '../../core/io/mrc/mrc-write.ts';
import {
  STANDARD_CASES,
  STANDARD_NOISY_LABELS,
  simulateTomogram,
  standardCase,
  type NoisyLabelConfig,
  type SimulationConfig,
  type SimulationResult,
  type TemplateMap,
} from '../../core/sim/index.ts';
import { noisyLabelRecords, simulationSummary, truthRecords } from '../../core/sim/records.ts';
import { computeStats, toFloat32, type Volume } from '../../core/volume/volume.ts';

const DEFAULT_CASE = 'demo';

const usage = `Usage: tomopick simulate --out DIR [options]

Simulates a tomogram with ground truth, deterministic by seed (see src/core/sim/README.md).
Writes into DIR: tomogram.mrc (float32, mean 0, sd 1, denser = darker), labels.mrc (int8 class
id per voxel, 0 = background), truth.csv and truth.star (RELION 5, with rlnAngleRot/Tilt/Psi),
noisy.csv (when the case has noisy labels) and simulation.json (config, classes, counts, what
the noisy labels dropped or added).

Options:
  --out DIR              output folder (created if missing)
  --case NAME            ${Object.keys(STANDARD_CASES).join(' | ')} (default ${DEFAULT_CASE})
  --seed N               integer seed (default: the case's)
  --shape NX,NY,NZ       tomogram size in voxels; the particle count scales with the volume
  --voxel Å              voxel size; species keep their size in Å, so they change in voxels
  --particles N          particles to place (overrides the scaled count)
  --snr S                signal-to-noise ratio (variance ratio), or "none" for no noise
  --wedge DEG            maximum tilt ±DEG about y (90 = no missing wedge)
  --noisy-labels SPEC    drop=0.3,spurious=0.1,jitter=1.5 (unset keys: standard values), or "none"
  --abundance A,B,…      relative abundance by count, one per species in the case's order
                         (e.g. more of a rare species; normalised, so 9,6,4,6 is fine)
  --templates DIR        render species from density maps DIR/<id>.mrc (polnet ids in simulation.json)`;

function parseInteger(text: string, flag: string): number {
  const n = Number(text);
  if (!Number.isInteger(n)) throw new CliError(`${flag} expects an integer, got "${text}"`, 2);
  return n;
}

/** "drop=0.3,spurious=0.1,jitter=1.5" → NoisyLabelConfig; "none" → null. */
export function parseNoisyLabelSpec(text: string): NoisyLabelConfig | null {
  if (text.trim().toLowerCase() === 'none') return null;
  const spec: NoisyLabelConfig = { ...STANDARD_NOISY_LABELS };
  const keys: Record<string, keyof NoisyLabelConfig> = { drop: 'dropFraction', spurious: 'spuriousFraction', jitter: 'jitterVoxels' };
  for (const part of text.split(',')) {
    const [key = '', value = ''] = part.split('=').map((s) => s.trim());
    const field = keys[key];
    const n = Number(value);
    if (!field || value === '' || !Number.isFinite(n) || n < 0) {
      throw new CliError(`--noisy-labels expects drop=F,spurious=F,jitter=VOXELS (non-negative numbers) or "none", got "${part}"`, 2);
    }
    spec[field] = n;
  }
  if (spec.dropFraction > 1) throw new CliError(`--noisy-labels drop must be ≤ 1, got ${spec.dropFraction}`, 2);
  return spec;
}

interface SimulateFlags {
  case?: string;
  seed?: string;
  shape?: string;
  voxel?: string;
  particles?: string;
  snr?: string;
  wedge?: string;
  'noisy-labels'?: string;
  abundance?: string;
}

/** The named case with the command-line overrides applied. */
export function buildConfig(values: SimulateFlags): SimulationConfig {
  const name = values.case ?? DEFAULT_CASE;
  if (!STANDARD_CASES[name]) {
    throw new CliError(`unknown --case "${name}" (one of ${Object.keys(STANDARD_CASES).join(', ')})`, 2);
  }
  const config = standardCase(name);
  const physicalVolume = (c: SimulationConfig) => c.shape[0] * c.shape[1] * c.shape[2] * c.voxelSize ** 3;
  const baseVolume = physicalVolume(config);
  if (values.seed !== undefined) config.seed = parseInteger(values.seed, '--seed');
  if (values.shape !== undefined) {
    const shape = parseNumberList(values.shape, 3, '--shape');
    if (shape.some((n) => !Number.isInteger(n) || n < 8)) {
      throw new CliError(`--shape expects three integers ≥ 8, got "${values.shape}"`, 2);
    }
    config.shape = shape as [number, number, number];
  }
  const voxel = parsePositiveNumber(values.voxel, '--voxel');
  if (voxel !== undefined) config.voxelSize = voxel;
  config.particleCount = Math.round((config.particleCount * physicalVolume(config)) / baseVolume);
  if (values.particles !== undefined) {
    const n = parseInteger(values.particles, '--particles');
    if (n < 0) throw new CliError(`--particles must be ≥ 0, got ${n}`, 2);
    config.particleCount = n;
  }
  if (values.snr !== undefined) {
    config.snr = values.snr.toLowerCase() === 'none' ? null : (parsePositiveNumber(values.snr, '--snr') ?? null);
  }
  if (values.wedge !== undefined) {
    const wedge = parsePositiveNumber(values.wedge, '--wedge')!;
    if (wedge > 90) throw new CliError(`--wedge is the maximum tilt in degrees (0 < DEG ≤ 90), got ${wedge}`, 2);
    config.wedgeDegrees = wedge;
  }
  if (values['noisy-labels'] !== undefined) config.noisyLabels = parseNoisyLabelSpec(values['noisy-labels']);
  if (values.abundance !== undefined) {
    const names = config.species.map((s) => s.name).join(', ');
    const abundance = parseNumberList(values.abundance, config.species.length, `--abundance (${names})`);
    if (abundance.some((a) => !(a >= 0)) || !abundance.some((a) => a > 0)) {
      throw new CliError(`--abundance expects non-negative numbers, not all zero, one per species (${names}), got "${values.abundance}"`, 2);
    }
    config.species = config.species.map((s, k) => ({ ...s, abundance: abundance[k]! }));
  }
  return config;
}

/** Density maps for the species whose template id has a DIR/<id>.mrc; others stay procedural. */
async function loadTemplates(dir: string, config: SimulationConfig, io: CliIO): Promise<Record<string, TemplateMap>> {
  if (!existsSync(dir)) throw new CliError(`--templates folder "${dir}" does not exist`);
  const files = new Set(await readdir(dir));
  const templates: Record<string, TemplateMap> = {};
  for (const species of config.species) {
    const file = species.template ? `${species.template}.mrc` : undefined;
    if (!file || !files.has(file)) {
      io.stderr(`simulate: no template ${file ?? '(none named)'} for ${species.name} in ${dir}; using the procedural shape`);
      continue;
    }
    const path = join(dir, file);
    const { volume, warnings } = await withFileSource(path, (source) => readMrc(source));
    for (const w of warnings) io.stderr(`simulate: ${path}: ${w}`);
    templates[species.name] = {
      nx: volume.nx,
      ny: volume.ny,
      nz: volume.nz,
      voxelSize: volume.voxelSize[0] > 0 ? volume.voxelSize[0] : config.voxelSize,
      data: toFloat32(volume),
    };
  }
  return templates;
}

/** Progress lines on stderr: one per stage, plus every 25 % within long stages. */
function progressReporter(io: CliIO): (fraction: number, stage: string) => void {
  let lastStage = '';
  let lastQuarter = -1;
  return (fraction, stage) => {
    const quarter = Math.floor(fraction * 4);
    if (stage === lastStage && quarter === lastQuarter) return;
    lastStage = stage;
    lastQuarter = quarter;
    io.stderr(`simulate: ${Math.round(fraction * 100)}% ${stage}`);
  };
}

function labelVolume(result: SimulationResult): Volume {
  const { nx, ny, nz, voxelSize } = result.volume;
  // Class ids ≤ 127 fit MRC mode 0 (int8) unchanged; more classes need mode 6 (uint16).
  const fitsInt8 = result.classes.length <= 127;
  const data = fitsInt8 ? new Int8Array(result.labelMap.buffer, result.labelMap.byteOffset, result.labelMap.length) : result.labelMap;
  const dtype = fitsInt8 ? 'int8' : 'uint8';
  return { nx, ny, nz, voxelSize, origin: [0, 0, 0], dtype, data, stats: computeStats({ dtype, data }) };
}

export const simulateCommand: CliCommand = {
  name: 'simulate',
  summary: 'simulate a tomogram with ground-truth particles, label map and noisy labels',
  usage,
  async run(argv: string[], io: CliIO): Promise<number> {
    const { values, positionals } = parseCommandArgs(
      argv,
      {
        out: { type: 'string' },
        case: { type: 'string' },
        seed: { type: 'string' },
        shape: { type: 'string' },
        voxel: { type: 'string' },
        particles: { type: 'string' },
        snr: { type: 'string' },
        wedge: { type: 'string' },
        'noisy-labels': { type: 'string' },
        abundance: { type: 'string' },
        templates: { type: 'string' },
      },
      usage,
    );
    if (positionals.length > 0) throw new CliError(`unexpected argument "${positionals[0]}"\n\n${usage}`, 2);
    if (!values.out) throw new CliError(`--out DIR is required\n\n${usage}`, 2);
    const config = buildConfig(values);
    const templates = values.templates ? await loadTemplates(values.templates, config, io) : {};

    const started = performance.now();
    let result: SimulationResult;
    try {
      result = simulateTomogram(config, { onProgress: progressReporter(io), templates });
    } catch (err) {
      const message = (err as Error).message;
      if (message.startsWith('Invalid simulation config')) throw new CliError(message, 2);
      throw err;
    }
    const seconds = (performance.now() - started) / 1000;

    const out = values.out;
    await mkdir(out, { recursive: true });
    const ctx = { tomoSize: config.shape, voxelSize: config.voxelSize, tomoName: config.name };
    const label = `tomopick simulate case=${config.name} seed=${config.seed}`;
    await writeFile(join(out, 'tomogram.mrc'), writeMrc(result.volume, { labels: [label] }));
    await writeFile(join(out, 'labels.mrc'), writeMrc(labelVolume(result), { labels: [`${label} labels`] }));
    const truth = truthRecords(result);
    await writeFile(join(out, 'truth.csv'), writeCoordinates('csv', truth, ctx));
    await writeFile(join(out, 'truth.star'), writeCoordinates('relion5', truth, ctx));
    const written = ['tomogram.mrc', 'labels.mrc', 'truth.csv', 'truth.star'];
    if (result.noisyLabels) {
      await writeFile(join(out, 'noisy.csv'), writeCoordinates('csv', noisyLabelRecords(result), ctx));
      written.push('noisy.csv');
    }
    written.push('simulation.json');
    await writeFile(join(out, 'simulation.json'), `${JSON.stringify({ ...simulationSummary(result), files: written }, null, 2)}\n`);

    const placed = result.counts.map((c) => `${c.species} ${c.placed}${c.placed < c.requested ? `/${c.requested}` : ''}`);
    io.stdout(
      `${config.name}: ${config.shape.join('×')} at ${config.voxelSize} Å, seed ${config.seed}, ` +
        `${result.particles.length} particles (${placed.join(', ')}), ${seconds.toFixed(1)} s → ${out}/{${written.join(',')}}`,
    );
    const short = result.counts.filter((c) => c.placed < c.requested);
    if (short.length > 0) io.stderr(`simulate: warning: no room for ${short.map((c) => `${c.requested - c.placed} ${c.species}`).join(', ')}`);
    return 0;
  },
};
