/**
 * One training run from a request: labels and normalisation, deterministic patch streams (a
 * resumed run replays the draws it had made, so it goes on as if never stopped), network (new or from a checkpoint),
 * optimiser (state restored), validation, checkpoints with provenance. The CLI (`tomopick train`)
 * and the studio's training worker both call this; they only differ in where data comes from and
 * where checkpoints go.
 */
import type { LabelPoint } from '../../core/labels/sphere-labels.ts';
import { pickingFromRadii } from '../../core/picks/segmentation-picks.ts';
import { createRandom, deriveSeed } from '../../core/sim/random.ts';
import { createPatchSampler, type TrainingTomogram } from '../../core/training/patch-sampler.ts';
import { CROSS_ENTROPY_AVERAGING, type CrossEntropyAveraging } from '../losses/cross-entropy.ts';
import { DICE_CLASSES, type DiceClasses } from '../losses/dice.ts';
import { describeLoss, type LossOptions } from '../losses/segmentation-loss.ts';
import { checkpointLoss, packTensors, unpackTensors, type CheckpointMeta, type PackedTensors } from '../io/checkpoint-format.ts';
import type { ModelClass, ModelProvenance, SerializedModel } from '../io/model-format.ts';
import { serializeUNet, unetFromSerialized } from '../io/unet-serialization.ts';
import { createOptimizer } from '../optim/create-optimizer.ts';
import { DEFAULT_OPTIMIZER } from '../optim/optimizer.ts';
import { unetConfig, type UNetConfig, type UNetPresetName } from '../unet/config.ts';
import { createUNet, disposeUNet, type UNetModel } from '../unet/model.ts';
import { unetParamSpecs } from '../unet/param-specs.ts';
import { createMetaLearner, DEFAULT_META_LEARNING_RATE, disposeMetaLearner, META_MODES, type MetaLearner, type MetaMode } from '../meta/meta-learner.ts';
import { DEFAULT_META_SCHEDULE, metaStepFunction } from '../meta/meta-step-function.ts';
import { loadMetaState, readMetaState, splitMetaState } from '../meta/meta-state.ts';
import { DEFAULT_REWEIGHTING, REWEIGHTING_KINDS, type ReweightingKind } from '../meta/reweighting-net.ts';
import { augmentedBatches, fixedValidationPatches, prepareTrainingTomogram, validationRegion, withAveragedShapeLabels, type LabelledTomogram, type ReplayableBatchSource } from './prepare.ts';
import { supervisedStep, UNetTrainer, type StepFunction, type StepReport, type ValidationData } from './trainer.ts';
import type { ValidationScores } from './validation.ts';

export interface TrainingSettings {
  /** Network size; default: 'gpu' on webgpu/webgl, else 'cpu'. */
  preset?: UNetPresetName;
  /** Architecture overrides on top of the preset (tests use tiny networks). */
  network?: Partial<Omit<UNetConfig, 'nClasses'>>;
  steps: number;
  batchSize: number;
  optimizer: 'sgd' | 'adam';
  learningRate: number;
  /**
   * Weight of the cross-entropy term added to Dice; default by mode (defaultCrossEntropyWeight):
   * 1 in `supervised`, 0 in the meta modes, whose loss is Dice only in the paper.
   */
  crossEntropyWeight?: number;
  /** The cross-entropy over every voxel, or class-balanced (src/ml/losses/cross-entropy.ts). */
  crossEntropyAveraging: CrossEntropyAveraging;
  /** Classes the Dice loss averages over: all of them, or those in the patch (src/ml/losses/dice.ts). */
  diceClasses: DiceClasses;
  seed: number;
  /** Validation every N steps (0 = never); needs validation tomograms. */
  validateEvery: number;
  /** Checkpoint every N steps (0 = only at the end). */
  checkpointEvery: number;
  /** Edge in voxels of the block of the first validation tomogram scored for F1 (placed to hold the most classes). */
  validationEdge: number;
  /**
   * `supervised` (on the labels as given) or a RobPicker mode with the validation tomograms as the
   * clean set: `dr-only`, `lc-only`, `robpicker`.
   */
  mode: MetaMode;
  /** Meta modes: update C and R every this many steps (1 = every step, Algorithm 1). */
  metaEvery: number;
  /** Meta modes: clean validation patches per meta update (class-balanced). */
  validationBatchSize: number;
  /** Meta modes with reweighting: the MLP on each sample's loss, or one weight per class. */
  reweighting: ReweightingKind;
  /**
   * Validation tomograms without a label map get shape labels from the subtomogram averages of
   * their picks instead of spheres (RobPicker's shape-based clean labels).
   */
  averageValidationShapes: boolean;
  /** With averageValidationShapes: align the picks in rotation too, and stamp each in its own orientation. */
  refineValidationShapes: boolean;
  /** Meta modes: Adam learning rate of C and R. */
  metaLearningRate: number;
}

