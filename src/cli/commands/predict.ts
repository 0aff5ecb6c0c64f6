/**
 * `tomopick predict --model DIR TOMO.mrc --out picks.star`: whole-tomogram U-Net inference in
 * overlapping patches, argmax → clusters → picks with a score (mean class probability).
 */
import { writeFile } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { startCliBackend } from '../backend.ts';
import { CliError, type CliCommand, type CliIO } from '../command.ts';
import { readVolume } from '../inputs.ts';
import { readModelFolder } from '../model-files.ts';
import { parseCommandArgs, parseIntegerOption } from '../parse-args.ts';
import { FORMAT_EXTENSIONS, writeCoordinates, type CoordinateRecord } from '../../core/io/coords/registry.ts';
import { normalizeTomogramName } from '../../core/io/coords/tomogram-name.ts';
import { writeMrc } from '../../core/io/mrc/mrc-write.ts';
import { DEFAULT_SPLIT_SEPARATION } from '../../core/picks/clustering/index.ts';
import { DEFAULT_FRAGMENT_FRACTION, DEFAULT_MIN_VOLUME_FRACTION, pickingFromRadii, picksFromSegmentation, type ClusteringMethod } from '../../core/picks/segmentation-picks.ts';
import { normaliseForNetwork } from '../../core/training/normalise.ts';
import { numberToFloat16Bits } from '../../core/volume/float16.ts';
import { computeStats, type Volume } from '../../core/volume/volume.ts';
import { DEFAULT_OVERLAP, predictVolume } from '../../ml/infer/predict-volume.ts';
import { scoreCutOfClass, type ModelClass } from '../../ml/io/model-format.ts';
import { unetFromSerialized } from '../../ml/io/unet-serialization.ts';
import { disposeUNet } from '../../ml/unet/model.ts';

const usage = `Usage: tomopick predict --model DIR TOMO.mrc --out picks.star [options]

Runs a U-Net trained by tomopick train (or saved from the studio) over the whole tomogram in
overlapping patches, averages them with blend weights, takes the most probable class per voxel,
clusters each class (connected components or DBSCAN) and writes one pick per cluster at its
centroid, scored by its mean class probability.

Options:
  --model DIR            folder with model.json + weights.bin
  --out FILE             picks (.star = RELION 5, .csv, …)
  --probabilities FILE   also write each class's probability map as FILE_<class>.mrc (float16)
  --tile N               edge of the cubic tiles inference runs on (default: the training patch;
                         larger tiles, a multiple of 2^depth, run faster but average fewer shifted
                         predictions per voxel: 64 for a 32³ model halved the time and tripled
                         the weak picks of a rare small class)
  --overlap N            voxels shared by neighbouring tiles (default ${DEFAULT_OVERLAP}, at most half a tile)
  --batch N              patches per forward pass (default 1)
  --cluster components|dbscan   (default components; dbscan = eps 1 voxel, 5 points)
  --min-size N           smallest cluster in voxels (default 5)
  --min-volume F         also drop clusters below F × the class's sphere volume (radius from the
                         model's classes; default 0.1, 0 = off)
  --fragment-volume F    a cluster below F × its class's sphere volume that touches another
                         class is a fragment of that neighbour (a rim piece) and joins it
                         (default ${DEFAULT_FRAGMENT_FRACTION}, 0 = off)
  --split-separation F   a cluster larger than its class's sphere whose distance-to-edge map has
                         peaks at least F class radii apart holds that many touching particles
                         and is split between them (default ${DEFAULT_SPLIT_SEPARATION}, 0 = off)
  --min-score S          drop picks whose mean probability is below S (0–1) in every class
                         (default: each class's threshold from tomopick calibrate, else 0)
  --voxel Å              voxel size when the header has none
  --backend auto|webgpu|wasm|cpu`;

const FLOAT16_OF_BYTE = Uint16Array.from({ length: 256 }, (_, i) => numberToFloat16Bits(i / 255));

