/**
 * Undo/redo history of pick edits as recorded diffs, after tldraw's HistoryManager: `mark(label)`
 * starts a user gesture; every `record(diff)` until the next mark is squashed into that gesture's
 * one entry (so a drag of many small moves, or a bulk edit built in steps, undoes at once);
 * `undo()` steps back one entry; a new change clears the redo stack.
 *
 * History holds no picks: undo()/redo() return the diff the caller must apply to its map. The
 * stacks are plain arrays of entries. A recorded diff is kept by reference (callers must not change
 * it) and copied only when a second change of the same gesture is squashed into it.
 *
 * The diff type is a parameter (default: PickDiff) so that one history can cover a document of
 * several record kinds (the picks store's picks + correction review, document-diff.ts), as
 * tldraw's one history covers every record type of its store.
 */
import { copyDiff, diffSize, invertDiff, isEmptyDiff, squashInto, type MutablePickDiff, type PickDiff } from './pick-diff.ts';

/** What History needs of a diff type. `copy` returns a diff `squashInto` may change in place. */
export interface DiffOps<D> {
  isEmpty(diff: D): boolean;
  invert(diff: D): D;
  copy(diff: D): D;
  squashInto(target: D, next: D): void;
  size(diff: D): number;
}

export const PICK_DIFF_OPS: DiffOps<PickDiff> = {
  isEmpty: isEmptyDiff,
  invert: invertDiff,
  copy: copyDiff,
  squashInto: (target, next) => squashInto(target as MutablePickDiff, next),
  size: diffSize,
};

export interface HistoryEntry<D = PickDiff> {
  readonly label: string;
  readonly diff: D;
}

interface StoredEntry<D> {
  label: string;
  diff: D;
  /** Whether `diff` is History's own copy, so squashing may change it in place. */
  owned: boolean;
}

export interface HistoryOptions {
  /** Most undo entries kept; older ones are dropped (default 500). */
  limit?: number;
}

export const DEFAULT_HISTORY_LIMIT = 500;
const UNLABELLED = 'edit';

export class History<D = PickDiff> {
  readonly limit: number;
  private readonly ops: DiffOps<D>;
  private undos: StoredEntry<D>[] = [];
  private redos: StoredEntry<D>[] = [];
  /** Label of the gesture opened by mark(); its entry is created by its first non-empty record. */
  private gestureLabel = UNLABELLED;
  /** Whether the top undo entry still belongs to the open gesture (record() squashes into it). */
  private gestureOpen = false;

  /** `ops` is required for any diff type but PickDiff (the default). */
  constructor(options: HistoryOptions = {}, ops?: DiffOps<D>) {
    this.ops = ops ?? (PICK_DIFF_OPS as unknown as DiffOps<D>);
    const limit = options.limit ?? DEFAULT_HISTORY_LIMIT;
    if (!Number.isInteger(limit) || limit < 1) throw new Error(`History: limit must be an integer ≥ 1, got ${limit}`);
    this.limit = limit;
  }

  /** Starts a new user gesture; its changes become one undo entry called `label`. */
  mark(label: string): void {
    this.gestureLabel = label;
    this.gestureOpen = false;
  }

  /** Whether record() would add to an existing entry rather than create one. */
  get hasOpenGesture(): boolean {
    return this.gestureOpen;
  }

  /** Records a change that has been applied; empty diffs are ignored. Clears the redo stack. */
  record(diff: D): void {
    if (this.ops.isEmpty(diff)) return;
    this.redos = [];
    const top = this.undos.at(-1);
    if (this.gestureOpen && top) {
      const target = top.owned ? top.diff : this.ops.copy(top.diff);
      this.ops.squashInto(target, diff);
      top.diff = target;
      top.owned = true;
      // A gesture that cancels itself out (add then delete) leaves nothing to undo.
      if (this.ops.isEmpty(target)) {
        this.undos.pop();
        this.gestureOpen = false;
      }
      return;
    }
    this.undos.push({ label: this.gestureLabel, diff, owned: false });
    this.gestureOpen = true;
    if (this.undos.length > this.limit) this.undos.splice(0, this.undos.length - this.limit);
  }

  get canUndo(): boolean {
    return this.undos.length > 0;
  }

  get canRedo(): boolean {
    return this.redos.length > 0;
  }

  /** Label of the entry undo() would revert, for "Undo: move pick". */
  get undoLabel(): string | undefined {
    return this.undos.at(-1)?.label;
  }

  get redoLabel(): string | undefined {
    return this.redos.at(-1)?.label;
  }

  get undoCount(): number {
    return this.undos.length;
  }

  get redoCount(): number {
    return this.redos.length;
  }

  /** Steps back one entry; returns the diff to apply (the inverse of the entry), or undefined. */
  undo(): HistoryEntry<D> | undefined {
    const entry = this.undos.pop();
    if (!entry) return undefined;
    this.gestureOpen = false;
    this.redos.push(entry);
    return { label: entry.label, diff: this.ops.invert(entry.diff) };
  }

  /** Re-does the last undone entry; returns the diff to apply, or undefined. */
  redo(): HistoryEntry<D> | undefined {
    const entry = this.redos.pop();
    if (!entry) return undefined;
    this.gestureOpen = false;
    this.undos.push(entry);
    return { label: entry.label, diff: entry.diff };
  }

  /** Drops everything (e.g. a new project is opened). */
  clear(): void {
    this.undos = [];
    this.redos = [];
    this.gestureOpen = false;
    this.gestureLabel = UNLABELLED;
  }

  /** Records (picks) touched by each undo entry, oldest first (for a history panel or debugging). */
  summary(): { label: string; picks: number }[] {
    return this.undos.map((entry) => ({ label: entry.label, picks: this.ops.size(entry.diff) }));
  }
}
