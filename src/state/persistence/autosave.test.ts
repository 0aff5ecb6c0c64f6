import { IDBFactory } from 'fake-indexeddb';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ClassDef } from '../../core/picks/pick.ts';
import { toLabelFixes } from '../../core/picks/correction-decisions.ts';
import { fromSavedFixList, PROJECT_VERSION } from '../../core/project/project.ts';
import { parseProjectFile, serializeProjectFile } from '../../core/project/project-file.ts';
import { createPicksStore, type PicksStore } from '../picks-store.ts';
import { Autosaver } from './autosave.ts';
import { usePersistenceStore } from './persistence-store.ts';
import { NewerDatabaseError, ProjectDb, DB_NAME } from './project-db.ts';
import type { ProjectSource, ProjectState, SessionTomogram } from './project-source.ts';
import { readSavedProject, type SavedProject } from './read-saved.ts';

const CLASSES: ClassDef[] = [{ id: 1, name: 'ribosome', color: '#e6550d', radiusAngstrom: 130 }];

function tomogram(id: string, name: string): SessionTomogram {
  return { id, name, format: 'mrc', split: 'train', shape: [48, 48, 24], voxelSize: [10, 10, 10] };
}

/** The studio's stores reduced to what the autosaver reads. */
class FakeProject implements ProjectSource {
  readonly picks: PicksStore = createPicksStore();
  state: Omit<ProjectState, 'picks'> = { tomograms: [], classes: CLASSES, activeTomogramId: undefined, slabThickness: 1, activeClassId: 1 };
  private listeners = new Set<() => void>();
  constructor() {
    this.picks.subscribe(() => this.notify());
  }
  read(): ProjectState {
    return { ...this.state, picks: this.picks.getState().picks, review: this.picks.getState().review, masks: this.picks.getState().masks };
  }
  subscribe(onChange: () => void): () => void {
    this.listeners.add(onChange);
    return () => this.listeners.delete(onChange);
  }
  update(change: Partial<ProjectState>): void {
    this.state = { ...this.state, ...change };
    this.notify();
  }
  private notify(): void {
    for (const l of this.listeners) l();
  }
}

let dbs: ProjectDb[] = [];
afterEach(() => {
  for (const db of dbs) db.close();
  dbs = [];
});

async function openDb(factory: IDBFactory): Promise<ProjectDb> {
  const db = await ProjectDb.open(factory);
  dbs.push(db);
  return db;
}

async function savedProject(factory: IDBFactory): Promise<SavedProject> {
  const outcome = readSavedProject(await (await openDb(factory)).read());
  if (outcome.kind !== 'saved') throw new Error(`expected a saved project, got ${JSON.stringify(outcome)}`);
  return outcome.project;
}

function keyCounter(): () => string {
  let n = 0;
  return () => `key${++n}`;
}

