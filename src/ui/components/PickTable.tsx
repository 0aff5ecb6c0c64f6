import { useMemo, useState } from 'react';
import { useStore } from 'zustand';
import type { PickSource, PickStatus } from '../../core/picks/pick.ts';
import { sortPicks, type PickSortKey } from '../../core/picks/review-order.ts';
import { picksStore, selectPicksOfTomogram } from '../../state/picks-store.ts';
import { useProjectStore } from '../../state/project-store.ts';
import { useViewStore } from '../../state/view-store.ts';
import { useJobsStore } from '../../state/jobs-store.ts';
import { focusPick } from '../focus-pick.ts';

const ROW_HEIGHT = 22;
const VISIBLE_ROWS = 14;

type Filter<T> = T | 'all';

/**
 * The picks of the active tomogram: filter by class/source/status, sort, click a row to jump there,
 * bulk accept/reject candidates by score threshold. Rows are windowed so 20k picks scroll smoothly.
 */
export function PickTable({ tomogramId }: { tomogramId: string }) {
  const picks = useStore(picksStore, (s) => selectPicksOfTomogram(s, tomogramId));
  const classes = useProjectStore((s) => s.classes);
  const selectedId = useViewStore((s) => s.selectedPickId);
  const [classFilter, setClassFilter] = useState<Filter<number>>('all');
  const [sourceFilter, setSourceFilter] = useState<Filter<PickSource>>('all');
  const [statusFilter, setStatusFilter] = useState<Filter<PickStatus>>('all');
  const [sortKey, setSortKey] = useState<PickSortKey>('score');
  const [threshold, setThreshold] = useState(0.5);
  const [scrollTop, setScrollTop] = useState(0);

  const rows = useMemo(
    () =>
      sortPicks(
        picks.filter(
          (p) =>
            (classFilter === 'all' || p.classId === classFilter) &&
            (sourceFilter === 'all' || p.source === sourceFilter) &&
            (statusFilter === 'all' || p.status === statusFilter),
        ),
        sortKey,
      ),
    [picks, classFilter, sourceFilter, statusFilter, sortKey],
  );
  const first = Math.max(0, Math.floor(scrollTop / ROW_HEIGHT) - 2);
  const shown = rows.slice(first, first + VISIBLE_ROWS + 4);
  const classById = new Map(classes.map((c) => [c.id, c]));

  const bulk = (status: 'accepted' | 'rejected') => {
    const filter = {
      tomogram: tomogramId,
      ...(classFilter === 'all' ? {} : { classId: classFilter }),
      ...(sourceFilter === 'all' ? {} : { source: sourceFilter }),
    };
    const summary = picksStore.getState().reviewByScore(status === 'accepted' ? { status, minScore: threshold, filter } : { status, maxScore: threshold, filter });
    useJobsStore.getState().notify('info', `${status === 'accepted' ? 'Accepted' : 'Rejected'} ${summary.updated} candidates ${status === 'accepted' ? '≥' : '<'} ${threshold}`);
  };

  return (
    <fieldset className="pick-table" data-testid="pick-table">
      <legend>Pick table</legend>
      <div className="pick-filters">
        <select aria-label="Filter by class" value={classFilter} onChange={(e) => setClassFilter(e.target.value === 'all' ? 'all' : Number(e.target.value))}>
          <option value="all">all classes</option>
          {classes.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </select>
        <select aria-label="Filter by source" value={sourceFilter} onChange={(e) => setSourceFilter(e.target.value as Filter<PickSource>)}>
          {['all', 'manual', 'imported', 'proposal', 'model', 'corrected'].map((s) => (
            <option key={s}>{s}</option>
          ))}
        </select>
        <select aria-label="Filter by status" value={statusFilter} onChange={(e) => setStatusFilter(e.target.value as Filter<PickStatus>)} data-testid="status-filter">
          {['all', 'candidate', 'accepted', 'rejected'].map((s) => (
            <option key={s}>{s}</option>
          ))}
        </select>
        <select aria-label="Sort" value={sortKey} onChange={(e) => setSortKey(e.target.value as PickSortKey)}>
          <option value="score">by score</option>
          <option value="class">by class</option>
          <option value="status">by status</option>
          <option value="z">by z</option>
        </select>
      </div>
      <div className="pick-rows" style={{ height: ROW_HEIGHT * VISIBLE_ROWS }} onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}>
        <div style={{ height: rows.length * ROW_HEIGHT, position: 'relative' }}>
          {shown.map((p, k) => (
            <button
              type="button"
              key={p.id}
              className={`pick-row status-${p.status} ${p.id === selectedId ? 'selected' : ''}`}
              style={{ top: (first + k) * ROW_HEIGHT, height: ROW_HEIGHT }}
              onClick={() => focusPick(p)}
            >
              <span className="swatch" style={{ background: classById.get(p.classId)?.color ?? '#ccc' }} />
              <span>{classById.get(p.classId)?.name ?? `class ${p.classId}`}</span>
              <span className="coords">
                {p.x.toFixed(0)}, {p.y.toFixed(0)}, {p.z.toFixed(0)}
              </span>
              <span className="score">{p.score === undefined ? '–' : p.score.toFixed(3)}</span>
              <span className="status">{p.status[0]!.toUpperCase()}</span>
            </button>
          ))}
        </div>
      </div>
      <p className="pick-table-footer">
        {rows.length} of {picks.length} shown · keys: <kbd>A</kbd> accept <kbd>R</kbd> reject <kbd>N</kbd> next candidate
      </p>
      <div className="bulk-review">
        <label>
          score
          <input type="number" step={0.05} value={threshold} onChange={(e) => setThreshold(Number(e.target.value))} aria-label="Score threshold" />
        </label>
        <button type="button" onClick={() => bulk('accepted')}>
          Accept ≥
        </button>
        <button type="button" onClick={() => bulk('rejected')}>
          Reject &lt;
        </button>
      </div>
    </fieldset>
  );
}
