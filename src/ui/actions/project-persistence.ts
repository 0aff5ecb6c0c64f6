/**
 * Start-up restore, autosave and the project menu's actions: the glue between the persistence
 * layer (src/state/persistence) and the I/O worker that re-opens tomograms. The App calls
 * startPersistence() once; OpenFile reports each opened file with rememberOpenedFile().
 */
import { chooseBin } from './choose-bin.ts';
import { generateDemoTomogram, openTomogramFile } from '../../../workers/io.client.ts';
import { parseProjectFile, PROJECT_FILE_EXTENSION, serializeProjectFile } from '../../core/project/project-file.ts';
import type { BinFactor, ProjectTomogramRef, SavedPick } from '../../core/project/project.ts';
import type { Split } from '../../core/picks/pick.ts';
import { useJobsStore } from '../../state/jobs-store.ts';
import {
  appProjectSource,
  applyToStores,
  Autosaver,
  NewerDatabaseError,
  opfsAvailable,
  opfsTomogramFiles,
  pickFileHandles,
  ProjectDb,
  readPermission,
  readSavedProject,
  requestReadPermission,
  StorageQuotaError,
  storageUse,
  usePersistenceStore,
  type PendingEntry,
  type PendingTomogram,
  type TomogramStorage,
} from '../../state/persistence/index.ts';
import { DEFAULT_CLASSES, useProjectStore } from '../../state/project-store.ts';
import { picksStore } from '../../state/picks-store.ts';
import { loadTomogram } from './load-tomogram.ts';

export interface RestoreResult {
  /** 'restored': a saved project came back (possibly with tomograms still pending); 'empty': first visit;
   * 'unreadable': saved data was corrupt, moved aside, fresh start; 'newer'/'unavailable': autosave is off. */
  outcome: 'restored' | 'empty' | 'unreadable' | 'newer' | 'unavailable';
  reopened: number;
  pending: number;
}

let db: ProjectDb | undefined;
let saver: Autosaver | undefined;
let starting: Promise<RestoreResult> | undefined;

const notify = (kind: 'error' | 'warning' | 'info', text: string) => useJobsStore.getState().notify(kind, text);

/** Idempotent: a second call (React StrictMode runs effects twice) returns the first call's result. */
export function startPersistence(): Promise<RestoreResult> {
  starting ??= start();
  return starting;
}

async function start(): Promise<RestoreResult> {
  const off = (outcome: RestoreResult['outcome'], problem: string): RestoreResult => {
    usePersistenceStore.setState({ phase: 'off', problem });
    notify('warning', problem);
    return { outcome, reopened: 0, pending: 0 };
  };
  if (typeof indexedDB === 'undefined') return off('unavailable', 'This browser has no IndexedDB: work is not saved. Export the project to keep it.');
  try {
    db = await ProjectDb.open();
  } catch (err) {
    const reason = err instanceof NewerDatabaseError ? err.message : `Autosave is off: ${(err as Error).message}`;
    return off(err instanceof NewerDatabaseError ? 'newer' : 'unavailable', reason);
  }
  // Ask the browser not to evict the project and tomogram copies under storage pressure.
  void navigator.storage?.persist?.().catch(() => false);

  const outcome = readSavedProject(await db.read());
  if (outcome.kind === 'newer') return off('newer', `The saved project was ${outcome.reason}. Autosave is off in this tab so that it stays intact.`);
  if (outcome.kind === 'unreadable') {
    await db.quarantine(outcome.reason);
    usePersistenceStore.setState({ quarantineReason: outcome.reason });
    notify('warning', `The saved project could not be read (${outcome.reason}). It was kept aside (Project → download it) and a new project started.`);
  }
  saver = new Autosaver(db, appProjectSource, opfsAvailable() ? { files: opfsTomogramFiles } : {});

  let reopened = 0;
  if (outcome.kind === 'saved') {
    const { snapshot, storage } = outcome.project;
    const opened = new Map<string, string>();
    const pending: PendingTomogram[] = [];
    for (const ref of snapshot.tomograms) {
      const result = await reopen(ref, storage.get(ref.key)!);
      if (typeof result === 'string') opened.set(ref.key, result);
      else pending.push(result);
    }
    applyToStores({
      classes: snapshot.classes,
      settings: snapshot.settings,
      splits: new Map(snapshot.tomograms.filter((t) => opened.has(t.key)).map((t) => [opened.get(t.key)!, t.split])),
      picks: new Map([...opened].map(([key, id]) => [id, snapshot.picks[key] ?? []])),
      review: bySessionId(snapshot.review, opened),
      masks: bySessionId(snapshot.masks, opened),
      ...(snapshot.settings.activeTomogram && opened.has(snapshot.settings.activeTomogram)
        ? { activeTomogramId: opened.get(snapshot.settings.activeTomogram)! }
        : {}),
    });
    saver.adopt(outcome.project, opened);
    usePersistenceStore.setState({ pending });
    reopened = opened.size;
  }
  saver.start();
  usePersistenceStore.setState({ phase: 'saved', savedAt: outcome.kind === 'saved' ? Date.parse(outcome.project.snapshot.savedAt) : undefined });
  void refreshStorageUse();
  const pendingCount = usePersistenceStore.getState().pending.length;
  return { outcome: outcome.kind === 'saved' ? 'restored' : outcome.kind, reopened, pending: pendingCount };
}