describe('autosave to IndexedDB', () => {
  it('starts empty, then saves tomograms, picks, classes and settings under stable keys', async () => {
    const factory = new IDBFactory();
    const db = await openDb(factory);
    expect(readSavedProject(await db.read())).toEqual({ kind: 'empty' });

    const project = new FakeProject();
    const saver = new Autosaver(db, project, { newKey: keyCounter(), now: () => new Date('2025-05-06T07:08:09Z') });
    saver.start();
    project.update({ tomograms: [tomogram('t1', 'a.mrc'), tomogram('t2', 'b.mrc')], activeTomogramId: 't2', slabThickness: 5 });
    project.picks.getState().addPick({ tomogram: 't1', x: 1, y: 2, z: 3, classId: 1 });
    project.picks.getState().addPick({ tomogram: 't2', x: 4, y: 5, z: 6, classId: 1 });
    saver.setOrigin('t1', { storage: { kind: 'opfs' }, bin: 2, fileSize: 999 });
    await saver.flush();
    saver.stop();
    expect(usePersistenceStore.getState()).toMatchObject({ phase: 'saved', savedAt: Date.parse('2025-05-06T07:08:09Z') });

    const { snapshot, storage } = await savedProject(factory);
    expect(snapshot.tomograms.map((t) => [t.key, t.name, t.bin, t.fileSize])).toEqual([
      ['key1', 'a.mrc', 2, 999],
      ['key2', 'b.mrc', 1, undefined],
    ]);
    expect(storage.get('key1')).toEqual({ kind: 'opfs' });
    expect(storage.get('key2')?.kind).toBe('none');
    expect(snapshot.picks.key1!.map((p) => [p.x, p.y, p.z])).toEqual([[1, 2, 3]]);
    expect(snapshot.picks.key2!.map((p) => [p.x, p.y, p.z])).toEqual([[4, 5, 6]]);
    expect(snapshot.classes).toEqual(CLASSES);
    expect(snapshot.settings).toEqual({ slabThickness: 5, activeClassId: 1, activeTomogram: 'key2' });
  });

  it('writes only the picks of the tomogram that changed, once per burst of changes', async () => {
    const factory = new IDBFactory();
    const db = await openDb(factory);
    const project = new FakeProject();
    const saver = new Autosaver(db, project, { newKey: keyCounter(), delayMs: 30 });
    project.update({ tomograms: [tomogram('t1', 'a.mrc'), tomogram('t2', 'b.mrc')] });
    const id = project.picks.getState().addPick({ tomogram: 't1', x: 1, y: 1, z: 1, classId: 1 });
    saver.start();
    await saver.flush();

    const write = vi.spyOn(db, 'write');
    for (let x = 2; x < 12; x++) project.picks.getState().movePick(id, { x, y: 1, z: 1 }, { continueGesture: true });
    await vi.waitFor(() => expect(write).toHaveBeenCalledTimes(1), { timeout: 2000 });
    await saver.flush();
    expect(write).toHaveBeenCalledTimes(1);
    const change = write.mock.calls[0]![0];
    expect(change.picks?.map((p) => p.key)).toEqual(['key1']);
    expect(change.picks?.[0]?.picks[0]?.x).toBe(11);
    expect(change.tomograms).toEqual([]);
    expect(change.removed).toEqual([]);

    // Nothing changed: nothing written.
    await saver.flush();
    expect(write).toHaveBeenCalledTimes(1);
    saver.stop();
  });

  it('restores under new session ids, keeps tomograms that did not come back, deletes removed ones with their copy', async () => {
    const factory = new IDBFactory();
    const first = new FakeProject();
    const saver1 = new Autosaver(await openDb(factory), first, { newKey: keyCounter() });
    first.update({ tomograms: [tomogram('t1', 'a.mrc'), tomogram('t2', 'b.mrc'), tomogram('t3', 'c.mrc')] });
    for (const t of ['t1', 't2', 't3']) first.picks.getState().addPick({ tomogram: t, x: 1, y: 2, z: 3, classId: 1 });
    saver1.start();
    await saver1.flush();
    saver1.stop();

    // After the "reload": a.mrc re-opened as t7; b.mrc waits for permission; c.mrc was closed.
    const saved = await savedProject(factory);
    const second = new FakeProject();
    second.update({ tomograms: [tomogram('t7', 'a.mrc')] });
    second.picks.getState().loadPicks(saved.snapshot.picks.key1!.map((p) => ({ ...p, tomogram: 't7' })));
    const removedFiles: string[] = [];
    const files = { save: async () => {}, open: async () => undefined, remove: async (key: string) => void removedFiles.push(key) };
    const saver2 = new Autosaver(await openDb(factory), second, { newKey: keyCounter(), files });
    saver2.adopt(saved, new Map([['key1', 't7']]));
    expect([...saver2.pending.keys()]).toEqual(['key2', 'key3']);
    saver2.discardPending('key3');
    saver2.start();
    second.picks.getState().addPick({ tomogram: 't7', x: 9, y: 9, z: 9, classId: 1 });
    await saver2.flush();
    saver2.stop();

    const after = await savedProject(factory);
    expect(after.snapshot.tomograms.map((t) => t.key)).toEqual(['key1', 'key2']);
    expect(after.snapshot.picks.key1).toHaveLength(2);
    expect(after.snapshot.picks.key2).toEqual(saved.snapshot.picks.key2);
    expect(removedFiles).toEqual(['key3']);
  });

  it('moves corrupt data aside instead of deleting it, and refuses data from a newer version', async () => {
    const factory = new IDBFactory();
    const db = await openDb(factory);
    const meta = { version: PROJECT_VERSION, savedAt: 'x', classes: CLASSES, settings: { slabThickness: 1, activeClassId: 1 }, order: ['k'] };
    const record = { key: 'k', name: 'a.mrc', format: 'mrc', split: 'train', bin: 1, shape: [4, 4, 4], voxelSize: [1, 1, 1], storage: { kind: 'opfs' } };
    const badPick = { id: 'p', x: 'oops', y: 0, z: 0, classId: 1, source: 'manual', status: 'accepted' };
    await db.write({ meta, tomograms: [record as never], picks: [{ key: 'k', picks: [badPick as never] }] });

    const outcome = readSavedProject(await db.read());
    expect(outcome).toEqual({ kind: 'unreadable', reason: 'saved project.picks["k"][0].x must be a finite number (got "oops")' });
    await db.quarantine(outcome.kind === 'unreadable' ? outcome.reason : '');
    expect(await db.read()).toBeUndefined();
    const [kept] = await db.quarantined();
    expect(kept).toMatchObject({ reason: expect.stringContaining('"oops"'), meta, tomograms: [record] });

    await db.write({ meta: { ...meta, version: PROJECT_VERSION + 1 }, tomograms: [record as never], picks: [] });
    expect(readSavedProject(await db.read())).toMatchObject({ kind: 'newer', reason: expect.stringContaining(`project version ${PROJECT_VERSION + 1}`) });
  });

  it('reports a database created by a newer studio instead of failing obscurely', async () => {
    const factory = new IDBFactory();
    await new Promise<void>((resolve, reject) => {
      const request = factory.open(DB_NAME, 99);
      request.onsuccess = () => {
        request.result.close();
        resolve();
      };
      request.onerror = () => reject(request.error);
    });
    await expect(ProjectDb.open(factory)).rejects.toThrow(NewerDatabaseError);
  });

  it('keeps the change for the next save when a save fails', async () => {
    const factory = new IDBFactory();
    const db = await openDb(factory);
    const project = new FakeProject();
    const saver = new Autosaver(db, project, { newKey: keyCounter() });
    saver.start();
    project.update({ tomograms: [tomogram('t1', 'a.mrc')] });
    vi.spyOn(db, 'write').mockRejectedValueOnce(new Error('QuotaExceededError'));
    await saver.flush();
    expect(usePersistenceStore.getState()).toMatchObject({ phase: 'error', problem: expect.stringContaining('QuotaExceededError') });
    await saver.flush();
    saver.stop();
    expect(usePersistenceStore.getState().phase).toBe('saved');
    expect((await savedProject(factory)).snapshot.tomograms).toHaveLength(1);
  });
});

