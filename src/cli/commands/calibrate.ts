/**
 * `tomopick calibrate --model DIR PICKS TRUTH`: fits one score threshold per class on a tomogram
 * with clean labels (core/metrics/calibrate-scores.ts) and stores it in the model's classes, so
 * `predict` and the studio drop the low-scoring picks of a generously segmented class by default.
 */
import { basename } from 'node:path';
import { CliError, type CliCommand, type CliIO } from '../command.ts';
import { readPicks } from '../inputs.ts';
import { readModelFolder, writeModelJson } from '../model-files.ts';
import { parseCommandArgs, parsePositiveNumber } from '../parse-args.ts';
import type { CoordinateRecord } from '../../core/io/coords/registry.ts';
import type { ClassThreshold, ScoredPoint } from '../../core/metrics/calibrate-scores.ts';
import { DEFAULT_RADIUS_FACTOR, type MetricPoint } from '../../core/metrics/evaluate.ts';
import { calibrateModel } from '../../ml/io/model-calibration.ts';
import type { ModelClass } from '../../ml/io/model-format.ts';

const usage = `Usage: tomopick calibrate --model DIR PICKS TRUTH [options]

Chooses, for each class of the model, the score threshold that maximises that class's F1 on a
tomogram with clean labels, and stores it in DIR/model.json: tomopick predict and the studio then
drop the picks of each class that score below its threshold (predict --min-score overrides it).
PICKS are the model's picks on that tomogram with every score kept:
  tomopick predict --model DIR clean.mrc --min-score 0 --out clean-picks.csv
TRUTH are its clean picks (class numbers or the model's class names). Use a tomogram the model was
not trained on (the validation tomogram), never the one you will report results on.

Options:
  --model DIR         model folder (model.json is rewritten; the weights are untouched)
  --voxel Å           voxel size of the tomogram (default: the model's training voxel size)
  --radius-factor F   match tolerance = F × class radius, as tomopick eval (default ${DEFAULT_RADIUS_FACTOR})
  --name NAME         the calibration tomogram's name as the model records it (default: the
                      tomogram TRUTH names, else TRUTH's file name)
  --dry-run           print the thresholds without storing them
  --json              print the thresholds as JSON`;

export const calibrateCommand: CliCommand = {
  name: 'calibrate',
  summary: "fit each class's score threshold on a clean tomogram and store it in the model",
  usage,
  async run(argv: string[], io: CliIO): Promise<number> {
    const { values, positionals } = parseCommandArgs(
      argv,
      {
        model: { type: 'string' },
        voxel: { type: 'string' },
        'radius-factor': { type: 'string' },
        name: { type: 'string' },
        'dry-run': { type: 'boolean' },
        json: { type: 'boolean' },
      },
      usage,
    );
    if (!values.model) throw new CliError(`--model DIR is required\n\n${usage}`, 2);
    if (positionals.length !== 2) throw new CliError(`expected PICKS and TRUTH files, got ${positionals.length} argument(s)\n\n${usage}`, 2);
    const [picksPath, truthPath] = positionals as [string, string];
    const saved = await readModelFolder(values.model);
    const voxel = parsePositiveNumber(values.voxel, '--voxel') ?? saved.json.provenance.voxelSizeAngstrom ?? undefined;
    if (voxel === undefined) throw new CliError('the model records no voxel size: give the tomogram\'s with --voxel Å', 2);
    const radiusFactor = parsePositiveNumber(values['radius-factor'], '--radius-factor') ?? DEFAULT_RADIUS_FACTOR;

    const classOf = classNumberer(saved.json.classes);
    const picks = await readPicks(picksPath, {}, io);
    const truth = await readPicks(truthPath, {}, io);
    const scored: ScoredPoint[] = picks.map((r, i) => {
      if (r.score === undefined || !Number.isFinite(r.score)) throw new CliError(`${picksPath}: row ${i + 1} has no score (use the picks tomopick predict writes)`);
      return { ...point(r, classOf(r, picksPath, i)), score: r.score };
    });
    const truthPoints = truth.map((r, i) => point(r, classOf(r, truthPath, i)));
    const tomograms = new Set(truth.map((r) => r.tomogram).filter(Boolean));
    const name = values.name ?? (tomograms.size === 1 ? [...tomograms][0]! : basename(truthPath));
    const calibrated = calibrateModel(saved.json, scored, truthPoints, voxel, name, radiusFactor);
    const { thresholds } = calibrated;
    if (thresholds.length === 0) throw new CliError(`${truthPath} holds no picks of the model's classes`);
    if (!values['dry-run']) await writeModelJson(values.model, calibrated.json);
    if (values.json) io.stdout(JSON.stringify({ tomogram: name, stored: !values['dry-run'], classes: thresholds }, null, 2));
    else io.stdout(`${thresholdTable(thresholds)}\n${values['dry-run'] ? '(dry run: nothing stored)' : `stored in ${values.model}/model.json`}`);
    return 0;
  },
};

/** Class number of a record: its own, else the model class of that name. */
function classNumberer(modelClasses: readonly ModelClass[]) {
  const byName = new Map(modelClasses.map((c) => [c.name.toLowerCase(), c.id]));
  const known = new Set(modelClasses.map((c) => c.id));
  return (r: CoordinateRecord, file: string, row: number): number => {
    const id = r.classId ?? (r.className ? byName.get(r.className.toLowerCase()) : undefined);
    if (id === undefined) throw new CliError(`${file}: row ${row + 1} has no class number and no class name the model knows`);
    if (!known.has(id)) throw new CliError(`${file}: row ${row + 1} is class ${id}, which the model does not have (${[...known].join(', ')})`);
    return id;
  };
}

const point = (r: CoordinateRecord, classId: number): MetricPoint => ({ x: r.x, y: r.y, z: r.z, classId });

function thresholdTable(thresholds: readonly ClassThreshold[]): string {
  const rows = thresholds.map((t) =>
    [t.name ?? `class ${t.classId}`, t.minScore.toFixed(3), String(t.nTruth), `${t.nKept}/${t.nPred}`, t.f1Before.toFixed(3), t.f1After.toFixed(3)],
  );
  const header = ['class', 'min score', 'true', 'picks kept', 'F1 before', 'F1 after'];
  const widths = header.map((h, k) => Math.max(h.length, ...rows.map((r) => r[k]!.length)));
  return [header, ...rows].map((r) => r.map((cell, k) => cell.padEnd(widths[k]!)).join('  ')).join('\n');
}
