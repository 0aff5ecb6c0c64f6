import { useStore } from 'zustand';
import { picksStore } from '../../state/picks-store.ts';

/** Undo/redo buttons that name what they would undo ("Undo: move pick"). */
export function UndoRedo() {
  const history = useStore(picksStore, (s) => s.history);
  return (
    <div className="undo-redo">
      <button type="button" disabled={!history.canUndo} onClick={() => picksStore.getState().undo()} title={history.undoLabel ? `Undo: ${history.undoLabel} (Ctrl+Z)` : 'Nothing to undo'} data-testid="undo">
        ↶ Undo
      </button>
      <button type="button" disabled={!history.canRedo} onClick={() => picksStore.getState().redo()} title={history.redoLabel ? `Redo: ${history.redoLabel} (Ctrl+Shift+Z)` : 'Nothing to redo'} data-testid="redo">
        ↷ Redo
      </button>
    </div>
  );
}
