/**
 * `tomopick train`: a 3D U-Net from tomograms and their picks (sphere labels) or label maps
 * (shape labels), on the best tfjs backend here, with checkpoints to resume from.
 */
import { CliError, type CliCommand, type CliIO } from '../command.ts';
import { labelPointsFrom, readPicks, readVolume } from '../inputs.ts';
import { readCheckpoint, readModelFolder, writeCheckpoint } from '../model-files.ts';
import { parseCommandArgs, parseIntegerOption, parseNumberList, parsePositiveNumber } from '../parse-args.ts';
import { startCliBackend } from '../backend.ts';
import type { CoordinateRecord } from '../../core/io/coords/registry.ts';
import { labelMapFromVolume } from '../../core/labels/label-volume.ts';
import type { ModelClass } from '../../ml/io/model-format.ts';
import { CROSS_ENTROPY_AVERAGING, type CrossEntropyAveraging } from '../../ml/losses/cross-entropy.ts';
import { DICE_CLASSES, type DiceClasses } from '../../ml/losses/dice.ts';
import { describeLoss } from '../../ml/losses/segmentation-loss.ts';
import type { OptimizerSettings } from '../../ml/optim/optimizer.ts';
import type { LabelledTomogram } from '../../ml/train/prepare.ts';
import { DEFAULT_TRAINING_SETTINGS, runTraining, trainingLoss, type TrainingCheckpoint, type TrainingSettings } from '../../ml/train/training-run.ts';
import type { ValidationScores } from '../../ml/train/validation.ts';
import type { UNetPresetName } from '../../ml/unet/config.ts';
import { META_MODES, type MetaMode } from '../../ml/meta/meta-learner.ts';
import { REWEIGHTING_KINDS, type ReweightingKind } from '../../ml/meta/reweighting-net.ts';
import type { MetaStepSummary } from '../../ml/train/trainer.ts';

const usage = `Usage: tomopick train --tomo A.mrc --labels A.star [--tomo B.mrc --labels B.star …] --out DIR [options]

Trains a 3D U-Net picker (RobPicker/DeepFinder segmentation network) on tfjs. Labels are the
picks painted as spheres of their class radius, or a label map per tomogram (--label-map,
class id per voxel) for shape labels. Writes DIR/model.json + DIR/weights.bin (load them in the
studio or with tomopick predict) and a checkpoint every --checkpoint-every steps; run the same
command with --resume to go on from it.

Options:
  --tomo FILE            training tomogram (repeat; pairs with --labels in order)
  --labels FILE          its picks (STAR/CSV/…, class per row)
  --label-map FILE       its label map (MRC, class id per voxel; repeat, same order as --tomo)
  --val FILE             validation tomogram (F1 during training on the block of it that holds
                         the most classes; the clean set of the meta-learning modes)
  --val-labels FILE      its picks (the truth for validation F1)
  --val-label-map FILE   its label map (shape labels for the validation loss and the meta modes)
  --val-shapes-from-average  without --val-label-map: shape labels from the subtomogram
                         average of each class's validation picks instead of spheres
  --val-shapes-rotations  as --val-shapes-from-average, with the picks aligned in rotation too
                         (30° grid search) and each stamped in its own orientation
  --out DIR              model folder (created)
  --preset cpu|gpu       network size: cpu = 32³ patches, width 8, depth 2; gpu = 64³, width 16,
                         depth 3 (default: gpu on a GPU backend, else cpu)
  --patch N              patch edge (overrides the preset)
  --width N              channels of the first level (overrides the preset)
  --depth N              number of 2× poolings (overrides the preset)
  --steps N              optimiser steps (default 300)
  --batch N              patches per step (default 4)
  --optimizer sgd|adam   (default adam)
  --lr X                 learning rate (default 0.001 for adam, 0.01 for sgd)
  --ce-weight X          cross-entropy weight added to the Dice loss (default 1 in supervised, 0 in
                         the meta modes, whose loss is Dice only in the paper; both levels)
  --ce-average voxels|classes  the cross-entropy's mean over every voxel (default), or over each
                         class present in the patch, then over those classes (class-balanced: a
                         small rare species weighs as much as the background)
  --dice all|present     classes the Dice loss averages over in each patch: all of them (default),
                         or only those the labels hold there, so a rare class absent from most
                         patches is not pushed to zero everywhere
  --mode M               supervised (default) | dr-only | lc-only | robpicker: RobPicker's
                         meta-learning on noisy labels with --val as the clean set:
                         dr-only reweights patches, lc-only corrects labels, robpicker does both
  --meta-every N         meta modes: update the correction/reweighting networks every N steps
                         (default 1, every step as in the paper; N > 1 is cheaper)
  --val-batch N          meta modes: clean validation patches per meta update (default 4)
  --meta-lr X            meta modes: Adam learning rate of the correction/reweighting networks
                         (default 0.001)
  --reweighting mlp|per-class  weight each patch by its loss (MLP 1→500→1, default) or learn one
                         weight per class
  --radii R1,R2,…        particle radius in Å per class id 1, 2, … (sphere labels; default: the
                         files' radius column)
  --voxel Å              voxel size when the files' headers have none
  --seed N               (default 1)
  --validate-every N     (default 50; 0 = never)
  --val-edge N           edge of the validation block in voxels (default 96)
  --checkpoint-every N   (default 50)
  --resume               continue from the checkpoint in DIR
  --init MODEL_DIR       start from this trained model's weights (fine-tuning; fresh optimiser)
  --backend auto|webgpu|wasm|cpu   (default auto: a real GPU, else wasm, else cpu)`;

