import { useRef, useState, type KeyboardEvent } from 'react';
import { useStore } from 'zustand';
import type { ClassChange } from '../../core/picks/class-document.ts';
import type { ClassDef } from '../../core/picks/pick.ts';
import { useJobsStore } from '../../state/jobs-store.ts';
import { picksStore, selectClassCounts } from '../../state/picks-store.ts';
import { useProjectStore } from '../../state/project-store.ts';
import { useViewStore } from '../../state/view-store.ts';

/** Class edits are undoable document edits (picks store); a refused one (empty name) is reported, not thrown. */
function updateClass(id: number, change: ClassChange, options?: { continueGesture?: boolean }): boolean {
  try {
    picksStore.getState().updateClass(id, change, options);
    return true;
  } catch (err) {
    useJobsStore.getState().notify('error', (err as Error).message);
    return false;
  }
}

/** Deletes a class and its picks (one undo step); the active class moves to the first one left. */
function deleteClass(cls: ClassDef): void {
  const removed = picksStore.getState().deleteClass(cls.id);
  const view = useViewStore.getState();
  const first = useProjectStore.getState().classes[0];
  if (view.activeClassId === cls.id && first) view.setActiveClass(first.id);
  const picks = removed === 1 ? '1 pick' : `${removed.toLocaleString('en-US')} picks`;
  useJobsStore.getState().notify('info', `Deleted class ${cls.name}${removed ? ` and its ${picks}` : ''} (Ctrl+Z brings ${removed ? 'them' : 'it'} back)`);
}

/**
 * A text or number field edited as a draft and committed on Enter or blur, so that typing a name
 * is one undo step ("rename class"), not one per key. Escape puts the saved value back.
 */
function DraftField({ value, commit, ...input }: { value: string; commit(text: string): boolean; type: 'text' | 'number'; min?: number; 'aria-label': string; title?: string }) {
  const [draft, setDraft] = useState<string | undefined>(undefined);
  const shown = draft ?? value;
  const finish = () => {
    if (draft !== undefined && draft !== value) commit(draft);
    setDraft(undefined);
  };
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Enter') finish();
    else if (e.key === 'Escape') setDraft(undefined);
  };
  return <input {...input} value={shown} onChange={(e) => setDraft(e.target.value)} onBlur={finish} onKeyDown={onKeyDown} />;
}

function ClassEditor({ cls, deletable }: { cls: ClassDef; deletable: boolean }) {
  // A drag in the colour picker sends many changes: one undo step while the input keeps focus.
  const colourGestureOpen = useRef(false);
  return (
    <div className="class-edit">
      <input
        type="color"
        value={cls.color}
        onFocus={() => (colourGestureOpen.current = false)}
        onChange={(e) => {
          updateClass(cls.id, { color: e.target.value }, { continueGesture: colourGestureOpen.current });
          colourGestureOpen.current = true;
        }}
        aria-label={`Colour of ${cls.name}`}
      />
      <DraftField type="text" value={cls.name} commit={(name) => updateClass(cls.id, { name: name.trim() })} aria-label="Class name" />
      <DraftField
        type="number"
        min={1}
        value={String(cls.radiusAngstrom)}
        commit={(text) => updateClass(cls.id, { radiusAngstrom: Number(text) })}
        aria-label={`Radius of ${cls.name} in Å`}
        title="radius in Å"
      />
      <span>Å</span>
      <button
        type="button"
        className="delete-class"
        onClick={() => deleteClass(cls)}
        disabled={!deletable}
        aria-label={`Delete ${cls.name}`}
        title={deletable ? `Delete ${cls.name} and all its picks (undoable)` : 'A project keeps at least one class'}
      >
        ✕
      </button>
    </div>
  );
}

/**
 * Classes with their pick counts; click (or press 1–9) to pick with a class. "Edit" opens name,
 * colour, radius (Å), visibility and deletion (with the class's picks) for each class, and adding a class. Every edit is a step of
 * the picks store's one undo history (Ctrl+Z), in turn with pick edits.
 */
export function ClassManager({ tomogramId }: { tomogramId: string }) {
  const classes = useProjectStore((s) => s.classes);
  const active = useViewStore((s) => s.activeClassId);
  const setActive = useViewStore((s) => s.setActiveClass);
  const counts = useStore(picksStore, (s) => selectClassCounts(s, tomogramId));
  const [editing, setEditing] = useState(false);
  const total = counts.reduce((n, c) => n + c.total, 0);
  return (
    <fieldset className="class-list">
      <legend>
        Picks <span data-testid="pick-count">{total}</span>
        <button type="button" className="link" onClick={() => setEditing(!editing)} data-testid="edit-classes">
          {editing ? 'done' : 'edit classes'}
        </button>
      </legend>
      <ul data-testid="class-list">
        {classes.map((c, i) => (
          <li key={c.id} className={c.hidden ? 'hidden-class' : ''}>
            {editing ? (
              <ClassEditor cls={c} deletable={classes.length > 1} />
            ) : (
              <button type="button" className={c.id === active ? 'active' : ''} onClick={() => setActive(c.id)} title={`radius ${c.radiusAngstrom} Å`}>
                <span className="swatch" style={{ background: c.color }} />
                {i < 9 ? <kbd>{i + 1}</kbd> : null} {c.name}
                <span className="count">{counts.find((n) => n.classId === c.id)?.total ?? 0}</span>
              </button>
            )}
            <button type="button" className="eye" onClick={() => updateClass(c.id, { hidden: !c.hidden })} aria-label={`${c.hidden ? 'Show' : 'Hide'} ${c.name}`}>
              {c.hidden ? '◌' : '●'}
            </button>
          </li>
        ))}
      </ul>
      {editing && (
        <button type="button" onClick={() => picksStore.getState().addClass()} data-testid="add-class">
          + class
        </button>
      )}
    </fieldset>
  );
}