export const DEFAULT_TRAINING_SETTINGS: Readonly<TrainingSettings> = Object.freeze({
  steps: 300,
  batchSize: 2,
  optimizer: 'adam',
  learningRate: 0.001,
  crossEntropyAveraging: 'voxels',
  diceClasses: 'all',
  seed: 1,
  validateEvery: 50,
  checkpointEvery: 50,
  validationEdge: 64,
  mode: 'supervised',
  metaEvery: DEFAULT_META_SCHEDULE.metaEvery,
  validationBatchSize: DEFAULT_META_SCHEDULE.validationBatchSize,
  reweighting: DEFAULT_REWEIGHTING,
  averageValidationShapes: false,
  refineValidationShapes: false,
  metaLearningRate: DEFAULT_META_LEARNING_RATE,
});

/** Cross-entropy helps plain training early on; RobPicker's loss (both levels) is Dice only. */
export const defaultCrossEntropyWeight = (mode: MetaMode): number => (mode === 'supervised' ? 1 : 0);

/** The loss of these settings, in every mode; the averaging only where a cross-entropy term is there to average. */
export function trainingLoss(s: TrainingSettings): LossOptions {
  const crossEntropyWeight = s.crossEntropyWeight ?? defaultCrossEntropyWeight(s.mode);
  return { crossEntropyWeight, ...(crossEntropyWeight > 0 ? { crossEntropyAveraging: s.crossEntropyAveraging } : {}), diceClasses: s.diceClasses };
}

/** A class the network learns: output channel = id; the radius paints sphere labels and sets F1 tolerance. */
export interface TrainingClass extends ModelClass {
  radiusAngstrom?: number;
}

export interface TrainingRequest {
  train: LabelledTomogram[];
  validation: LabelledTomogram[];
  classes: TrainingClass[];
  voxelSizeAngstrom: number | null;
  settings: TrainingSettings;
  /** Go on from this checkpoint instead of a fresh network. */
  resume?: TrainingCheckpoint;
  /**
   * Start from these weights (fresh optimiser, step 0) instead of a seeded network: fine-tuning a
   * trained model on corrected labels, or branching several modes from one warm-up.
   */
  initial?: SerializedModel;
}

/**
 * Model files + optimiser slots + the step reached: enough to resume after a lost worker. In the
 * meta modes `optimizer` also holds C, R and their optimisers' slots (meta-state.ts).
 */
export interface TrainingCheckpoint {
  model: SerializedModel;
  meta: CheckpointMeta;
  optimizer: PackedTensors;
}

export interface TrainingRunHooks {
  signal?: AbortSignal;
  /** Called before the first step with what will run. */
  onStart?: (info: { config: UNetConfig; startStep: number; steps: number; labels: ModelProvenance['labels'] }) => void | Promise<void>;
  onStep?: (report: StepReport) => void;
  onValidation?: (scores: ValidationScores) => void;
  /** Awaited: the checkpoint is stored before training goes on. */
  onCheckpoint?: (checkpoint: TrainingCheckpoint) => Promise<void>;
  waitWhilePaused?: () => Promise<void>;
  /** Work before the first step that can take a while (aligning validation picks), 0–1 within `stage`. */
  onPreparing?: (stage: string, fraction: number) => void;
}

export interface TrainingResult {
  model: SerializedModel;
  steps: number;
  finalLoss: number | null;
  /** Meta modes: C and R (and their optimiser slots) at the end, keyed as in meta-state.ts; the label correction review runs C. */
  metaState: PackedTensors | null;
}

/** Fixed validation patches per run (a comparable validation loss curve at a bounded cost). */
const VALIDATION_PATCHES = 8;