async function readLabelled(tomoPath: string, labelsPath: string, mapPath: string | undefined, voxel: number | undefined, io: CliIO) {
  const volume = await readVolume(tomoPath);
  const voxelSize = voxel ?? (volume.voxelSize[0] > 0 ? volume.voxelSize[0] : undefined);
  const ctx = { tomoSize: [volume.nx, volume.ny, volume.nz] as [number, number, number], ...(voxelSize ? { voxelSize } : {}) };
  const records = await readPicks(labelsPath, ctx, io);
  let labelMap: Uint8Array | undefined;
  if (mapPath) {
    const map = await readVolume(mapPath);
    if (map.nx !== volume.nx || map.ny !== volume.ny || map.nz !== volume.nz) {
      throw new CliError(`${mapPath} is ${map.nx}×${map.ny}×${map.nz} but ${tomoPath} is ${volume.nx}×${volume.ny}×${volume.nz}`);
    }
    labelMap = labelMapFromVolume(map);
  }
  // The path as given: two "tomogram.mrc" from different folders stay distinguishable in the provenance.
  const tomogram: LabelledTomogram = { name: tomoPath, volume, picks: labelPointsFrom(records, labelsPath), ...(labelMap ? { labelMap } : {}) };
  return { tomogram, records, voxelSize: voxelSize ?? null };
}

/** Classes from the label files: ids, names (class_name / rlnClassName) and radii (column of any file, or --radii). */
function classesFrom(records: readonly CoordinateRecord[], radii: number[] | undefined): ModelClass[] {
  const byId = new Map<number, ModelClass>();
  for (const r of records) {
    if (r.classId === undefined) continue;
    const existing = byId.get(r.classId);
    if (!existing) byId.set(r.classId, { id: r.classId, name: r.className ?? `class ${r.classId}`, ...(r.radiusAngstrom ? { radiusAngstrom: r.radiusAngstrom } : {}) });
    // Any file may carry the radius (noisy training picks often have none, the validation truth does).
    else if (existing.radiusAngstrom === undefined && r.radiusAngstrom) existing.radiusAngstrom = r.radiusAngstrom;
  }
  const classes = [...byId.values()].sort((a, b) => a.id - b.id);
  if (radii) {
    const maxId = classes.at(-1)?.id ?? 0;
    if (radii.length < maxId) throw new CliError(`--radii gives ${radii.length} radii but the labels use class ids up to ${maxId}`, 2);
    for (const c of classes) c.radiusAngstrom = radii[c.id - 1]!;
  }
  return classes;
}