describe('the correction review in the saved project', () => {
  it('saves a fix list and its rejections with the picks, and reads them back (IndexedDB and project file)', async () => {
    const factory = new IDBFactory();
    const project = new FakeProject();
    const saver = new Autosaver(await openDb(factory), project, { newKey: keyCounter(), now: () => new Date('2025-05-06T07:08:09Z') });
    saver.start();
    project.update({ tomograms: [tomogram('t1', 'a.mrc')] });
    const pickId = project.picks.getState().addPick({ tomogram: 't1', x: 1, y: 2, z: 3, classId: 1 });
    const fixes = toLabelFixes(
      [
        { kind: 'add', x: 20, y: 21, z: 22, classId: 1, confidence: 0.9, voxels: 30 },
        { kind: 'remove', x: 1, y: 2, z: 3, classId: 1, pickIndex: 0, confidence: 0.6, voxels: 14 },
      ],
      't1',
      [pickId],
      'L1',
    );
    project.picks.getState().setFixList('t1', { tomogramId: 't1', modelName: 'unet-1', fixes, rejected: new Set() });
    await saver.flush();
    // A decision alone (no pick changed) is saved too.
    project.picks.getState().setFixesRejected('t1', ['L1-1'], true);
    await saver.flush();
    saver.stop();

    const saved = await savedProject(factory);
    const list = saved.snapshot.review?.key1;
    expect(list).toEqual({ modelName: 'unet-1', fixes: fixes.map(({ tomogram: _t, ...f }) => f), rejected: ['L1-1'] });
    expect(fromSavedFixList(list!, 't9')).toEqual({ tomogramId: 't9', modelName: 'unet-1', fixes: fixes.map((f) => ({ ...f, tomogram: 't9' })), rejected: new Set(['L1-1']) });
    expect(parseProjectFile(serializeProjectFile(saver.snapshot())).review).toEqual(saved.snapshot.review);

    // Undoing the rejection saves the list without it.
    const again = new Autosaver(await openDb(factory), project, { newKey: keyCounter() });
    again.adopt(saved, new Map([['key1', 't1']]));
    again.start();
    project.picks.getState().undo();
    await again.flush();
    again.stop();
    expect((await savedProject(factory)).snapshot.review?.key1?.rejected).toEqual([]);
  });

  it('refuses a saved list whose rejection names no fix of it', () => {
    const text = serializeProjectFile({
      savedAt: '2025-05-06T07:08:09Z',
      classes: CLASSES,
      settings: { slabThickness: 1, activeClassId: 1 },
      tomograms: [{ key: 'k', name: 'a.mrc', format: 'mrc', split: 'train', bin: 1, shape: [4, 4, 4], voxelSize: [1, 1, 1] }],
      picks: { k: [] },
      review: { k: { modelName: 'm', fixes: [], rejected: ['gone'] } },
    });
    expect(() => parseProjectFile(text)).toThrow(/review\["k"\]\.rejected\[0\] names fix "gone"/);
  });
});

