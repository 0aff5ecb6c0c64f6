import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { ModelDb, type StoredCheckpoint, type StoredModel } from './model-db.ts';

const model = (id: string, savedAt: string): StoredModel => ({ id, name: `model ${id}`, savedAt, modelJson: '{"format":"tomopick-unet"}', weights: new Float32Array([1, 2, 3]).buffer });

describe('ModelDb', () => {
  it('saves, lists newest first, and deletes models with their bytes intact', async () => {
    const db = await ModelDb.open(new IDBFactory());
    await db.saveModel(model('a', '2026-01-01T00:00:00Z'));
    await db.saveModel(model('b', '2026-02-01T00:00:00Z'));
    const listed = await db.listModels();
    expect(listed.map((m) => m.id)).toEqual(['b', 'a']);
    expect([...new Float32Array(listed[1]!.weights)]).toEqual([1, 2, 3]);
    await db.deleteModel('b');
    expect((await db.listModels()).map((m) => m.id)).toEqual(['a']);
    db.close();
  });

  it('keeps a model\'s label-correction state; records without one still load', async () => {
    const db = await ModelDb.open(new IDBFactory());
    const metaState = { index: [{ name: 'meta/lc.mix.b', length: 2 }], data: new Float32Array([0.5, -1]).buffer };
    await db.saveModel({ ...model('lc', '2026-03-01T00:00:00Z'), metaState });
    await db.saveModel(model('old', '2026-01-01T00:00:00Z'));
    const [withLc, old] = await db.listModels();
    expect(withLc!.metaState!.index).toEqual(metaState.index);
    expect([...new Float32Array(withLc!.metaState!.data)]).toEqual([0.5, -1]);
    expect(old!.metaState).toBeUndefined();
    db.close();
  });

  it('keeps one latest checkpoint, replaced by the next and cleared on request', async () => {
    const factory = new IDBFactory();
    const db = await ModelDb.open(factory);
    expect(await db.loadCheckpoint()).toBeUndefined();
    const checkpoint = (step: number): StoredCheckpoint => ({
      savedAt: new Date(step).toISOString(),
      runLabel: 'run 1',
      modelJson: '{}',
      weights: new ArrayBuffer(8),
      metaJson: JSON.stringify({ step }),
      optimizer: new ArrayBuffer(4),
    });
    await db.saveCheckpoint(checkpoint(10));
    await db.saveCheckpoint(checkpoint(20));
    db.close();
    // A new connection (a reloaded page) sees the last one.
    const again = await ModelDb.open(factory);
    expect(JSON.parse((await again.loadCheckpoint())!.metaJson)).toEqual({ step: 20 });
    await again.clearCheckpoint();
    expect(await again.loadCheckpoint()).toBeUndefined();
    again.close();
  });
});
