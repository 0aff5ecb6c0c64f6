/**
 * "Predict picks": the model in hand over the active tomogram (in the training worker) → `model`
 * picks with status `candidate`, as one undoable step that replaces only unreviewed model picks.
 * The class probability maps are kept (prediction store) for the slice overlay and 3D surfaces.
 */
import { predictPicks } from '../../../workers/train.client.ts';
import type { ClassDef } from '../../core/picks/pick.ts';
import { nextDistinctColor } from '../../core/picks/class-colors.ts';
import { useJobsStore } from '../../state/jobs-store.ts';
import { picksStore } from '../../state/picks-store.ts';
import { usePredictionStore } from '../../state/prediction-store.ts';
import { useProjectStore, type TomogramEntry } from '../../state/project-store.ts';
import type { CurrentModel } from '../../state/training-store.ts';
import { modelFromFiles } from '../../../workers/train.client.ts';

export async function predictModelPicks(model: CurrentModel, tomogram: TomogramEntry): Promise<void> {
  const jobs = useJobsStore.getState();
  const controller = new AbortController();
  const jobId = jobs.startJob(`Predicting picks with ${model.name}`, () => controller.abort());
  try {
    const serialized = modelFromFiles({ json: model.json, weights: model.weights });
    const { nx, ny, nz, dtype, data } = tomogram.volume;
    const result = await predictPicks(serialized, { nx, ny, nz, dtype, data }, { voxelSizeAngstrom: tomogram.volume.voxelSize[0] }, {
      signal: controller.signal,
      onProgress: (f, stage) => useJobsStore.getState().updateJob(jobId, f, stage),
    });
    // Classes the project does not have yet come from the model (name, colour, radius).
    const project = useProjectStore.getState();
    const missing: ClassDef[] = [];
    for (const c of serialized.json.classes) {
      if (project.classes.some((k) => k.id === c.id) || missing.some((k) => k.id === c.id)) continue;
      const colors = [...project.classes, ...missing].map((k) => k.color);
      missing.push({ id: c.id, name: c.name, color: c.color ?? nextDistinctColor(colors), radiusAngstrom: c.radiusAngstrom ?? 100 });
    }
    picksStore.getState().addClasses(missing);
    const summary = picksStore.getState().applyModelOutput({
      source: 'model',
      tomograms: [tomogram.id],
      picks: result.picks.map((p) => ({ tomogram: tomogram.id, classId: p.classId, x: p.x, y: p.y, z: p.z, score: p.score })),
    });
    // Map k holds output channel k + 1, and a channel is a class id (model-format.ts).
    usePredictionStore.getState().setMaps(tomogram.id, { nx, ny, nz, classIds: result.probabilities.map((_, k) => k + 1), maps: result.probabilities, modelName: model.name });
    jobs.notify('info', `${summary.added} model picks added as candidates on ${result.backend} (${summary.removed} earlier unreviewed ones replaced)`);
  } catch (err) {
    if (controller.signal.aborted) jobs.notify('info', 'Prediction cancelled');
    else jobs.notify('error', `Prediction failed: ${(err as Error).message}`);
  } finally {
    useJobsStore.getState().endJob(jobId);
  }
}