/** Opens a saved tomogram again; returns its session id, or why it could not come back by itself. */
async function reopen(ref: ProjectTomogramRef, storage: TomogramStorage): Promise<string | PendingTomogram> {
  const pending = (needs: PendingTomogram['needs'], detail: string): PendingTomogram => ({ key: ref.key, name: ref.name, needs, detail });
  switch (storage.kind) {
    case 'simulated':
      return (await openChecked(ref, `Re-generating ${ref.name}`, (o) => generateDemoTomogram(o))) ?? pending('reopen', 'regenerating it failed');
    case 'opfs': {
      const file = await opfsTomogramFiles.open(ref.key).catch(() => undefined);
      if (!file) return pending('reopen', 'its stored copy is gone (the browser may have cleared site storage)');
      return (await openFile(ref, file)) ?? pending('reopen', 'its stored copy could not be opened');
    }
    case 'handle': {
      const permission = await readPermission(storage.handle).catch(() => 'denied' as const);
      if (permission !== 'granted') return pending('permission', 'the browser needs your permission to read it again');
      const file = await storage.handle.getFile().catch(() => undefined);
      if (!file) return pending('reopen', 'the file has moved or was deleted');
      return (await openFile(ref, file)) ?? pending('reopen', 'it could not be opened');
    }
    case 'none':
      return pending('reopen', storage.reason);
  }
}

function openFile(ref: ProjectTomogramRef, file: File): Promise<string | undefined> {
  return openChecked(ref, `Restoring ${ref.name}`, (o) => openTomogramFile(file, ref.name, ref.bin, o));
}

/** Opens and warns when the shape differs from the saved one (the picks would land elsewhere). */
async function openChecked(ref: ProjectTomogramRef, label: string, run: Parameters<typeof loadTomogram>[1]): Promise<string | undefined> {
  const id = await loadTomogram(label, run);
  const volume = useProjectStore.getState().tomograms.find((t) => t.id === id)?.volume;
  if (volume && (volume.nx !== ref.shape[0] || volume.ny !== ref.shape[1] || volume.nz !== ref.shape[2])) {
    notify('warning', `${ref.name} is ${volume.nx}×${volume.ny}×${volume.nz} now but was ${ref.shape.join('×')} when its picks were saved: check them.`);
  }
  return id;
}

/**
 * Keeps what is needed to re-open a file the user just opened: a copy in OPFS when it fits, else
 * the File System Access handle when there is one, else nothing (the user is told to re-open it).
 */
