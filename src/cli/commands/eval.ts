import { basename } from 'node:path';
import { CliError, type CliCommand, type CliIO } from '../command.ts';
import { readPicks } from '../inputs.ts';
import { parseCommandArgs, parseNumberList, parsePositiveNumber } from '../parse-args.ts';
import { type CoordinateContext, type CoordinateRecord } from '../../core/io/coords/registry.ts';
import { normalizeTomogramName } from '../../core/io/coords/tomogram-name.ts';
import { DEFAULT_BETA, DEFAULT_RADIUS_FACTOR, evaluatePicks, type MetricPoint } from '../../core/metrics/evaluate.ts';
import { evaluationToJson } from '../../core/metrics/report-json.ts';
import { formatConfusionTable, formatEvaluationTable } from '../../core/metrics/report-table.ts';

const usage = `Usage: tomopick eval PRED TRUTH [options]

Scores predicted picks against true picks. A prediction is a true positive when it lies within
the tolerance (radius factor × particle radius) of a still unmatched true pick of the same class;
pairs are taken greedily, closest first, one-to-one. Classes pair by number when every pick has
one, else by name. PRED and TRUTH may be any coordinate file tomopick reads (CSV, STAR, …).
Picks match within the same tomogram (names compared without folders and .mrc/.tomostar);
when each file holds one tomogram, their names are not compared.

Options:
  --radius-factor F     tolerance = F × particle radius (default ${DEFAULT_RADIUS_FACTOR}, as CZII)
  --radius Å            particle radius for every class, in Å (needs --voxel)
  --radius-voxels V     particle radius for every class, in voxels
                        (without either: the truth file's radius column, else the prediction's)
  --voxel Å             voxel size of the tomogram in Å (radius columns, Å-based formats)
  --beta B              β of the F-beta score (default ${DEFAULT_BETA}, as CZII)
  --class-agnostic      ignore classes
  --tomo-name NAME      evaluate this tomogram only (multi-tomogram files)
  --tomo-size NX,NY,NZ  tomogram size in voxels (RELION 5 centred coordinates)
  --binning B           tomogram voxel / tilt-series pixel (RELION 4 coordinates; default 1)
  --confusion           also print what each true class was picked as (picks matched with
                        classes ignored, same tolerance), how many were missed, and the picks
                        near no particle
  --json                print {classes, overall, macroF1, confusion} as JSON

Undefined ratios (precision without predictions, recall without truth, F with neither) print
as "-" and as null in JSON; F is 0 when only one side is empty. macroF1 averages F1 over the
classes that have true picks; overall sums the counts of all classes.`;

