import { IDBFactory } from 'fake-indexeddb';
import { beforeEach, describe, expect, it } from 'vitest';
import { computeStats, type Volume } from '../core/volume/volume.ts';
import { appProjectSource, applyToStores } from './persistence/app-source.ts';
import { Autosaver } from './persistence/autosave.ts';
import { ProjectDb } from './persistence/project-db.ts';
import { readSavedProject } from './persistence/read-saved.ts';
import { useProjectStore } from './project-store.ts';

function tinyVolume(): Volume {
  const data = new Float32Array(8);
  return { nx: 2, ny: 2, nz: 2, voxelSize: [10, 10, 10], origin: [0, 0, 0], dtype: 'float32', data, stats: computeStats({ dtype: 'float32', data }) };
}

beforeEach(() => useProjectStore.setState({ tomograms: [], activeTomogramId: undefined, classes: [] }));

describe('project store: split per tomogram', () => {
  it('sets one tomogram split and leaves the others', () => {
    const a = useProjectStore.getState().addTomogram({ name: 'a.mrc', volume: tinyVolume(), format: 'mrc', warnings: [] });
    const b = useProjectStore.getState().addTomogram({ name: 'b.mrc', volume: tinyVolume(), format: 'mrc', warnings: [] });
    useProjectStore.getState().setSplit(b, 'validation');
    expect(useProjectStore.getState().tomograms.map((t) => [t.id, t.split])).toEqual([
      [a, 'train'],
      [b, 'validation'],
    ]);
  });

  it('rejects an unknown tomogram or split with a clear message', () => {
    const a = useProjectStore.getState().addTomogram({ name: 'a.mrc', volume: tinyVolume(), format: 'mrc', warnings: [] });
    expect(() => useProjectStore.getState().setSplit('nope', 'test')).toThrow('no tomogram with id nope');
    // @ts-expect-error: a split the type does not allow, as untyped callers could pass
    expect(() => useProjectStore.getState().setSplit(a, 'skip')).toThrow('a split is one of train, validation, test, got "skip"');
  });

  it('is saved by the autosaver and restored into the store', async () => {
    const id = useProjectStore.getState().addTomogram({ name: 'a.mrc', volume: tinyVolume(), format: 'mrc', warnings: [] });
    const db = await ProjectDb.open(new IDBFactory());
    const saver = new Autosaver(db, appProjectSource, { delayMs: 1 });
    saver.start();
    await saver.flush();
    useProjectStore.getState().setSplit(id, 'test');
    await saver.flush();
    saver.stop();
    const outcome = readSavedProject(await db.read());
    db.close();
    if (outcome.kind !== 'saved') throw new Error(`expected a saved project, got ${outcome.kind}`);
    const [ref] = outcome.project.snapshot.tomograms;
    expect(ref).toMatchObject({ name: 'a.mrc', split: 'test' });

    useProjectStore.getState().setSplit(id, 'train');
    applyToStores({ splits: new Map([[id, ref!.split]]) });
    expect(useProjectStore.getState().tomograms[0]!.split).toBe('test');
  });
});
