/**
 * Saves the project to IndexedDB a moment after every change (debounced, and at once when the tab
 * is hidden or closed), writing only the parts that changed: the picks record of each tomogram
 * whose picks changed, the tomogram records whose name/split/storage changed, and the small meta
 * record. Saves run one after another; a failed save is retried with the next change.
 *
 * Tomograms are saved under stable keys: the studio's tomogram ids are per session, so the
 * autosaver keeps the session id → key map and rewrites pick.tomogram to the key's record.
 */
import type { PickMap } from '../../core/picks/pick-collection.ts';
import type { ReviewMap } from '../../core/picks/review-document.ts';
import type { MaskMap } from '../../core/mask/mask-document.ts';
import { PROJECT_VERSION, type ProjectSettings, type ProjectSnapshot, type ProjectTomogramRef, type SavedExclusionMask, type SavedFixList, type SavedPick } from '../../core/project/project.ts';
import { tomogramsWithChangedPicks } from './changed-picks.ts';
import type { ProjectDb, ProjectWrite, StoredMeta, StoredTomogram, TomogramStorage } from './project-db.ts';
import { usePersistenceStore } from './persistence-store.ts';
import { defaultOrigin, savedMaskOf, savedPicksOf, savedReviewOf, tomogramRef, type ProjectSource, type ProjectState, type TomogramOrigin } from './project-source.ts';
import type { SavedProject } from './read-saved.ts';
import type { TomogramFileStore } from './tomogram-files.ts';

export interface AutosaveOptions {
  /** Quiet time after the last change before saving (default 300 ms). */
  delayMs?: number;
  /** Where tomogram copies live, to delete the copy of a removed tomogram. */
  files?: TomogramFileStore;
  newKey?: () => string;
  now?: () => Date;
}

/** A tomogram of the project that is not open in this session, with everything saved about it. */
export interface PendingEntry {
  ref: ProjectTomogramRef;
  storage: TomogramStorage;
  picks: SavedPick[];
  review?: SavedFixList;
  mask?: SavedExclusionMask;
}

export class Autosaver {
  private readonly keys = new Map<string, string>();
  private readonly origins = new Map<string, TomogramOrigin>();
  /** Tomograms not open in this session (waiting for a re-grant or re-open): kept, never dropped. */
  private readonly pendingEntries = new Map<string, PendingEntry>();
  /** Keys that have records in the database, with the record last written (storage aside). */
  private readonly savedRecords = new Map<string, string>();
  private readonly dirtyOrigins = new Set<string>();
  private savedPicks: PickMap | undefined;
  private savedReview: ReviewMap | undefined;
  private savedMasks: MaskMap | undefined;
  private savedMeta: string | undefined;
  private copiesInFlight = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private queue: Promise<void> = Promise.resolve();
  private unsubscribe: (() => void) | undefined;
  private readonly delayMs: number;
  private readonly newKey: () => string;
  private readonly now: () => Date;
  private readonly flushWhenHidden = () => {
    if (document.visibilityState === 'hidden') void this.flush();
  };
  private readonly flushOnPageHide = () => void this.flush();

  constructor(
    private readonly db: ProjectDb,
    private readonly source: ProjectSource,
    private readonly options: AutosaveOptions = {},
  ) {
    this.delayMs = options.delayMs ?? 300;
    this.newKey = options.newKey ?? (() => crypto.randomUUID());
    this.now = options.now ?? (() => new Date());
  }

  /**
   * Takes over a restored project: `opened` maps its keys to the session ids they were re-opened
   * under; the other saved tomograms stay pending. Call after the stores hold the restored picks.
   */
  adopt(saved: SavedProject, opened: ReadonlyMap<string, string>): void {
    for (const ref of saved.snapshot.tomograms) {
      const storage = saved.storage.get(ref.key)!;
      this.origins.set(ref.key, { storage, bin: ref.bin, ...(ref.fileSize === undefined ? {} : { fileSize: ref.fileSize }) });
      this.savedRecords.set(ref.key, JSON.stringify(ref));
      const sessionId = opened.get(ref.key);
      const review = saved.snapshot.review?.[ref.key];
      const mask = saved.snapshot.masks?.[ref.key];
      if (sessionId === undefined) this.pendingEntries.set(ref.key, { ref, storage, picks: saved.snapshot.picks[ref.key] ?? [], ...(review ? { review } : {}), ...(mask ? { mask } : {}) });
      else this.keys.set(sessionId, ref.key);
    }
    const state = this.source.read();
    this.savedPicks = state.picks;
    this.savedReview = state.review;
    this.savedMasks = state.masks;
  }

  /** The stable key of a session tomogram (assigned on first use). */
  keyOf(sessionId: string): string {
    let key = this.keys.get(sessionId);
    if (key === undefined) {
      key = this.newKey();
      this.keys.set(sessionId, key);
    }
    return key;
  }