export const evalCommand: CliCommand = {
  name: 'eval',
  summary: 'precision / recall / F1 / F-beta of predicted picks against true picks',
  usage,
  async run(argv: string[], io: CliIO): Promise<number> {
    const { values, positionals } = parseCommandArgs(
      argv,
      {
        'radius-factor': { type: 'string' },
        radius: { type: 'string' },
        'radius-voxels': { type: 'string' },
        voxel: { type: 'string' },
        beta: { type: 'string' },
        'class-agnostic': { type: 'boolean' },
        'tomo-name': { type: 'string' },
        'tomo-size': { type: 'string' },
        binning: { type: 'string' },
        json: { type: 'boolean' },
        confusion: { type: 'boolean' },
      },
      usage,
    );
    if (positionals.length !== 2) throw new CliError(`expected PRED and TRUTH files, got ${positionals.length} argument(s)\n\n${usage}`, 2);
    const [predPath, truthPath] = positionals as [string, string];
    if (values.radius !== undefined && values['radius-voxels'] !== undefined) {
      throw new CliError('give either --radius (Å) or --radius-voxels, not both', 2);
    }
    const voxel = parsePositiveNumber(values.voxel, '--voxel');
    const radiusAngstrom = parsePositiveNumber(values.radius, '--radius');
    if (radiusAngstrom !== undefined && voxel === undefined) {
      throw new CliError('--radius is in Å and needs the voxel size: add --voxel Å, or give --radius-voxels', 2);
    }
    const radiusOverride = radiusAngstrom !== undefined ? radiusAngstrom / voxel! : parsePositiveNumber(values['radius-voxels'], '--radius-voxels');
    const beta = parsePositiveNumber(values.beta, '--beta') ?? DEFAULT_BETA;
    const radiusFactor = parsePositiveNumber(values['radius-factor'], '--radius-factor') ?? DEFAULT_RADIUS_FACTOR;
    const binning = parsePositiveNumber(values.binning, '--binning');

    const ctx: CoordinateContext = {};
    if (voxel !== undefined) ctx.voxelSize = voxel;
    if (binning !== undefined) ctx.binning = binning;
    if (values['tomo-name'] !== undefined) ctx.tomoName = values['tomo-name'];
    if (values['tomo-size'] !== undefined) {
      const size = parseNumberList(values['tomo-size'], 3, '--tomo-size');
      if (size.some((n) => !Number.isInteger(n) || n <= 0)) throw new CliError(`--tomo-size expects three positive integers, got "${values['tomo-size']}"`, 2);
      ctx.tomoSize = size as [number, number, number];
    }

    const pred = await readPicks(predPath, ctx, io);
    const truth = await readPicks(truthPath, ctx, io);
    const toPoint = pointConverter(voxel, radiusOverride !== undefined, [...pred, ...truth]);
    const tomogramOf = tomogramKeyer(pred, truth, predPath, truthPath, io);
    const report = evaluatePicks(
      pred.map((r) => toPoint(r, tomogramOf(r))),
      truth.map((r) => toPoint(r, tomogramOf(r))),
      { radiusFactor, beta, classAgnostic: values['class-agnostic'] ?? false, radiusVoxels: radiusOverride },
    );

    if (values.json) {
      io.stdout(JSON.stringify(evaluationToJson(report), null, 2));
    } else {
      const how = { number: 'by class number', name: 'by class name', unlabelled: 'no classes in either file', agnostic: 'classes ignored' }[report.classMatching];
      const confusion = values.confusion ? `\n\n${formatConfusionTable(report)}` : '';
      io.stdout(`${basename(predPath)} vs ${basename(truthPath)}: tolerance ${radiusFactor} × radius, ${how}\n\n${formatEvaluationTable(report)}${confusion}`);
    }
    return 0;
  },
};

/** Radius columns are in Å: they need the voxel size unless one radius overrides them all. */
function pointConverter(voxel: number | undefined, radiusOverridden: boolean, records: readonly CoordinateRecord[]) {
  if (!radiusOverridden && voxel === undefined && records.some((r) => r.radiusAngstrom !== undefined)) {
    throw new CliError('the files have a radius column in Å: give the voxel size with --voxel Å (or one radius with --radius-voxels)', 2);
  }
  return (r: CoordinateRecord, tomogram: string | undefined): MetricPoint => ({
    x: r.x,
    y: r.y,
    z: r.z,
    tomogram,
    classId: r.classId,
    className: r.className,
    radiusVoxels: !radiusOverridden && r.radiusAngstrom !== undefined ? r.radiusAngstrom / voxel! : undefined,
  });
}

/**
 * Which picks may match: when each file holds at most one tomogram they are the same one whatever
 * the names say (a CSV rarely names its tomogram); otherwise by normalised name, warning about
 * tomograms that only one file has (their picks all count as misses or false positives).
 */
function tomogramKeyer(pred: readonly CoordinateRecord[], truth: readonly CoordinateRecord[], predPath: string, truthPath: string, io: CliIO) {
  const names = (records: readonly CoordinateRecord[]) => new Set(records.map((r) => normalizeTomogramName(r.tomogram)));
  const predNames = names(pred);
  const truthNames = names(truth);
  if (predNames.size <= 1 && truthNames.size <= 1) return () => undefined;
  const onlyIn = (a: Set<string>, b: Set<string>) => [...a].filter((n) => !b.has(n));
  const predOnly = onlyIn(predNames, truthNames);
  const truthOnly = onlyIn(truthNames, predNames);
  if (predOnly.length > 0) io.stderr(`warning: tomograms only in ${basename(predPath)} (all false positives): ${predOnly.join(', ')}`);
  if (truthOnly.length > 0) io.stderr(`warning: tomograms only in ${basename(truthPath)} (all misses): ${truthOnly.join(', ')}`);
  return (r: CoordinateRecord) => normalizeTomogramName(r.tomogram);
}