export function checkTrainingSettings(s: TrainingSettings): void {
  const int = (v: number, name: string, min: number) => {
    if (!Number.isInteger(v) || v < min) throw new Error(`${name} must be an integer ≥ ${min}, got ${v}`);
  };
  int(s.steps, 'steps', 1);
  int(s.batchSize, 'batch size', 1);
  int(s.seed, 'seed', 0);
  int(s.validateEvery, 'validate every', 0);
  int(s.checkpointEvery, 'checkpoint every', 0);
  int(s.validationEdge, 'validation edge', 8);
  if (s.optimizer !== 'sgd' && s.optimizer !== 'adam') throw new Error(`optimizer must be sgd or adam, got ${String(s.optimizer)}`);
  if (!(s.learningRate > 0)) throw new Error(`learning rate must be positive, got ${s.learningRate}`);
  if (s.crossEntropyWeight !== undefined && !(s.crossEntropyWeight >= 0)) throw new Error(`cross-entropy weight must be ≥ 0, got ${s.crossEntropyWeight}`);
  if (!CROSS_ENTROPY_AVERAGING.includes(s.crossEntropyAveraging)) throw new Error(`cross-entropy averaging must be one of ${CROSS_ENTROPY_AVERAGING.join(', ')}, got ${String(s.crossEntropyAveraging)}`);
  if (!DICE_CLASSES.includes(s.diceClasses)) throw new Error(`Dice classes must be one of ${DICE_CLASSES.join(', ')}, got ${String(s.diceClasses)}`);
  if (!META_MODES.includes(s.mode)) throw new Error(`mode must be one of ${META_MODES.join(', ')}, got ${String(s.mode)}`);
  int(s.metaEvery, 'meta every', 1);
  int(s.validationBatchSize, 'validation batch size', 1);
  if (!(s.metaLearningRate > 0)) throw new Error(`meta learning rate must be positive, got ${s.metaLearningRate}`);
  if (!REWEIGHTING_KINDS.includes(s.reweighting)) throw new Error(`reweighting must be one of ${REWEIGHTING_KINDS.join(', ')}, got ${String(s.reweighting)}`);
  if (s.mode !== 'supervised' && s.mode !== 'lc-only' && s.reweighting === 'mlp' && s.batchSize < 2) {
    throw new Error(`mode ${s.mode} weighs the patches of a batch against each other: use a batch of 4 or more (got ${s.batchSize})`);
  }
}

function radiusFunction(request: TrainingRequest): (classId: number) => number {
  return (classId) => {
    const c = request.classes.find((k) => k.id === classId);
    if (!c) throw new Error(`picks of class ${classId} but no such class is defined`);
    if (!(c.radiusAngstrom && c.radiusAngstrom > 0)) throw new Error(`class "${c.name}" has no radius (needed to paint sphere labels; or give label maps)`);
    if (!(request.voxelSizeAngstrom && request.voxelSizeAngstrom > 0)) throw new Error('the voxel size is unknown (needed to paint sphere labels)');
    return c.radiusAngstrom / request.voxelSizeAngstrom;
  };
}

/** Output channels: background + every class id used by the classes or the picks. */
export function networkConfig(request: TrainingRequest, backend: string): UNetConfig {
  const picks: LabelPoint[] = [...request.train, ...request.validation].flatMap((t) => [...t.picks]);
  const nClasses = Math.max(0, ...request.classes.map((c) => c.id), ...picks.map((p) => p.classId)) + 1;
  const given = request.resume?.model ?? request.initial;
  if (given) {
    const config = given.json.config;
    const what = request.resume ? 'checkpoint' : 'starting model';
    if (config.nClasses < nClasses) throw new Error(`the ${what}'s network has ${config.nClasses - 1} classes, the picks use class ids up to ${nClasses - 1}`);
    return config;
  }
  const preset = request.settings.preset ?? (backend === 'webgpu' || backend === 'webgl' ? 'gpu' : 'cpu');
  return unetConfig(preset, nClasses, request.settings.network ?? {});
}

function validationData(prepared: readonly TrainingTomogram[], request: TrainingRequest, config: UNetConfig): ValidationData {
  const { settings } = request;
  if (prepared.length === 0 || settings.validateEvery === 0) return {};
  const voxel = request.voxelSizeAngstrom ?? 0;
  const metricClasses = request.classes.map((c) => ({
    id: c.id,
    name: c.name,
    ...(c.radiusAngstrom && voxel > 0 ? { radiusVoxels: c.radiusAngstrom / voxel } : {}),
  }));
  return {
    patches: fixedValidationPatches(prepared, config.patch, config.nClasses, createRandom(deriveSeed(settings.seed, 'validation')), VALIDATION_PATCHES),
    region: validationRegion(prepared[0]!, request.validation[0]!.picks, metricClasses, settings.validationEdge),
    picking: pickingFromRadii((id) => metricClasses.find((c) => c.id === id)?.radiusVoxels),
  };
}