function probabilityVolume(map: Uint8Array, like: Volume): Volume {
  const data = new Uint16Array(map.length);
  for (let i = 0; i < map.length; i++) data[i] = FLOAT16_OF_BYTE[map[i]!]!;
  const volume: Volume = { nx: like.nx, ny: like.ny, nz: like.nz, voxelSize: like.voxelSize, origin: like.origin, dtype: 'float16', data, stats: like.stats };
  return { ...volume, stats: computeStats(volume) };
}

const safeName = (name: string) => name.replace(/[^A-Za-z0-9._-]+/g, '_');

function progress(io: CliIO): (done: number, total: number) => void {
  let last = -1;
  return (done, total) => {
    const tenth = Math.floor((10 * done) / total);
    if (tenth !== last) io.stderr(`predict: ${done}/${total} patches`);
    last = tenth;
  };
}

export const predictCommand: CliCommand = {
  name: 'predict',
  summary: 'pick particles with a trained U-Net: probability maps → clusters → picks',
  usage,
  async run(argv: string[], io: CliIO): Promise<number> {
    const { values, positionals } = parseCommandArgs(
      argv,
      {
        model: { type: 'string' },
        out: { type: 'string' },
        probabilities: { type: 'string' },
        tile: { type: 'string' },
        overlap: { type: 'string' },
        batch: { type: 'string' },
        cluster: { type: 'string' },
        'min-size': { type: 'string' },
        'min-score': { type: 'string' },
        'min-volume': { type: 'string' },
        'fragment-volume': { type: 'string' },
        'split-separation': { type: 'string' },
        voxel: { type: 'string' },
        backend: { type: 'string' },
      },
      usage,
    );
    if (positionals.length !== 1) throw new CliError(`expected exactly one tomogram, got ${positionals.length}\n\n${usage}`, 2);
    if (!values.model) throw new CliError(`--model DIR is required\n\n${usage}`, 2);
    if (!values.out) throw new CliError(`--out FILE is required\n\n${usage}`, 2);
    const format = FORMAT_EXTENSIONS[extname(values.out).toLowerCase()];
    if (!format) throw new CliError(`--out ${values.out}: unknown extension (use .star or .csv)`, 2);
    const method = (values.cluster ?? 'components') as ClusteringMethod;
    if (method !== 'components' && method !== 'dbscan') throw new CliError(`--cluster expects components or dbscan, got "${values.cluster}"`, 2);
    const overlap = parseIntegerOption(values.overlap, '--overlap', DEFAULT_OVERLAP, 0);
    const tile = values.tile === undefined ? undefined : parseIntegerOption(values.tile, '--tile', 0, 1);
    const batchSize = parseIntegerOption(values.batch, '--batch', 1);
    const minSize = parseIntegerOption(values['min-size'], '--min-size', 5);
    const minScore = values['min-score'] === undefined ? undefined : Number(values['min-score']);
    if (minScore !== undefined && !(minScore >= 0 && minScore <= 1)) throw new CliError(`--min-score expects a number in [0, 1], got "${values['min-score']}"`, 2);
    const minVolume = values['min-volume'] === undefined ? DEFAULT_MIN_VOLUME_FRACTION : Number(values['min-volume']);
    if (!(minVolume >= 0 && minVolume <= 1)) throw new CliError(`--min-volume expects a number in [0, 1], got "${values['min-volume']}"`, 2);
    const fragmentVolume = values['fragment-volume'] === undefined ? DEFAULT_FRAGMENT_FRACTION : Number(values['fragment-volume']);
    if (!(fragmentVolume >= 0 && fragmentVolume <= 1)) throw new CliError(`--fragment-volume expects a number in [0, 1], got "${values['fragment-volume']}"`, 2);

    const splitSeparation = values['split-separation'] === undefined ? DEFAULT_SPLIT_SEPARATION : Number(values['split-separation']);
    if (!(splitSeparation >= 0)) throw new CliError(`--split-separation expects a number ≥ 0, got "${values['split-separation']}"`, 2);

    const saved = await readModelFolder(values.model);
    const tomoPath = positionals[0]!;
    const volume = await readVolume(tomoPath);
    const voxelSize = values.voxel !== undefined ? Number(values.voxel) : volume.voxelSize[0];
    const modelVoxel = saved.json.provenance?.voxelSizeAngstrom;
    if (modelVoxel && voxelSize > 0 && Math.abs(voxelSize / modelVoxel - 1) > 0.15) {
      io.stderr(`predict: warning: the model was trained at ${modelVoxel} Å/voxel, this tomogram is ${voxelSize} Å/voxel: bin or rescale it first`);
    }
    await startCliBackend(values.backend, io, 'predict');
    const model = unetFromSerialized(saved.json, saved.weights);
    const shape: [number, number, number] = [volume.nx, volume.ny, volume.nz];
    const started = performance.now();
    let maps;
    try {
      const source = normaliseForNetwork(volume);
      maps = await predictVolume(model, source, shape, { overlap, batchSize, onProgress: progress(io), ...(tile === undefined ? {} : { tile }) });
    } catch (err) {
      throw new CliError((err as Error).message);
    } finally {
      disposeUNet(model);
    }
    const seconds = (performance.now() - started) / 1000;
    const classes = new Map<number, ModelClass>(saved.json.classes.map((c) => [c.id, c]));
    const radiusVoxels = (id: number) => {
      const r = classes.get(id)?.radiusAngstrom;
      return r && voxelSize > 0 ? r / voxelSize : undefined;
    };
    const picking = pickingFromRadii(radiusVoxels, { method, minSize, minVolumeFraction: minVolume, fragmentFraction: fragmentVolume, splitSeparation });
    const cut = scoreCutOfClass(saved.json.classes, minScore);
    const calibration = saved.json.provenance.calibration;
    if (minScore === undefined && calibration) {
      const cuts = saved.json.classes.filter((c) => c.minScore).map((c) => `${c.name} ≥ ${c.minScore!.toFixed(3)}`);
      io.stderr(`predict: score thresholds calibrated on ${calibration.tomogram}: ${cuts.join(', ') || 'none needed'} (--min-score 0 keeps every pick)`);
    }
    const picks = picksFromSegmentation(maps, shape, picking).filter((p) => p.score >= cut(p.classId));
    const tomogram = normalizeTomogramName(basename(tomoPath));
    const records: CoordinateRecord[] = picks.map((p) => ({
      tomogram,
      x: p.x,
      y: p.y,
      z: p.z,
      classId: p.classId,
      className: classes.get(p.classId)?.name ?? `class ${p.classId}`,
      score: Math.round(p.score * 1000) / 1000,
    }));
    const ctx = { tomoSize: shape, tomoName: tomogram, ...(voxelSize > 0 ? { voxelSize } : {}) };
    try {
      await writeFile(values.out, writeCoordinates(format, records, ctx));
    } catch (err) {
      throw new CliError(`cannot write ${values.out}: ${(err as Error).message}`);
    }
    if (values.probabilities) {
      const base = values.probabilities.replace(/\.mrc$/i, '');
      for (let c = 1; c < model.config.nClasses; c++) {
        const name = safeName(classes.get(c)?.name ?? `class${c}`);
        await writeFile(`${base}_${name}.mrc`, writeMrc(probabilityVolume(maps.probabilities[c - 1]!, volume), { labels: [`tomopick predict: p(${name})`] }));
      }
    }
    const counts = [...classes.values()].map((c) => `${c.name} ${picks.filter((p) => p.classId === c.id).length}`).join(', ');
    io.stdout(`${basename(tomoPath)}: ${picks.length} picks (${counts}) in ${seconds.toFixed(1)} s → ${values.out}`);
    return 0;
  },
};