describe('painted masks in the saved project', () => {
  it('saves a stroke with its tomogram\'s picks record, reads it back, and saves its undo and clear', async () => {
    const factory = new IDBFactory();
    const project = new FakeProject();
    const saver = new Autosaver(await openDb(factory), project, { newKey: keyCounter() });
    saver.start();
    project.update({ tomograms: [tomogram('t1', 'a.mrc'), tomogram('t2', 'b.mrc')] });
    const stroke = { plane: 'xz', index: 5, thickness: 3, radius: 4, kind: 'exclude', points: [1, 2, 10, 12] } as const;
    project.picks.getState().addMaskStroke('t1', stroke);
    project.picks.getState().addMaskStroke('t1', { ...stroke, kind: 'include', radius: 2 });
    await saver.flush();
    saver.stop();

    const saved = await savedProject(factory);
    expect(saved.snapshot.masks).toEqual({ key1: { strokes: [stroke, { ...stroke, kind: 'include', radius: 2 }] } });
    expect(parseProjectFile(serializeProjectFile(saver.snapshot())).masks).toEqual(saved.snapshot.masks);

    const again = new Autosaver(await openDb(factory), project, { newKey: keyCounter() });
    again.adopt(saved, new Map([['key1', 't1'], ['key2', 't2']]));
    again.start();
    project.picks.getState().undo();
    await again.flush();
    expect((await savedProject(factory)).snapshot.masks?.key1?.strokes).toHaveLength(1);
    project.picks.getState().clearMask('t1');
    await again.flush();
    again.stop();
    expect((await savedProject(factory)).snapshot.masks ?? {}).toEqual({});
  });

  it('reads data saved before masks existed (project version 1)', async () => {
    const factory = new IDBFactory();
    const db = await openDb(factory);
    const record = { key: 'k', name: 'a.mrc', format: 'mrc', split: 'train', bin: 1, shape: [4, 4, 4], voxelSize: [1, 1, 1], storage: { kind: 'simulated' } };
    await db.write({ meta: { version: 1, savedAt: 'x', classes: CLASSES, settings: { slabThickness: 1, activeClassId: 1 }, order: ['k'] }, tomograms: [record as never], picks: [{ key: 'k', picks: [] }] });
    const outcome = readSavedProject(await db.read());
    expect(outcome.kind).toBe('saved');
    expect(outcome.kind === 'saved' && (outcome.project.snapshot.masks ?? {})).toEqual({});
  });
});