  originOf(sessionId: string, state: ProjectState = this.source.read()): TomogramOrigin {
    const origin = this.origins.get(this.keyOf(sessionId));
    if (origin) return origin;
    const tomogram = state.tomograms.find((t) => t.id === sessionId);
    if (!tomogram) throw new Error(`no tomogram "${sessionId}" in the project`);
    return defaultOrigin(tomogram);
  }

  /** Records where a tomogram's bytes come back from (an OPFS copy, a handle, …). */
  setOrigin(sessionId: string, origin: TomogramOrigin): void {
    const key = this.keyOf(sessionId);
    this.origins.set(key, origin);
    this.dirtyOrigins.add(key);
    this.schedule();
  }

  /** Adds a tomogram that is known but not open (from an imported project file); it is saved as such. */
  addPending(entry: PendingEntry): void {
    this.pendingEntries.set(entry.ref.key, entry);
    this.origins.set(entry.ref.key, { storage: entry.storage, bin: entry.ref.bin });
    this.savedRecords.delete(entry.ref.key); // not in the database yet
    this.schedule();
  }

  /** A pending tomogram was opened again under `sessionId`; returns what was saved about it. */
  attach(key: string, sessionId: string): PendingEntry {
    const entry = this.pendingEntries.get(key);
    if (!entry) throw new Error(`no pending tomogram "${key}"`);
    this.pendingEntries.delete(key);
    this.keys.set(sessionId, key);
    this.schedule();
    return entry;
  }

  /** The user gave up on a pending tomogram: its records and copy go with the next save. */
  discardPending(key: string): void {
    this.pendingEntries.delete(key);
    this.schedule();
  }

  get pending(): ReadonlyMap<string, PendingEntry> {
    return this.pendingEntries;
  }

  /** The whole project, open and pending tomograms alike (for the project file). */
  snapshot(state: ProjectState = this.source.read()): ProjectSnapshot {
    const tomograms = state.tomograms.map((t) => tomogramRef(t, this.keyOf(t.id), this.originOf(t.id, state)));
    const picks: ProjectSnapshot['picks'] = {};
    const review: NonNullable<ProjectSnapshot['review']> = {};
    const masks: NonNullable<ProjectSnapshot['masks']> = {};
    for (const t of state.tomograms) {
      picks[this.keyOf(t.id)] = savedPicksOf(state.picks, t.id);
      const list = savedReviewOf(state.review, t.id);
      if (list) review[this.keyOf(t.id)] = list;
      const mask = savedMaskOf(state.masks, t.id);
      if (mask) masks[this.keyOf(t.id)] = mask;
    }
    for (const entry of this.pendingEntries.values()) {
      tomograms.push(entry.ref);
      picks[entry.ref.key] = entry.picks;
      if (entry.review) review[entry.ref.key] = entry.review;
      if (entry.mask) masks[entry.ref.key] = entry.mask;
    }
    const snapshot: ProjectSnapshot = { savedAt: this.now().toISOString(), classes: [...state.classes], settings: this.settingsOf(state), tomograms, picks };
    if (Object.keys(review).length > 0) snapshot.review = review;
    if (Object.keys(masks).length > 0) snapshot.masks = masks;
    return snapshot;
  }

  private settingsOf(state: ProjectState): ProjectSettings {
    const settings: ProjectSettings = { slabThickness: state.slabThickness, activeClassId: state.activeClassId };
    if (state.activeTomogramId !== undefined) settings.activeTomogram = this.keyOf(state.activeTomogramId);
    return settings;
  }

  start(): void {
    if (this.unsubscribe) return;
    this.unsubscribe = this.source.subscribe(() => this.schedule());
    if (typeof document !== 'undefined') document.addEventListener('visibilitychange', this.flushWhenHidden);
    if (typeof window !== 'undefined') window.addEventListener('pagehide', this.flushOnPageHide);
    this.schedule();
  }

  stop(): void {
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    clearTimeout(this.timer);
    if (typeof document !== 'undefined') document.removeEventListener('visibilitychange', this.flushWhenHidden);
    if (typeof window !== 'undefined') window.removeEventListener('pagehide', this.flushOnPageHide);
  }