export async function rememberOpenedFile(tomogramId: string, file: File, bin: BinFactor, handle?: FileSystemFileHandle): Promise<void> {
  if (!saver) return;
  const base = { bin, fileSize: file.size };
  let reason = 'this browser cannot keep a copy; open the file again after a reload';
  if (opfsAvailable()) {
    try {
      const active = saver;
      await active.whileCopying(async () => {
        await opfsTomogramFiles.save(active.keyOf(tomogramId), file);
        active.setOrigin(tomogramId, { ...base, storage: { kind: 'opfs' } });
      });
      void refreshStorageUse();
      return;
    } catch (err) {
      reason = err instanceof StorageQuotaError ? err.message : `copying it failed (${(err as Error).message})`;
    }
  }
  if (handle) {
    saver.setOrigin(tomogramId, { ...base, storage: { kind: 'handle', handle } });
    return;
  }
  saver.setOrigin(tomogramId, { ...base, storage: { kind: 'none', reason } });
  notify('warning', `${file.name}: ${reason}. Its picks are saved; after a reload, open the file again to see them.`);
}

/** Opens files through the File System Access picker, so their handles can re-open them later. */
export async function openFilesKeepingAccess(extensions: string[], bin: BinFactor): Promise<void> {
  for (const handle of await pickFileHandles(extensions)) {
    const file = await handle.getFile();
    const chosen = await chooseBin(file, bin);
    if (chosen === null) continue;
    const id = await loadTomogram(`Opening ${file.name}`, (o) => openTomogramFile(file, file.name, chosen, o));
    if (id) await rememberOpenedFile(id, file, chosen, handle);
  }
}

async function refreshStorageUse(): Promise<void> {
  const storage = await storageUse().catch(() => undefined);
  usePersistenceStore.setState({ storage });
}

/** Saved per-tomogram records (fix lists, painted masks) by key → by the session ids in `opened` (key → session id). */
function bySessionId<T>(records: Record<string, T> | undefined, opened: ReadonlyMap<string, string>): Map<string, T> {
  const bySession = new Map<string, T>();
  for (const [key, id] of opened) if (records?.[key]) bySession.set(id, records[key]);
  return bySession;
}

function removePending(key: string): void {
  usePersistenceStore.setState((s) => ({ pending: s.pending.filter((p) => p.key !== key) }));
}

function attachPending(key: string, sessionId: string): void {
  const entry = saver!.attach(key, sessionId);
  removePending(key);
  applyToStores({
    splits: new Map<string, Split>([[sessionId, entry.ref.split]]),
    picks: new Map([[sessionId, entry.picks]]),
    review: new Map(entry.review ? [[sessionId, entry.review]] : []),
    masks: new Map(entry.mask ? [[sessionId, entry.mask]] : []),
  });
}

function pendingEntry(key: string): PendingEntry {
  const entry = saver?.pending.get(key);
  if (!entry) throw new Error(`no tomogram "${key}" waits to be re-opened`);
  return entry;
}

/** Call from a click handler: the browser only shows its permission prompt inside a user gesture. */
export async function regrantAccess(key: string): Promise<void> {
  const { ref, storage } = pendingEntry(key);
  if (storage.kind !== 'handle') throw new Error(`${ref.name} has no file handle to re-grant`);
  if ((await requestReadPermission(storage.handle)) !== 'granted') {
    notify('warning', `${ref.name}: permission was not granted; its picks stay saved.`);
    return;
  }
  const id = await openFile(ref, await storage.handle.getFile());
  if (id) attachPending(key, id);
}

/** The user picked the file of a pending tomogram again. */
export async function reopenPendingFile(key: string, file: File): Promise<void> {
  const { ref } = pendingEntry(key);
  if (ref.fileSize !== undefined && file.size !== ref.fileSize) {
    notify('warning', `${file.name} is ${file.size} bytes but ${ref.name} was ${ref.fileSize}: is it the same file?`);
  }
  const id = await openFile(ref, file);
  if (!id) return;
  attachPending(key, id);
  await rememberOpenedFile(id, file, ref.bin);
}

