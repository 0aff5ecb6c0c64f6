/**
 * `tomopick suggest --model DIR TOMO.mrc --labels picks.star --out fixes.csv`: runs the
 * label-correction network of an lc-only / robpicker run over a tomogram with its (noisy) picks and
 * lists the fixes it suggests — particles the picks miss, picks it doubts, class changes — ranked
 * by confidence (the correction review of the studio, as a file).
 */
import { writeFile } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { startCliBackend } from '../backend.ts';
import { CliError, type CliCommand, type CliIO } from '../command.ts';
import { labelPointsFrom, readPicks, readVolume } from '../inputs.ts';
import { readCheckpoint, readModelFolder } from '../model-files.ts';
import { parseCommandArgs, parseIntegerOption } from '../parse-args.ts';
import { DEFAULT_SUGGESTION_THRESHOLD, type Suggestion } from '../../core/labels/correction-suggestions.ts';
import { unpackTensors } from '../../ml/io/checkpoint-format.ts';
import { DEFAULT_OVERLAP } from '../../ml/infer/predict-volume.ts';
import { splitMetaState } from '../../ml/meta/meta-state.ts';
import { suggestLabelFixes } from '../../ml/meta/suggest-fixes.ts';

const usage = `Usage: tomopick suggest --model DIR TOMO.mrc --labels PICKS --out fixes.csv [options]

Runs the label-correction network of a model trained with --mode lc-only or robpicker (DIR must
hold its checkpoint) over TOMO with PICKS painted as spheres, and writes the label fixes it
suggests, most confident first: add (a particle the picks miss), remove (a pick it doubts),
relabel (a pick of another class). Columns: kind, x, y, z (voxels), class, class_name,
from_class, pick_index (row of PICKS, 0-based), confidence, voxels.

Options:
  --model DIR          model folder with checkpoint.json (lc-only / robpicker run)
  --labels FILE        the picks to review (STAR/CSV/…, class per row)
  --out FILE           .csv or .json
  --threshold X        only write suggestions with confidence ≥ X (default 0; the studio's
                       bulk accept uses ${DEFAULT_SUGGESTION_THRESHOLD})
  --overlap N          voxels shared by neighbouring patches (default ${DEFAULT_OVERLAP})
  --batch N            patches per forward pass (default 1)
  --voxel Å            voxel size when the tomogram's header has none
  --backend auto|webgpu|wasm|cpu`;

const header = 'kind,x,y,z,class,class_name,from_class,pick_index,confidence,voxels';

function toCsv(suggestions: readonly Suggestion[], className: (id: number) => string): string {
  const rows = suggestions.map((s) =>
    [s.kind, s.x.toFixed(2), s.y.toFixed(2), s.z.toFixed(2), s.classId, className(s.classId), s.fromClassId ?? '', s.pickIndex ?? '', s.confidence.toFixed(4), s.voxels].join(','),
  );
  return `${[header, ...rows].join('\n')}\n`;
}

async function loadCorrection(dir: string) {
  const checkpoint = await readCheckpoint(dir);
  if (!checkpoint) throw new CliError(`${dir}: no checkpoint.json (the label-correction weights travel in the checkpoint of an lc-only or robpicker run)`, 2);
  const mode = checkpoint.meta.mode ?? 'supervised';
  if (mode !== 'lc-only' && mode !== 'robpicker') throw new CliError(`${dir} was trained in mode ${mode}: it has no label-correction network (train with --mode robpicker or lc-only)`, 2);
  return splitMetaState(unpackTensors(checkpoint.optimizer)).meta;
}

function summary(suggestions: readonly Suggestion[], threshold: number): string {
  const count = (kind: Suggestion['kind']) => suggestions.filter((s) => s.kind === kind && s.confidence >= threshold).length;
  return `${count('add')} add, ${count('remove')} remove, ${count('relabel')} relabel`;
}

export const suggestCommand: CliCommand = {
  name: 'suggest',
  summary: 'label fixes from a RobPicker label-correction network: missed particles, doubted picks, class changes',
  usage,
  async run(argv: string[], io: CliIO): Promise<number> {
    const { values, positionals } = parseCommandArgs(
      argv,
      {
        model: { type: 'string' },
        labels: { type: 'string' },
        out: { type: 'string' },
        threshold: { type: 'string' },
        overlap: { type: 'string' },
        batch: { type: 'string' },
        voxel: { type: 'string' },
        backend: { type: 'string' },
      },
      usage,
    );
    if (positionals.length !== 1) throw new CliError(`expected exactly one tomogram, got ${positionals.length}\n\n${usage}`, 2);
    if (!values.model || !values.labels || !values.out) throw new CliError(`--model, --labels and --out are required\n\n${usage}`, 2);
    const ext = extname(values.out).toLowerCase();
    if (ext !== '.csv' && ext !== '.json') throw new CliError(`--out ${values.out}: use .csv or .json`, 2);
    const threshold = values.threshold === undefined ? 0 : Number(values.threshold);
    if (!(threshold >= 0 && threshold <= 1)) throw new CliError(`--threshold expects a number in [0, 1], got "${values.threshold}"`, 2);
    const overlap = parseIntegerOption(values.overlap, '--overlap', DEFAULT_OVERLAP, 0);
    const batchSize = parseIntegerOption(values.batch, '--batch', 1);

    const saved = await readModelFolder(values.model);
    const meta = await loadCorrection(values.model);
    const tomoPath = positionals[0]!;
    const volume = await readVolume(tomoPath);
    const voxelSize = values.voxel !== undefined ? Number(values.voxel) : volume.voxelSize[0];
    if (!(voxelSize > 0)) throw new CliError(`${tomoPath} has no voxel size: give --voxel`, 2);
    const shape: [number, number, number] = [volume.nx, volume.ny, volume.nz];
    const picks = labelPointsFrom(await readPicks(values.labels, { tomoSize: shape, voxelSize }, io), values.labels);
    const classes = new Map(saved.json.classes.map((c) => [c.id, c]));
    const radiusVoxels = (id: number) => {
      const r = classes.get(id)?.radiusAngstrom;
      return r ? r / voxelSize : undefined;
    };
    const foreign = picks.find((p) => !radiusVoxels(p.classId));
    if (foreign) throw new CliError(`class ${foreign.classId} of ${values.labels} is not a class of the model (or has no radius)`, 2);

    await startCliBackend(values.backend, io, 'suggest');
    const started = performance.now();
    let suggestions: Suggestion[];
    try {
      suggestions = (await suggestLabelFixes(saved, meta, volume, picks, radiusVoxels, { overlap, batchSize })).filter((s) => s.confidence >= threshold);
    } catch (err) {
      throw new CliError(`${values.labels}: ${(err as Error).message}`);
    }
    const className = (id: number) => classes.get(id)?.name ?? `class ${id}`;
    const text = ext === '.json' ? `${JSON.stringify(suggestions, null, 1)}\n` : toCsv(suggestions, className);
    try {
      await writeFile(values.out, text);
    } catch (err) {
      throw new CliError(`cannot write ${values.out}: ${(err as Error).message}`);
    }
    const seconds = (performance.now() - started) / 1000;
    io.stdout(`${basename(tomoPath)}: ${suggestions.length} suggestions (${summary(suggestions, DEFAULT_SUGGESTION_THRESHOLD)} at confidence ≥ ${DEFAULT_SUGGESTION_THRESHOLD}) in ${seconds.toFixed(1)} s → ${values.out}`);
    return 0;
  },
};
