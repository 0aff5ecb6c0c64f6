/**
 * One training run from a request: labels and normalisation, deterministic patch streams (a
 * resumed run draws from a stream keyed by its start step), network (new or from a checkpoint),
 * optimiser (state restored), validation, checkpoints with provenance. The CLI (`tomopick train`)
 * and the studio's training worker both call this; they only differ in where data comes from and
 * where checkpoints go.
 */
import type { LabelPoint } from '../../core/labels/sphere-labels.ts';
import { minSizeFromRadii } from '../../core/picks/segmentation-picks.ts';
import { createRandom, deriveSeed } from '../../core/sim/random.ts';
import { createPatchSampler, type TrainingTomogram } from '../../core/training/patch-sampler.ts';
import { packTensors, unpackTensors, type CheckpointMeta, type PackedTensors } from '../io/checkpoint-format.ts';
import type { ModelClass, ModelProvenance, SerializedModel } from '../io/model-format.ts';
import { serializeUNet, unetFromSerialized } from '../io/unet-serialization.ts';
import { createOptimizer } from '../optim/create-optimizer.ts';
import { DEFAULT_OPTIMIZER } from '../optim/optimizer.ts';
import { unetConfig, type UNetConfig, type UNetPresetName } from '../unet/config.ts';
import { createUNet, disposeUNet, type UNetModel } from '../unet/model.ts';
import { unetParamSpecs } from '../unet/param-specs.ts';
import { augmentedBatches, fixedValidationPatches, prepareTrainingTomogram, validationRegion, type LabelledTomogram } from './prepare.ts';
import { UNetTrainer, type StepReport, type ValidationData } from './trainer.ts';
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
  crossEntropyWeight: number;
  seed: number;
  /** Validation every N steps (0 = never); needs validation tomograms. */
  validateEvery: number;
  /** Checkpoint every N steps (0 = only at the end). */
  checkpointEvery: number;
  /** Edge in voxels of the central block of the first validation tomogram scored for F1. */
  validationEdge: number;
}

export const DEFAULT_TRAINING_SETTINGS: Readonly<TrainingSettings> = Object.freeze({
  steps: 300,
  batchSize: 2,
  optimizer: 'adam',
  learningRate: 0.001,
  crossEntropyWeight: 1,
  seed: 1,
  validateEvery: 50,
  checkpointEvery: 50,
  validationEdge: 64,
});

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
}

/** Model files + optimiser slots + the step reached: enough to resume after a lost worker. */
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
}

export interface TrainingResult {
  model: SerializedModel;
  steps: number;
  finalLoss: number | null;
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
  if (!(s.crossEntropyWeight >= 0)) throw new Error(`cross-entropy weight must be ≥ 0, got ${s.crossEntropyWeight}`);
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
  if (request.resume) {
    const config = request.resume.model.json.config;
    if (config.nClasses < nClasses) throw new Error(`the checkpoint's network has ${config.nClasses - 1} classes, the picks use class ids up to ${nClasses - 1}`);
    return config;
  }
  const preset = request.settings.preset ?? (backend === 'webgpu' || backend === 'webgl' ? 'gpu' : 'cpu');
  return unetConfig(preset, nClasses, request.settings.network ?? {});
}

function validationData(prepared: TrainingTomogram[], request: TrainingRequest, config: UNetConfig): ValidationData {
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
    picking: { minSizeOfClass: minSizeFromRadii((id) => metricClasses.find((c) => c.id === id)?.radiusVoxels) },
  };
}

function labelKind(request: TrainingRequest): ModelProvenance['labels'] {
  const withMaps = request.train.filter((t) => t.labelMap).length;
  return withMaps === request.train.length ? 'shape' : withMaps === 0 ? 'sphere' : 'mixed';
}

export async function runTraining(request: TrainingRequest, backend: string, hooks: TrainingRunHooks = {}): Promise<TrainingResult> {
  const { settings } = request;
  checkTrainingSettings(settings);
  if (request.train.length === 0) throw new Error('choose at least one training tomogram');
  const radiusVoxels = radiusFunction(request);
  const config = networkConfig(request, backend);
  const training = request.train.map((t) => prepareTrainingTomogram(t, radiusVoxels));
  const validation = validationData(request.validation.map((t) => prepareTrainingTomogram(t, radiusVoxels)), request, config);
  const startStep = request.resume?.meta.step ?? 0;
  if (startStep >= settings.steps) throw new Error(`the checkpoint is at step ${startStep}; ask for more than ${startStep} steps to go on`);
  const sampler = createPatchSampler({
    tomograms: training,
    patch: config.patch,
    nClasses: config.nClasses,
    random: createRandom(deriveSeed(settings.seed, startStep ? `patches@${startStep}` : 'patches')),
  });
  const batches = augmentedBatches(sampler, createRandom(deriveSeed(settings.seed, `augment@${startStep}`)), true);
  const optimizer = createOptimizer({ ...DEFAULT_OPTIMIZER, kind: settings.optimizer, learningRate: settings.learningRate });
  const classes: ModelClass[] = request.classes.map((c) => ({ ...c }));
  const labels = labelKind(request);
  let model: UNetModel | undefined;
  try {
    model = request.resume ? unetFromSerialized(request.resume.model.json, request.resume.model.weights) : createUNet(config, settings.seed);
    if (request.resume) {
      const shapes = Object.fromEntries(unetParamSpecs(config).map((s) => [s.name, s.shape]));
      optimizer.loadState(unpackTensors(request.resume.optimizer), shapes);
    }
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
    });
    const trained = model;
    const trainer = new UNetTrainer(
      model,
      optimizer,
      batches,
      {
        steps: settings.steps,
        batchSize: settings.batchSize,
        loss: { crossEntropyWeight: settings.crossEntropyWeight },
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
        const packed = packTensors(await optimizer.readState());
        const saved = await serializeUNet(trained, classes, provenance(step));
        const meta: CheckpointMeta = { step, steps: settings.steps, seed: settings.seed, optimizerIndex: packed.index, lossHistory: [...lossHistory] };
        await hooks.onCheckpoint({ model: saved, meta, optimizer: packed });
      },
    });
    return { model: await serializeUNet(trained, classes, provenance(trainer.step)), steps: trainer.step, finalLoss: lossHistory.at(-1)?.loss ?? null };
  } finally {
    optimizer.dispose();
    if (model) disposeUNet(model);
  }
}
