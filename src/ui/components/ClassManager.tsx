import { useState } from 'react';
import { useStore } from 'zustand';
import { picksStore, selectClassCounts } from '../../state/picks-store.ts';
import { useProjectStore } from '../../state/project-store.ts';
import { useViewStore } from '../../state/view-store.ts';

/**
 * Classes with their pick counts; click (or press 1–9) to pick with a class. "Edit" opens name,
 * colour, radius (Å) and visibility for each class, and adding a class.
 */
export function ClassManager({ tomogramId }: { tomogramId: string }) {
  const classes = useProjectStore((s) => s.classes);
  const updateClass = useProjectStore((s) => s.updateClass);
  const addClass = useProjectStore((s) => s.addClass);
  const active = useViewStore((s) => s.activeClassId);
  const setActive = useViewStore((s) => s.setActiveClass);
  const hidden = useViewStore((s) => s.hiddenClassIds);
  const toggleHidden = useViewStore((s) => s.toggleClassHidden);
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
          <li key={c.id} className={hidden.includes(c.id) ? 'hidden-class' : ''}>
            {editing ? (
              <div className="class-edit">
                <input type="color" value={c.color} onChange={(e) => updateClass(c.id, { color: e.target.value })} aria-label={`Colour of ${c.name}`} />
                <input type="text" value={c.name} onChange={(e) => updateClass(c.id, { name: e.target.value })} aria-label="Class name" />
                <input
                  type="number"
                  min={1}
                  value={c.radiusAngstrom}
                  onChange={(e) => Number(e.target.value) > 0 && updateClass(c.id, { radiusAngstrom: Number(e.target.value) })}
                  aria-label={`Radius of ${c.name} in Å`}
                  title="radius in Å"
                />
                <span>Å</span>
              </div>
            ) : (
              <button type="button" className={c.id === active ? 'active' : ''} onClick={() => setActive(c.id)} title={`radius ${c.radiusAngstrom} Å`}>
                <span className="swatch" style={{ background: c.color }} />
                {i < 9 ? <kbd>{i + 1}</kbd> : null} {c.name}
                <span className="count">{counts.find((n) => n.classId === c.id)?.total ?? 0}</span>
              </button>
            )}
            <button type="button" className="eye" onClick={() => toggleHidden(c.id)} aria-label={`${hidden.includes(c.id) ? 'Show' : 'Hide'} ${c.name}`}>
              {hidden.includes(c.id) ? '◌' : '●'}
            </button>
          </li>
        ))}
      </ul>
      {editing && (
        <button type="button" onClick={() => addClass()} data-testid="add-class">
          + class
        </button>
      )}
    </fieldset>
  );
}