function labelKind(request: TrainingRequest): ModelProvenance['labels'] {
  const withMaps = request.train.filter((t) => t.labelMap).length;
  return withMaps === request.train.length ? 'shape' : withMaps === 0 ? 'sphere' : 'mixed';
}

/** The class-balanced stream of clean validation batches the meta modes' upper level draws from. */
function validationBatches(prepared: readonly TrainingTomogram[], config: UNetConfig, seed: number, streamStart: number) {
  if (prepared.length === 0) throw new Error('the meta-learning modes need at least one validation tomogram with clean labels (mark one as validation)');
  const sampler = createPatchSampler({
    tomograms: [...prepared],
    patch: config.patch,
    nClasses: config.nClasses,
    random: createRandom(deriveSeed(seed, `meta-validation@${streamStart}`)),
  });
  return augmentedBatches(sampler, createRandom(deriveSeed(seed, `meta-validation-augment@${streamStart}`)), true);
}

/**
 * Where a run's patch streams start: 0 for a new run. Checkpoints from before replays (no
 * `streamStart`) had new streams seeded at their step, and keep them, so they resume as they did.
 */
const streamStartOf = (request: TrainingRequest): number => (request.resume ? (request.resume.meta.streamStart ?? request.resume.meta.step) : 0);

/**
 * Advances the streams past the batches drawn from `streamStart` up to `startStep` (the clean
 * batches only on the steps that made a meta update), so a resumed run draws what the
 * uninterrupted run drew. Exact when the batch size and meta schedule are the run's own.
 */
function replayStreams(batches: ReplayableBatchSource, clean: ReplayableBatchSource | null, settings: TrainingSettings, streamStart: number, startStep: number): void {
  for (let step = streamStart; step < startStep; step++) {
    batches.skip(settings.batchSize);
    if (clean && step % settings.metaEvery === 0) clean.skip(settings.validationBatchSize);
  }
}

function checkResumable(request: TrainingRequest): number {
  const resume = request.resume;
  if (!resume) return 0;
  const resumedMode = resume.meta.mode ?? 'supervised';
  if (resumedMode !== request.settings.mode) throw new Error(`the checkpoint was trained in mode ${resumedMode}; resume it in that mode (asked: ${request.settings.mode})`);
  const recorded = checkpointLoss(resume.meta);
  const asked = trainingLoss(request.settings);
  if ((Object.keys(recorded) as (keyof LossOptions)[]).some((key) => recorded[key] !== asked[key])) {
    throw new Error(`the checkpoint was trained with ${describeLoss({ ...asked, ...recorded })}; resume it with the same loss (asked: ${describeLoss(asked)})`);
  }
  if (resume.meta.step >= request.settings.steps) throw new Error(`the checkpoint is at step ${resume.meta.step}; ask for more than ${resume.meta.step} steps to go on`);
  return resume.meta.step;
}

