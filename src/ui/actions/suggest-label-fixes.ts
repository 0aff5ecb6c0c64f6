/**
 * "Suggest label fixes": the label-correction network of the model in hand over the active
 * tomogram and its training labels (in the training worker) → the correction review's list.
 */
import { modelFromFiles, suggestFixes } from '../../../workers/train.client.ts';
import { toLabelFixes } from '../../core/picks/correction-decisions.ts';
import { useJobsStore } from '../../state/jobs-store.ts';
import { picksStore, selectPicksOfTomogram } from '../../state/picks-store.ts';
import type { TomogramEntry } from '../../state/project-store.ts';
import type { CurrentModel } from '../../state/training-store.ts';
import { isTrainingLabel } from './train-model.ts';

let runs = 0;

export async function suggestLabelFixes(model: CurrentModel, tomogram: TomogramEntry): Promise<void> {
  const jobs = useJobsStore.getState();
  if (!model.metaState) {
    jobs.notify('error', `${model.name} has no label-correction network: train in mode robpicker or lc-only`);
    return;
  }
  const controller = new AbortController();
  const jobId = jobs.startJob(`Suggesting label fixes on ${tomogram.name}`, () => controller.abort());
  try {
    const labels = selectPicksOfTomogram(picksStore.getState(), tomogram.id).filter(isTrainingLabel);
    const { nx, ny, nz, dtype, data } = tomogram.volume;
    const result = await suggestFixes(
      {
        model: modelFromFiles({ json: model.json, weights: model.weights }),
        metaState: model.metaState,
        volume: { nx, ny, nz, dtype, data },
        picks: labels.map((p) => ({ x: p.x, y: p.y, z: p.z, classId: p.classId })),
        voxelSizeAngstrom: tomogram.volume.voxelSize[0],
      },
      { signal: controller.signal, onProgress: (f, stage) => useJobsStore.getState().updateJob(jobId, f, stage) },
    );
    const fixes = toLabelFixes(
      result.suggestions,
      tomogram.id,
      labels.map((p) => p.id),
      `${Date.now().toString(36)}.${++runs}`,
    );
    // A document record of the picks store: undoable ("Undo: suggest 12 label fixes") and saved with the project.
    picksStore.getState().setFixList(tomogram.id, { tomogramId: tomogram.id, modelName: model.name, fixes, rejected: new Set() });
    jobs.notify('info', `${fixes.length} label fixes suggested on ${tomogram.name} (${result.backend})`);
  } catch (err) {
    if (controller.signal.aborted) jobs.notify('info', 'Label-fix suggestion cancelled');
    else jobs.notify('error', `Suggesting label fixes failed: ${(err as Error).message}`);
  } finally {
    useJobsStore.getState().endJob(jobId);
  }
}