  private schedule(): void {
    if (!this.unsubscribe) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.flush(), this.delayMs);
    // A change waiting for its debounced save is not saved yet: never show "saved" meanwhile.
    if (usePersistenceStore.getState().phase === 'saved') usePersistenceStore.setState({ phase: 'saving' });
  }

  /** "saved" only when nothing is waiting: no scheduled save and no file copy in flight. */
  private settledPhase(): 'saving' | 'saved' {
    return this.copiesInFlight > 0 || this.timer !== undefined ? 'saving' : 'saved';
  }

  /**
   * Runs a copy of a tomogram's bytes (into OPFS): until it ends and its origin is recorded the status
   * stays "saving", so nobody reloads believing the tomogram is safe while its copy is half written.
   */
  async whileCopying<T>(work: () => Promise<T>): Promise<T> {
    this.copiesInFlight += 1;
    usePersistenceStore.setState({ phase: 'saving' });
    try {
      return await work();
    } finally {
      this.copiesInFlight -= 1;
      this.schedule();
    }
  }

  /** Saves now; resolves when this and every earlier save has finished (or failed). */
  flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.queue = this.queue.then(() => this.save());
    return this.queue;
  }

  private async save(): Promise<void> {
    const state = this.source.read();
    const change = this.changes(state);
    const store = usePersistenceStore;
    if (!change) {
      if (store.getState().phase === 'saving') store.setState({ phase: this.settledPhase() });
      return;
    }
    store.setState({ phase: 'saving' });
    try {
      await this.db.write(change.write);
    } catch (err) {
      change.rollback();
      store.setState({ phase: 'error', problem: `Saving failed: ${(err as Error).message ?? String(err)}. Export the project to keep a copy.` });
      return;
    }
    change.commit();
    for (const key of change.write.removed ?? []) await this.options.files?.remove(key).catch(() => undefined);
    store.setState({ phase: this.settledPhase(), savedAt: Date.parse(change.write.meta!.savedAt), problem: undefined });
  }

  /** What to write to bring the database up to `state`, or undefined when it is already there. */
  private changes(state: ProjectState): { write: ProjectWrite; commit: () => void; rollback: () => void } | undefined {
    const openKeys = new Set<string>();
    const tomograms: StoredTomogram[] = [];
    const records = new Map<string, string>();
    for (const t of state.tomograms) {
      const key = this.keyOf(t.id);
      openKeys.add(key);
      const origin = this.originOf(t.id, state);
      const ref = tomogramRef(t, key, origin);
      const signature = JSON.stringify(ref);
      records.set(key, signature);
      if (this.savedRecords.get(key) !== signature || this.dirtyOrigins.has(key)) tomograms.push({ ...ref, storage: origin.storage });
    }
    // Pending tomograms not in the database yet (imported) are written with their picks.
    const newPending = [...this.pendingEntries.values()].filter((e) => !this.savedRecords.has(e.ref.key));
    for (const e of newPending) {
      tomograms.push({ ...e.ref, storage: e.storage });
      records.set(e.ref.key, JSON.stringify(e.ref));
    }
    const removed = [...this.savedRecords.keys()].filter((k) => !openKeys.has(k) && !this.pendingEntries.has(k));

    const changedIds = this.savedPicks ? tomogramsWithChangedPicks(this.savedPicks, state.picks) : new Set(state.tomograms.map((t) => t.id));
    // A fix list is saved in its tomogram's picks record: a new list or decision rewrites that record.
    for (const t of state.tomograms) if (state.review?.get(t.id) !== this.savedReview?.get(t.id)) changedIds.add(t.id);
    // So is a painted mask: a stroke rewrites that record.
    for (const t of state.tomograms) if (state.masks?.get(t.id) !== this.savedMasks?.get(t.id)) changedIds.add(t.id);
    const picks = state.tomograms
      .filter((t) => changedIds.has(t.id))
      .map((t) => {
        const review = savedReviewOf(state.review, t.id);
        const mask = savedMaskOf(state.masks, t.id);
        return { key: this.keyOf(t.id), picks: savedPicksOf(state.picks, t.id), ...(review ? { review } : {}), ...(mask ? { mask } : {}) };
      });
    for (const e of newPending) picks.push({ key: e.ref.key, picks: e.picks, ...(e.review ? { review: e.review } : {}), ...(e.mask ? { mask: e.mask } : {}) });

    const settings = this.settingsOf(state);
    const order = [...openKeys, ...this.pendingEntries.keys()];
    const metaSignature = JSON.stringify({ classes: state.classes, settings, order });

    if (tomograms.length === 0 && removed.length === 0 && picks.length === 0 && metaSignature === this.savedMeta) return undefined;
    const meta: StoredMeta = { version: PROJECT_VERSION, savedAt: this.now().toISOString(), classes: [...state.classes], settings, order };
    // Taken now, not at commit: an origin set while this write is in flight stays dirty.
    const dirtyOrigins = state.tomograms.map((t) => this.keyOf(t.id)).filter((k) => this.dirtyOrigins.delete(k));
    return {
      write: { meta, tomograms, picks, removed },
      commit: () => {
        for (const key of removed) {
          this.savedRecords.delete(key);
          this.origins.delete(key);
        }
        for (const [key, signature] of records) this.savedRecords.set(key, signature);
        this.savedPicks = state.picks;
        this.savedReview = state.review;
        this.savedMasks = state.masks;
        this.savedMeta = metaSignature;
      },
      rollback: () => {
        for (const key of dirtyOrigins) this.dirtyOrigins.add(key);
      },
    };
  }
}