export async function runTraining(request: TrainingRequest, backend: string, hooks: TrainingRunHooks = {}): Promise<TrainingResult> {
  const { settings } = request;
  checkTrainingSettings(settings);
  if (request.train.length === 0) throw new Error('choose at least one training tomogram');
  const radiusVoxels = radiusFunction(request);
  const config = networkConfig(request, backend);
  const startStep = checkResumable(request);
  const training = request.train.map((t) => prepareTrainingTomogram(t, radiusVoxels));
  const preparedValidation: TrainingTomogram[] = [];
  for (const t of request.validation) {
    const prepared = prepareTrainingTomogram(t, radiusVoxels);
    if (!settings.averageValidationShapes || t.labelMap) {
      preparedValidation.push(prepared);
      continue;
    }
    // Averaged on the data the network sees; the tomogram is normalised once.
    const stage = `${settings.refineValidationShapes ? 'aligning' : 'averaging'} the picks of ${t.name} for shape labels`;
    hooks.onPreparing?.(stage, 0);
    const shaped = await withAveragedShapeLabels(t, radiusVoxels, prepared.data, {
      refineRotations: settings.refineValidationShapes,
      ...(hooks.signal ? { signal: hooks.signal } : {}),
      onProgress: (fraction) => hooks.onPreparing?.(stage, fraction),
    });
    preparedValidation.push({ ...prepared, labelMap: shaped.labelMap ?? prepared.labelMap });
  }
  const validation = validationData(preparedValidation, request, config);
  const metaMode = settings.mode !== 'supervised';
  const loss = trainingLoss(settings);
  const streamStart = streamStartOf(request);
  const cleanBatches = metaMode ? validationBatches(preparedValidation, config, settings.seed, streamStart) : null;
  const sampler = createPatchSampler({
    tomograms: training,
    patch: config.patch,
    nClasses: config.nClasses,
    random: createRandom(deriveSeed(settings.seed, streamStart ? `patches@${streamStart}` : 'patches')),
  });
  const batches = augmentedBatches(sampler, createRandom(deriveSeed(settings.seed, `augment@${streamStart}`)), true);
  replayStreams(batches, cleanBatches, settings, streamStart, startStep);
  const optimizer = createOptimizer({ ...DEFAULT_OPTIMIZER, kind: settings.optimizer, learningRate: settings.learningRate });
  const classes: ModelClass[] = request.classes.map((c) => ({ ...c }));
  const labels = labelKind(request);
  let model: UNetModel | undefined;
  let learner: MetaLearner | undefined;
  try {
    const given = request.resume?.model ?? request.initial;
    model = given ? unetFromSerialized(given.json, given.weights) : createUNet(config, settings.seed);
    const state = request.resume ? splitMetaState(unpackTensors(request.resume.optimizer)) : null;
    if (state) {
      const shapes = Object.fromEntries(unetParamSpecs(config).map((s) => [s.name, s.shape]));
      optimizer.loadState(state.segmentation, shapes);
    }
    let runStep: StepFunction;
    if (metaMode && cleanBatches) {
      const metaOptimizer = { kind: 'adam', learningRate: settings.metaLearningRate, momentum: 0, weightDecay: 0 } as const;
      learner = createMetaLearner(
        config,
        settings.seed,
        { mode: settings.mode, reweighting: settings.reweighting, correctionOptimizer: metaOptimizer, reweightingOptimizer: metaOptimizer, loss },
        { model, optimizer },
      );
      if (state) loadMetaState(learner, state.meta);
      runStep = metaStepFunction(learner, cleanBatches, { metaEvery: settings.metaEvery, validationBatchSize: settings.validationBatchSize });
    } else {
      runStep = supervisedStep(model, optimizer, loss);
    }
    const packState = async () => packTensors({ ...(await optimizer.readState()), ...(learner ? await readMetaState(learner) : {}) });
    const lossHistory = [...(request.resume?.meta.lossHistory ?? [])];
    let macroF1: number | null = null;
    const provenance = (step: number): ModelProvenance => ({
      createdAt: new Date().toISOString(),
      steps: step,
      labels,
      backend,
      voxelSizeAngstrom: request.voxelSizeAngstrom,
      trainingTomograms: request.train.map((t) => t.name),
      finalLoss: lossHistory.at(-1)?.loss ?? null,
      validationMacroF1: macroF1,
      mode: settings.mode,
    });
    const trained = model;
    const trainer = new UNetTrainer(
      model,
      runStep,
      batches,
      {
        steps: settings.steps,
        batchSize: settings.batchSize,
        loss,
        validateEvery: validation.patches ? settings.validateEvery : 0,
        checkpointEvery: settings.checkpointEvery,
      },
      validation,
    );
    trainer.step = startStep;
    await hooks.onStart?.({ config, startStep, steps: settings.steps, labels });
    await trainer.run({
      ...(hooks.signal ? { signal: hooks.signal } : {}),
      ...(hooks.waitWhilePaused ? { waitWhilePaused: hooks.waitWhilePaused } : {}),
      onStep: (report) => {
        lossHistory.push({ step: report.step, loss: report.loss });
        hooks.onStep?.(report);
      },
      onValidation: (scores) => {
        macroF1 = scores.macroF1;
        hooks.onValidation?.(scores);
      },
      onCheckpoint: async (step) => {
        if (!hooks.onCheckpoint) return;
        const packed = await packState();
        const saved = await serializeUNet(trained, classes, provenance(step));
        const meta: CheckpointMeta = {
          step,
          steps: settings.steps,
          seed: settings.seed,
          mode: settings.mode,
          ...loss,
          streamStart,
          optimizerIndex: packed.index,
          lossHistory: [...lossHistory],
        };
        await hooks.onCheckpoint({ model: saved, meta, optimizer: packed });
      },
    });
    const metaState = learner ? packTensors(await readMetaState(learner)) : null;
    return { model: await serializeUNet(trained, classes, provenance(trainer.step)), steps: trainer.step, finalLoss: lossHistory.at(-1)?.loss ?? null, metaState };
  } finally {
    // The learner owns the network and its optimiser once it exists.
    if (learner) disposeMetaLearner(learner);
    else {
      optimizer.dispose();
      if (model) disposeUNet(model);
    }
  }
}