/** One stderr line per validation (exported for its test). */
export function formatValidation(scores: ValidationScores, classes: readonly ModelClass[]): string {
  const name = (id: number) => classes.find((c) => c.id === id)?.name ?? `class ${id}`;
  const f1 = scores.classes
    .map((c) => `${name(c.classId)} ${c.nTruth === 0 ? `– (none in the region, ${c.nPred} picked)` : Number.isFinite(c.f1) ? c.f1.toFixed(2) : '–'}`)
    .join(', ');
  const loss = scores.loss === null ? '' : ` loss ${scores.loss.toFixed(4)}`;
  return `validation at step ${scores.step}:${loss}${f1 ? ` F1 ${f1}` : ''}${scores.macroF1 !== null ? ` (macro ${scores.macroF1.toFixed(3)})` : ''}`;
}

function formatMeta(meta: MetaStepSummary | undefined, classes: readonly ModelClass[]): string {
  if (!meta) return '';
  const parts: string[] = [];
  if (meta.validationLoss !== null) parts.push(`val ${meta.validationLoss.toFixed(4)}`);
  if (meta.meanAlpha !== null) parts.push(`α ${meta.meanAlpha.toFixed(3)}`);
  if (meta.weightByClass) {
    const name = (id: number) => (id === 0 ? 'background' : (classes.find((c) => c.id === id)?.name ?? `class ${id}`));
    parts.push(`weights ${Object.entries(meta.weightByClass).map(([id, w]) => `${name(Number(id))} ${w.toFixed(2)}`).join(', ')}`);
  }
  return parts.length ? ` | ${parts.join(' ')}` : '';
}

