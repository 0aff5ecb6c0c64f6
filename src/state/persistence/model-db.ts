/**
 * Trained U-Nets and the last training checkpoint, in their own IndexedDB database (apart from the
 * autosaved project, so neither schema bumps the other). Records hold the model's two files as
 * saved on disk (model.json text + weights.bin bytes), so a stored model exports byte for byte.
 */
import { openDatabase, requestResult, transactionDone } from './idb.ts';

export const MODEL_DB_NAME = 'tomopick-models';
const MODEL_DB_VERSION = 1;
const MODELS = 'models';
const CHECKPOINTS = 'checkpoints';
/** One resumable run at a time: a new run's first checkpoint replaces the previous one. */
const LATEST = 'latest';

/** A model's label-correction and reweighting weights: PackedTensors of src/ml/io/checkpoint-format.ts, as stored. */
export interface StoredMetaState {
  index: { name: string; length: number }[];
  data: ArrayBuffer;
}

export interface StoredModel {
  id: string;
  name: string;
  savedAt: string;
  modelJson: string;
  weights: ArrayBuffer;
  /**
   * Label-correction and reweighting weights of an lc-only / robpicker run (PackedTensors), kept
   * so the correction review can run later. Absent for other modes and for records saved before.
   */
  metaState?: StoredMetaState;
}

export interface StoredCheckpoint {
  savedAt: string;
  /** Which run it belongs to (shown to the user: "resume … from step N"). */
  runLabel: string;
  modelJson: string;
  weights: ArrayBuffer;
  /** CheckpointMeta as JSON (step, steps, seed, optimiser index, loss history). */
  metaJson: string;
  optimizer: ArrayBuffer;
}

export class ModelDb {
  private constructor(private readonly db: IDBDatabase) {}

  static async open(factory: IDBFactory = indexedDB): Promise<ModelDb> {
    const db = await openDatabase(factory, MODEL_DB_NAME, MODEL_DB_VERSION, (d) => {
      if (!d.objectStoreNames.contains(MODELS)) d.createObjectStore(MODELS, { keyPath: 'id' });
      if (!d.objectStoreNames.contains(CHECKPOINTS)) d.createObjectStore(CHECKPOINTS);
    });
    return new ModelDb(db);
  }

  async saveModel(model: StoredModel): Promise<void> {
    const tx = this.db.transaction(MODELS, 'readwrite');
    tx.objectStore(MODELS).put(model);
    await transactionDone(tx);
  }

  /** Newest first. */
  async listModels(): Promise<StoredModel[]> {
    const all = await requestResult(this.db.transaction(MODELS).objectStore(MODELS).getAll());
    return (all as StoredModel[]).sort((a, b) => b.savedAt.localeCompare(a.savedAt));
  }

  async deleteModel(id: string): Promise<void> {
    const tx = this.db.transaction(MODELS, 'readwrite');
    tx.objectStore(MODELS).delete(id);
    await transactionDone(tx);
  }

  async saveCheckpoint(checkpoint: StoredCheckpoint): Promise<void> {
    const tx = this.db.transaction(CHECKPOINTS, 'readwrite');
    tx.objectStore(CHECKPOINTS).put(checkpoint, LATEST);
    await transactionDone(tx);
  }

  async loadCheckpoint(): Promise<StoredCheckpoint | undefined> {
    return (await requestResult(this.db.transaction(CHECKPOINTS).objectStore(CHECKPOINTS).get(LATEST))) as StoredCheckpoint | undefined;
  }

  async clearCheckpoint(): Promise<void> {
    const tx = this.db.transaction(CHECKPOINTS, 'readwrite');
    tx.objectStore(CHECKPOINTS).delete(LATEST);
    await transactionDone(tx);
  }

  close(): void {
    this.db.close();
  }
}
