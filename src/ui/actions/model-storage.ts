/**
 * Models and checkpoints in IndexedDB (ModelDb), and the model's files for export/import. A studio
 * without IndexedDB (private windows of some browsers) still trains; it just cannot keep models.
 */
import { describeModel, modelFromFiles, MODEL_JSON_FILE, WEIGHTS_FILE, type ModelFiles, type TrainingCheckpoint } from '../../../workers/train.client.ts';
import { ModelDb, type StoredCheckpoint, type StoredMetaState, type StoredModel } from '../../state/persistence/model-db.ts';
import type { CurrentModel } from '../../state/training-store.ts';

let db: Promise<ModelDb> | undefined;

export function modelDb(): Promise<ModelDb> {
  db ??= ModelDb.open().catch((err: unknown) => {
    db = undefined;
    throw new Error(`cannot open the model store in IndexedDB: ${(err as Error).message}`);
  });
  return db;
}

export function toStoredCheckpoint(checkpoint: TrainingCheckpoint, runLabel: string): StoredCheckpoint {
  return {
    savedAt: new Date().toISOString(),
    runLabel,
    modelJson: JSON.stringify(checkpoint.model.json),
    weights: checkpoint.model.weights,
    metaJson: JSON.stringify(checkpoint.meta),
    optimizer: checkpoint.optimizer.data,
  };
}

export function fromStoredCheckpoint(stored: StoredCheckpoint): TrainingCheckpoint {
  const model = modelFromFiles({ json: stored.modelJson, weights: stored.weights });
  const meta = JSON.parse(stored.metaJson) as TrainingCheckpoint['meta'];
  return { model, meta, optimizer: { index: meta.optimizerIndex, data: stored.optimizer } };
}

/** Checks the files and describes them; throws a clear Error for a broken pair. */
export function currentModelFromFiles(files: ModelFiles, name: string): CurrentModel {
  const { json } = modelFromFiles(files);
  return { name, json: files.json, weights: files.weights, description: describeModel(json) };
}

export function storedToCurrent(stored: StoredModel): CurrentModel {
  const model = currentModelFromFiles({ json: stored.modelJson, weights: stored.weights }, stored.name);
  return stored.metaState ? { ...model, metaState: stored.metaState } : model;
}

/** The record that keeps `model` in the library (with its label-correction weights, when it has them). */
export function currentToStored(model: CurrentModel, id: string, savedAt: string): StoredModel {
  return { id, name: model.name, savedAt, modelJson: model.json, weights: model.weights, ...(model.metaState ? { metaState: model.metaState } : {}) };
}

/** True when a model's meta state holds a label-correction network (trained in mode lc-only or robpicker). */
export function hasLabelCorrection(metaState: StoredMetaState | undefined): boolean {
  return !!metaState?.index.some((e) => e.name.startsWith('meta/lc.'));
}

/** model.json + weights.bin chosen as two files or as a folder (any other files are ignored). */
export async function readModelFiles(files: readonly File[]): Promise<CurrentModel> {
  const json = files.find((f) => f.name === MODEL_JSON_FILE) ?? files.find((f) => f.name.endsWith('.json'));
  const weights = files.find((f) => f.name === WEIGHTS_FILE) ?? files.find((f) => f.name.endsWith('.bin'));
  if (!json || !weights) throw new Error(`choose a model's ${MODEL_JSON_FILE} and ${WEIGHTS_FILE} (or the folder holding them)`);
  const folder = json.webkitRelativePath.split('/').slice(-2, -1)[0];
  return currentModelFromFiles({ json: await json.text(), weights: await weights.arrayBuffer() }, folder || json.name.replace(/\.json$/, ''));
}

function downloadBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Two downloads, named as `tomopick predict --model DIR` expects them. */
export function exportModel(model: CurrentModel): void {
  downloadBlob(new Blob([model.json], { type: 'application/json' }), MODEL_JSON_FILE);
  downloadBlob(new Blob([model.weights], { type: 'application/octet-stream' }), WEIGHTS_FILE);
}

/** The demo model shipped in public/models/demo-cpu (trained by our own trainer on simulated data). */
export const DEMO_MODEL_PATH = 'models/demo-cpu/';

export async function fetchDemoModel(): Promise<CurrentModel> {
  const base = `${import.meta.env.BASE_URL}${DEMO_MODEL_PATH}`;
  const [json, weights] = await Promise.all([fetch(`${base}${MODEL_JSON_FILE}`), fetch(`${base}${WEIGHTS_FILE}`)]);
  if (!json.ok || !weights.ok) throw new Error(`the demo model is missing from this build (${json.status}/${weights.status})`);
  return currentModelFromFiles({ json: await json.text(), weights: await weights.arrayBuffer() }, 'demo (simulated, cpu preset)');
}