export const trainCommand: CliCommand = {
  name: 'train',
  summary: 'train a 3D U-Net picker from tomograms and their picks or label maps',
  usage,
  async run(argv: string[], io: CliIO): Promise<number> {
    const { values } = parseCommandArgs(
      argv,
      {
        tomo: { type: 'string', multiple: true },
        labels: { type: 'string', multiple: true },
        'label-map': { type: 'string', multiple: true },
        val: { type: 'string' },
        'val-labels': { type: 'string' },
        'val-label-map': { type: 'string' },
        out: { type: 'string' },
        preset: { type: 'string' },
        patch: { type: 'string' },
        width: { type: 'string' },
        depth: { type: 'string' },
        steps: { type: 'string' },
        batch: { type: 'string' },
        optimizer: { type: 'string' },
        lr: { type: 'string' },
        'ce-weight': { type: 'string' },
        'ce-average': { type: 'string' },
        dice: { type: 'string' },
        radii: { type: 'string' },
        voxel: { type: 'string' },
        seed: { type: 'string' },
        'validate-every': { type: 'string' },
        'val-edge': { type: 'string' },
        'checkpoint-every': { type: 'string' },
        resume: { type: 'boolean' },
        mode: { type: 'string' },
        init: { type: 'string' },
        'val-shapes-from-average': { type: 'boolean' },
        'val-shapes-rotations': { type: 'boolean' },
        'meta-every': { type: 'string' },
        'val-batch': { type: 'string' },
        'meta-lr': { type: 'string' },
        reweighting: { type: 'string' },
        backend: { type: 'string' },
      },
      usage,
    );
    const tomoPaths = values.tomo ?? [];
    const labelPaths = values.labels ?? [];
    const mapPaths = values['label-map'] ?? [];
    if (tomoPaths.length === 0) throw new CliError(`at least one --tomo with its --labels is required\n\n${usage}`, 2);
    if (labelPaths.length !== tomoPaths.length) throw new CliError(`${tomoPaths.length} --tomo but ${labelPaths.length} --labels: give one labels file per tomogram`, 2);
    if (mapPaths.length > 0 && mapPaths.length !== tomoPaths.length) throw new CliError(`give a --label-map for every --tomo or for none`, 2);
    if (!values.out) throw new CliError(`--out DIR is required\n\n${usage}`, 2);
    if (values.val && !values['val-labels']) throw new CliError('--val needs --val-labels (the truth picks for validation F1)', 2);
    const voxel = parsePositiveNumber(values.voxel, '--voxel');
    const radii = values.radii ? parseNumberList(values.radii, values.radii.split(',').length, '--radii') : undefined;
    const seed = parseIntegerOption(values.seed, '--seed', 1, 0);
    const steps = parseIntegerOption(values.steps, '--steps', 300);
    const batchSize = parseIntegerOption(values.batch, '--batch', 4);
    const validateEvery = parseIntegerOption(values['validate-every'], '--validate-every', 50, 0);
    const checkpointEvery = parseIntegerOption(values['checkpoint-every'], '--checkpoint-every', 50, 0);
    const valEdge = parseIntegerOption(values['val-edge'], '--val-edge', 96, 8);
    const kind = (values.optimizer ?? 'adam') as OptimizerSettings['kind'];
    if (kind !== 'sgd' && kind !== 'adam') throw new CliError(`--optimizer expects sgd or adam, got "${values.optimizer}"`, 2);
    const learningRate = parsePositiveNumber(values.lr, '--lr') ?? (kind === 'adam' ? 0.001 : 0.01);
    const ceText = values['ce-weight'];
    const crossEntropyWeight = ceText === undefined ? undefined : Number(ceText);
    if (crossEntropyWeight !== undefined && !(crossEntropyWeight >= 0)) throw new CliError(`--ce-weight expects a number ≥ 0, got "${ceText}"`, 2);
    const crossEntropyAveraging = (values['ce-average'] ?? DEFAULT_TRAINING_SETTINGS.crossEntropyAveraging) as CrossEntropyAveraging;
    if (!CROSS_ENTROPY_AVERAGING.includes(crossEntropyAveraging)) {
      throw new CliError(`--ce-average expects ${CROSS_ENTROPY_AVERAGING.join(' or ')}, got "${values['ce-average']}"`, 2);
    }
    const diceClasses = (values.dice ?? DEFAULT_TRAINING_SETTINGS.diceClasses) as DiceClasses;
    if (!DICE_CLASSES.includes(diceClasses)) throw new CliError(`--dice expects ${DICE_CLASSES.join(' or ')}, got "${values.dice}"`, 2);

    const mode = (values.mode ?? 'supervised') as MetaMode;
    if (!META_MODES.includes(mode)) throw new CliError(`--mode expects ${META_MODES.join(', ')}, got "${values.mode}"`, 2);
    if (mode !== 'supervised' && !values.val) throw new CliError(`--mode ${mode} needs a clean validation tomogram: --val with --val-labels (and ideally --val-label-map)`, 2);
    const reweighting = (values.reweighting ?? DEFAULT_TRAINING_SETTINGS.reweighting) as ReweightingKind;
    if (!REWEIGHTING_KINDS.includes(reweighting)) throw new CliError(`--reweighting expects ${REWEIGHTING_KINDS.join(' or ')}, got "${values.reweighting}"`, 2);
    const metaEvery = parseIntegerOption(values['meta-every'], '--meta-every', DEFAULT_TRAINING_SETTINGS.metaEvery);
    const validationBatchSize = parseIntegerOption(values['val-batch'], '--val-batch', DEFAULT_TRAINING_SETTINGS.validationBatchSize);

    const backend = await startCliBackend(values.backend, io, 'train');
    const preset = values.preset as UNetPresetName | undefined;
    if (preset !== undefined && preset !== 'cpu' && preset !== 'gpu') throw new CliError(`--preset expects cpu or gpu, got "${values.preset}"`, 2);

    const train: LabelledTomogram[] = [];
    const records: CoordinateRecord[] = [];
    let voxelSize: number | null = null;
    for (let i = 0; i < tomoPaths.length; i++) {
      const r = await readLabelled(tomoPaths[i]!, labelPaths[i]!, mapPaths[i], voxel, io);
      train.push(r.tomogram);
      records.push(...r.records);
      voxelSize ??= r.voxelSize;
    }
    const val = values.val ? await readLabelled(values.val, values['val-labels']!, values['val-label-map'], voxel, io) : null;
    const classes = classesFrom([...records, ...(val?.records ?? [])], radii);
    if (classes.length === 0) throw new CliError('the labels hold no picks with a class number', 2);
    const network = {
      ...(values.patch ? { patch: parseIntegerOption(values.patch, '--patch', 32, 4) } : {}),
      ...(values.width ? { baseWidth: parseIntegerOption(values.width, '--width', 8) } : {}),
      ...(values.depth ? { depth: parseIntegerOption(values.depth, '--depth', 2) } : {}),
    };
    const settings: TrainingSettings = {
      ...DEFAULT_TRAINING_SETTINGS,
      ...(preset ? { preset } : {}),
      network,
      steps,
      batchSize,
      optimizer: kind,
      learningRate,
      ...(crossEntropyWeight !== undefined ? { crossEntropyWeight } : {}),
      crossEntropyAveraging,
      diceClasses,
      seed,
      validateEvery,
      checkpointEvery,
      validationEdge: valEdge,
      mode,
      metaEvery,
      validationBatchSize,
      reweighting,
      averageValidationShapes: values['val-shapes-from-average'] === true || values['val-shapes-rotations'] === true,
      refineValidationShapes: values['val-shapes-rotations'] === true,
      metaLearningRate: parsePositiveNumber(values['meta-lr'], '--meta-lr') ?? DEFAULT_TRAINING_SETTINGS.metaLearningRate,
    };
    let resume: TrainingCheckpoint | undefined;
    if (values.resume) {
      const checkpoint = await readCheckpoint(values.out);
      if (!checkpoint) throw new CliError(`--resume: no checkpoint in ${values.out}`, 2);
      resume = { model: await readModelFolder(values.out), meta: checkpoint.meta, optimizer: checkpoint.optimizer };
    }
    if (values.init && values.resume) throw new CliError('--init starts a new run from a model, --resume continues one: give one of them', 2);
    const initial = values.init ? await readModelFolder(values.init) : undefined;
    const logEvery = Math.max(1, Math.round(steps / 50));
    try {
      await runTraining({ train, validation: val ? [val.tomogram] : [], classes, voxelSizeAngstrom: voxelSize, settings, ...(resume ? { resume } : {}), ...(initial ? { initial } : {}) }, backend, {
        onPreparing: reportQuarters(io),
        onStart: ({ config, startStep, labels }) => {
          if (startStep > 0) io.stderr(`train: resuming at step ${startStep} of ${steps}`);
          io.stderr(
            `train: ${config.patch}³ patches, width ${config.baseWidth}, depth ${config.depth}, ${config.nClasses - 1} classes ` +
              `(${classes.map((c) => c.name).join(', ')}), ${train.length} tomogram(s), ${labels} labels, batch ${batchSize}, ${kind} lr ${learningRate}, mode ${mode}` +
              (mode === 'supervised' ? '' : ` (meta update every ${metaEvery} step(s), ${validationBatchSize} clean patches each)`) +
              `, loss ${describeLoss(trainingLoss(settings))}`,
          );
        },
        onStep: (r) => {
          if (r.step % logEvery === 0 || r.step === r.steps) {
            io.stderr(`train: step ${r.step}/${r.steps} loss ${r.smoothedLoss.toFixed(4)} ${r.secondsPerStep.toFixed(2)} s/step ETA ${Math.round(r.etaSeconds)} s${formatMeta(r.meta, classes)}`);
          }
        },
        onValidation: (scores) => io.stderr(`train: ${formatValidation(scores, classes)}`),
        // The trainer checkpoints at the last step too, so the model folder is complete when it returns.
        onCheckpoint: (c) => writeCheckpoint(values.out!, c.model, c.meta, c.optimizer),
      });
    } catch (err) {
      throw err instanceof CliError ? err : new CliError((err as Error).message);
    }
    io.stdout(`${values.out}: model.json + weights.bin (${steps} steps on ${backend})`);
    return 0;
  },
};

/** Logs a preparation stage when it starts and at each quarter of it. */
function reportQuarters(io: CliIO): (stage: string, fraction: number) => void {
  let last = { stage: '', quarter: -1 };
  return (stage, fraction) => {
    const quarter = Math.floor(fraction * 4);
    if (stage === last.stage && quarter <= last.quarter) return;
    last = { stage, quarter };
    io.stderr(`train: ${stage} ${Math.round(fraction * 100)}%`);
  };
}
