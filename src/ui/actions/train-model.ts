/**
 * Training from the studio: the chosen tomograms with their picks → the training worker; events
 * → the training store; checkpoints → IndexedDB (awaited, so a checkpoint reported is a
 * checkpoint kept). A failed or crashed run can resume from its last checkpoint.
 */
import { startTraining, type StudioTrainSettings, type TrainEvent, type TrainRequest, type TrainTomogram, type TrainingHandle } from '../../../workers/train.client.ts';
import type { Pick, Split } from '../../core/picks/pick.ts';
import { useJobsStore } from '../../state/jobs-store.ts';
import { picksStore, selectPicksOfTomogram } from '../../state/picks-store.ts';
import { useProjectStore, type TomogramEntry } from '../../state/project-store.ts';
import { useTrainingStore, type CurrentModel, type LossPoint } from '../../state/training-store.ts';
import { currentModelFromFiles, fromStoredCheckpoint, modelDb, toStoredCheckpoint } from './model-storage.ts';
import { checkpointLoss, modelFromFiles, modelToFiles } from '../../../workers/train.client.ts';

/** A tomogram's part in a run: its project split, or 'skip' (left out of this run only). */
export type TrainingRole = Split | 'skip';

export interface TrainingChoice {
  /** Tomogram ids left out of the run; the others take part as their project split says (setSplit). */
  skipped: ReadonlySet<string>;
  settings: Partial<StudioTrainSettings>;
  /** Start from this model's weights (fine-tuning, e.g. on accepted label fixes) instead of a fresh network. */
  initialModel?: CurrentModel;
}

let running: { handle: TrainingHandle; controller: AbortController } | undefined;

/** Picks that count as labels: everything the user made or kept; unreviewed and rejected candidates do not. */
export function isTrainingLabel(pick: Pick): boolean {
  if (pick.status === 'rejected') return false;
  return pick.status === 'accepted' || pick.source === 'manual' || pick.source === 'imported' || pick.source === 'corrected';
}

export function roleOf(tomogram: TomogramEntry, choice: TrainingChoice): TrainingRole {
  return choice.skipped.has(tomogram.id) ? 'skip' : tomogram.split;
}

function trainTomogram(t: TomogramEntry): TrainTomogram {
  const picks = selectPicksOfTomogram(picksStore.getState(), t.id).filter(isTrainingLabel);
  const { nx, ny, nz, dtype, data } = t.volume;
  return { name: t.name, volume: { nx, ny, nz, dtype, data }, picks: picks.map((p) => ({ x: p.x, y: p.y, z: p.z, classId: p.classId })) };
}

export function buildTrainRequest(choice: TrainingChoice): Omit<TrainRequest, 'resume'> {
  const { tomograms, classes } = useProjectStore.getState();
  const train = tomograms.filter((t) => roleOf(t, choice) === 'train');
  const validation = tomograms.filter((t) => roleOf(t, choice) === 'validation');
  if (train.length === 0) throw new Error('mark at least one tomogram "train"');
  const voxelSizeAngstrom = train[0]!.volume.voxelSize[0];
  const odd = [...train, ...validation].find((t) => Math.abs(t.volume.voxelSize[0] / voxelSizeAngstrom - 1) > 0.15);
  if (odd) throw new Error(`${odd.name} is ${odd.volume.voxelSize[0]} Å/voxel but ${train[0]!.name} is ${voxelSizeAngstrom}: bin them alike first`);
  return {
    train: train.map(trainTomogram),
    validation: validation.map(trainTomogram),
    classes: classes.map((c) => ({ id: c.id, name: c.name, radiusAngstrom: c.radiusAngstrom, color: c.color })),
    voxelSizeAngstrom,
    settings: choice.settings,
    ...(choice.initialModel ? { initial: modelFromFiles({ json: choice.initialModel.json, weights: choice.initialModel.weights }) } : {}),
  };
}

/** The checkpoint's loss history as chart points (the smoothing is recomputed like the trainer's). */
function historyPoints(history: readonly { step: number; loss: number }[]): LossPoint[] {
  let smoothed: number | null = null;
  return history.map(({ step, loss }) => {
    smoothed = smoothed === null ? loss : 0.9 * smoothed + 0.1 * loss;
    return { step, loss, smoothed };
  });
}