/** Forget a tomogram that will not come back (and its picks). */
export function discardPending(key: string): void {
  saver?.discardPending(key);
  removePending(key);
}

/** Closes every tomogram and forgets the saved project (records and tomogram copies go with the next save). */
export function newProject(): void {
  for (const key of [...(saver?.pending.keys() ?? [])]) discardPending(key);
  useProjectStore.setState({ tomograms: [], activeTomogramId: undefined, classes: [...DEFAULT_CLASSES] });
  picksStore.getState().loadPicks([]);
  picksStore.getState().loadReview(new Map([...picksStore.getState().review.keys()].map((id) => [id, undefined])));
  picksStore.getState().loadMasks(new Map([...picksStore.getState().masks.keys()].map((id) => [id, undefined])));
}

function download(text: string, fileName: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function exportProjectFile(): void {
  if (!saver) {
    notify('error', 'Export needs the project store, which did not start (see the earlier message).');
    return;
  }
  const stamp = new Date().toISOString().slice(0, 19).replace(/[:T]/g, '-');
  download(serializeProjectFile(saver.snapshot()), `tomopick-project-${stamp}${PROJECT_FILE_EXTENSION}`);
}

/**
 * Imports a project file: classes and settings replace the current ones; each tomogram's picks go
 * to the open tomogram of the same name and shape, or wait (pending) until that file is opened.
 */
export async function importProjectFile(file: File): Promise<void> {
  if (!saver) throw new Error('the project store did not start; cannot import');
  let project;
  try {
    project = parseProjectFile(await file.text());
  } catch (err) {
    notify('error', `${file.name}: ${(err as Error).message}`);
    return;
  }
  const open = useProjectStore.getState().tomograms;
  const picks = new Map<string, readonly SavedPick[]>();
  const splits = new Map<string, Split>();
  const matched = new Map<string, string>();
  const pending: PendingTomogram[] = [];
  for (const ref of project.tomograms) {
    const match = open.find((t) => t.name === ref.name && t.volume.nx === ref.shape[0] && t.volume.ny === ref.shape[1] && t.volume.nz === ref.shape[2]);
    if (match) {
      picks.set(match.id, project.picks[ref.key] ?? []);
      splits.set(match.id, ref.split);
      matched.set(ref.key, match.id);
      continue;
    }
    const storage: TomogramStorage = ref.format === 'simulated' ? { kind: 'simulated' } : { kind: 'none', reason: 'imported from a project file; open the file to see its picks' };
    const review = project.review?.[ref.key];
    const mask = project.masks?.[ref.key];
    saver.addPending({ ref, storage, picks: project.picks[ref.key] ?? [], ...(review ? { review } : {}), ...(mask ? { mask } : {}) });
    pending.push({ key: ref.key, name: ref.name, needs: 'reopen', detail: storage.kind === 'none' ? storage.reason : 'imported' });
  }
  applyToStores({ classes: project.classes, settings: project.settings, picks, splits, review: bySessionId(project.review, matched), masks: bySessionId(project.masks, matched) });
  usePersistenceStore.setState((s) => ({ pending: [...s.pending.filter((p) => !pending.some((n) => n.key === p.key)), ...pending] }));
  notify('info', `${file.name}: picks of ${picks.size} open tomogram(s) imported${pending.length ? `; open ${pending.map((p) => p.name).join(', ')} to see the rest` : ''}.`);
}

/** Downloads the saved data that could not be read, so nothing is lost even then. */
export async function downloadQuarantined(): Promise<void> {
  const kept = await db?.quarantined();
  if (!kept?.length) return;
  const safe = JSON.stringify(kept, (_key, value) => (value instanceof FileSystemHandle ? `(file handle: ${value.name})` : value), 1);
  download(safe, 'tomopick-unreadable-project.json');
}
