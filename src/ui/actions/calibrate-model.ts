/**
 * "Calibrate score thresholds": the model in hand over a tomogram whose picks are clean, every
 * pick kept (training worker), then per class the score cut that maximises F1 against those picks
 * (core/metrics/calibrate-scores.ts). The thresholds go into the model in hand, so the next
 * prediction keeps only the picks above them; saving the model keeps them.
 */
import { calibrateModel, modelFromFiles, predictPicks } from '../../../workers/train.client.ts';
import type { ClassThreshold } from '../../core/metrics/calibrate-scores.ts';
import { useJobsStore } from '../../state/jobs-store.ts';
import { picksStore, selectPicksOfTomogram } from '../../state/picks-store.ts';
import type { TomogramEntry } from '../../state/project-store.ts';
import { useTrainingStore, type CurrentModel } from '../../state/training-store.ts';
import { isTrainingLabel } from './train-model.ts';

export async function calibrateModelScores(model: CurrentModel, tomogram: TomogramEntry): Promise<void> {
  const jobs = useJobsStore.getState();
  const truth = selectPicksOfTomogram(picksStore.getState(), tomogram.id).filter(isTrainingLabel);
  if (truth.length === 0) {
    jobs.notify('error', `${tomogram.name} has no kept picks to calibrate on: pick it completely (or accept its candidates) first`);
    return;
  }
  const controller = new AbortController();
  const jobId = jobs.startJob(`Calibrating ${model.name} on ${tomogram.name}`, () => controller.abort());
  try {
    const serialized = modelFromFiles({ json: model.json, weights: model.weights });
    const { nx, ny, nz, dtype, data, voxelSize } = tomogram.volume;
    const voxel = voxelSize[0];
    const result = await predictPicks(serialized, { nx, ny, nz, dtype, data }, { voxelSizeAngstrom: voxel, minScore: 0 }, {
      signal: controller.signal,
      onProgress: (f, stage) => useJobsStore.getState().updateJob(jobId, 0.98 * f, stage),
    });
    const { thresholds, json } = calibrateModel(
      serialized.json,
      result.picks.map((p) => ({ x: p.x, y: p.y, z: p.z, classId: p.classId, score: p.score })),
      truth.map((p) => ({ x: p.x, y: p.y, z: p.z, classId: p.classId })),
      voxel,
      tomogram.name,
    );
    useTrainingStore.getState().setModel({ ...model, json: JSON.stringify(json) });
    jobs.notify('info', `Score thresholds from ${tomogram.name}: ${summary(thresholds)}`);
  } catch (err) {
    if (controller.signal.aborted) jobs.notify('info', 'Calibration cancelled');
    else jobs.notify('error', `Calibration failed: ${(err as Error).message}`);
  } finally {
    useJobsStore.getState().endJob(jobId);
  }
}

const summary = (thresholds: readonly ClassThreshold[]) =>
  thresholds.map((t) => `${t.name ?? `class ${t.classId}`} ≥ ${t.minScore.toFixed(2)} (F1 ${t.f1Before.toFixed(2)} → ${t.f1After.toFixed(2)})`).join(', ');