async function onEvent(event: TrainEvent, runLabel: string, history: LossPoint[] | undefined): Promise<void> {
  const store = useTrainingStore.getState();
  switch (event.kind) {
    case 'preparing':
      store.preparing({ stage: event.stage, fraction: event.fraction });
      break;
    case 'started': {
      const { patch, baseWidth, depth } = event.config;
      store.started({ backend: event.backend, network: `${patch}³, width ${baseWidth}, depth ${depth}`, startStep: event.startStep, steps: event.steps, ...(history ? { history } : {}) });
      break;
    }
    case 'step': {
      const { report } = event;
      const meta = report.meta && { step: report.step, ...report.meta };
      store.stepped({ step: report.step, loss: report.loss, smoothed: report.smoothedLoss }, report.steps, report.etaSeconds, { secondsPerStep: report.secondsPerStep, ...(meta ? { meta } : {}) });
      break;
    }
    case 'validation':
      store.validated({ step: event.scores.step, loss: event.scores.loss, f1: event.scores.classes.map((c) => ({ classId: c.classId, f1: c.f1 })) });
      break;
    case 'checkpoint': {
      const { meta } = event.checkpoint;
      try {
        await (await modelDb()).saveCheckpoint(toStoredCheckpoint(event.checkpoint, runLabel));
        store.setCheckpoint({ step: meta.step, steps: meta.steps, savedAt: new Date().toISOString() });
      } catch (err) {
        useJobsStore.getState().notify('warning', `Checkpoint at step ${meta.step} not kept: ${(err as Error).message}`);
      }
      break;
    }
  }
}

/** Starts a run; with `resume`, continues from the checkpoint in IndexedDB. Resolves when it ends (reported in the store). */
export async function runTraining(choice: TrainingChoice, resume = false): Promise<void> {
  if (running) throw new Error('a training run is already going');
  const jobs = useJobsStore.getState();
  const store = useTrainingStore.getState();
  let request: TrainRequest;
  let history: LossPoint[] | undefined;
  try {
    request = buildTrainRequest(choice);
    if (resume) {
      const stored = await (await modelDb()).loadCheckpoint();
      if (!stored) throw new Error('there is no checkpoint to resume from');
      const checkpoint = fromStoredCheckpoint(stored);
      request.resume = checkpoint;
      history = historyPoints(checkpoint.meta.lossHistory);
      // Finish the run the checkpoint belongs to, or go further when the user asks for more steps.
      // The loss is the checkpoint's: the run goes on with what it was trained with.
      request.settings = { ...request.settings, steps: Math.max(request.settings.steps ?? 0, checkpoint.meta.steps), ...checkpointLoss(checkpoint.meta) };
    }
  } catch (err) {
    jobs.notify('error', `Cannot start training: ${(err as Error).message}`);
    return;
  }
  const runLabel = `${request.train.map((t) => t.name).join(', ')} (${new Date().toLocaleString()})`;
  const controller = new AbortController();
  const handle = startTraining(request, { signal: controller.signal, onEvent: (e) => onEvent(e, runLabel, history) });
  running = { handle, controller };
  store.setPhase('running');
  try {
    const result = await handle.done;
    const stamp = new Date().toISOString().slice(0, 16).replace('T', ' ');
    const model = currentModelFromFiles(modelToFiles(result.model), `U-Net ${stamp} (${result.steps} steps)`);
    useTrainingStore.getState().setModel(result.metaState ? { ...model, metaState: result.metaState } : model);
    useTrainingStore.getState().setPhase('finished');
    jobs.notify('info', `Training finished: ${result.steps} steps, loss ${result.finalLoss?.toFixed(3) ?? '–'}`);
  } catch (err) {
    const e = err as Error;
    if (controller.signal.aborted) {
      useTrainingStore.getState().setPhase('cancelled');
    } else {
      // The panel adds the resume step live: a checkpoint the worker sent before dying may still be saving.
      const message = `Training stopped: ${e.message}.`;
      useTrainingStore.getState().setPhase('failed', message);
      const checkpoint = useTrainingStore.getState().checkpoint;
      jobs.notify('error', `${message}${checkpoint ? ' You can resume from the last checkpoint (Training panel).' : ''}`);
    }
  } finally {
    running = undefined;
  }
}

export function pauseTraining(): void {
  if (!running) return;
  running.handle.pause();
  useTrainingStore.getState().setPhase('paused');
}

export function resumePausedTraining(): void {
  if (!running) return;
  running.handle.resume();
  useTrainingStore.getState().setPhase('running');
}

export function cancelTraining(): void {
  running?.controller.abort();
}

/** At start-up: shows "resume from step N" when an earlier run left a checkpoint. */
export async function loadCheckpointInfo(): Promise<void> {
  try {
    const stored = await (await modelDb()).loadCheckpoint();
    if (!stored) return;
    const meta = JSON.parse(stored.metaJson) as { step: number; steps: number };
    useTrainingStore.getState().setCheckpoint({ step: meta.step, steps: meta.steps, savedAt: stored.savedAt });
  } catch {
    // No IndexedDB: nothing to resume; training itself still works.
  }
}
