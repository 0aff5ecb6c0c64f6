import { useStore } from 'zustand';
import { picksStore, selectClassCounts } from '../../state/picks-store.ts';
import { useProjectStore } from '../../state/project-store.ts';
import { useViewStore } from '../../state/view-store.ts';

/** Classes with their pick counts in the active tomogram; click (or press 1–9) to pick with a class. */
export function ClassList({ tomogramId }: { tomogramId: string }) {
  const classes = useProjectStore((s) => s.classes);
  const active = useViewStore((s) => s.activeClassId);
  const setActive = useViewStore((s) => s.setActiveClass);
  const counts = useStore(picksStore, (s) => selectClassCounts(s, tomogramId));
  const total = counts.reduce((n, c) => n + c.total, 0);
  return (
    <fieldset className="class-list">
      <legend>
        Picks <span data-testid="pick-count">{total}</span>
      </legend>
      <ul data-testid="class-list">
        {classes.map((c, i) => (
          <li key={c.id}>
            <button type="button" className={c.id === active ? 'active' : ''} onClick={() => setActive(c.id)} title={`radius ${c.radiusAngstrom} Å`}>
              <span className="swatch" style={{ background: c.color }} />
              {i < 9 ? <kbd>{i + 1}</kbd> : null} {c.name}
              <span className="count">{counts.find((n) => n.classId === c.id)?.total ?? 0}</span>
            </button>
          </li>
        ))}
      </ul>
    </fieldset>
  );
}
