import type { KeyboardEvent } from 'react';
import { useStore } from 'zustand';
import { fixStatus, nextPendingFix, pendingAtOrAbove, type FixStatus, type LabelFix } from '../../core/picks/correction-decisions.ts';
import { useCorrectionStore } from '../../state/correction-store.ts';
import { useJobsStore } from '../../state/jobs-store.ts';
import { picksStore } from '../../state/picks-store.ts';
import { useProjectStore, type TomogramEntry } from '../../state/project-store.ts';
import { useViewStore } from '../../state/view-store.ts';

/** Rows drawn at most (the list is ranked; the rest are the least confident). */
const MAX_ROWS = 300;

const KIND_LABEL: Record<LabelFix['kind'], string> = { add: 'add', remove: 'remove', relabel: 'relabel' };

/** Brings the slice views to a fix: its pick selected (remove, relabel), or the crosshair on the spot (add). */
function focusFix(fix: LabelFix): void {
  const view = useViewStore.getState();
  view.selectPick(fix.pickId !== undefined && picksStore.getState().picks.has(fix.pickId) ? fix.pickId : undefined);
  view.setPosition({ x: Math.round(fix.x), y: Math.round(fix.y), z: Math.round(fix.z) });
}

const EMPTY: ReadonlySet<string> = new Set();

/**
 * The correction review (issue 6): the label fixes a model's label-correction network suggests for
 * the active tomogram, ranked by confidence. Accept turns a fix into a pick edit, reject marks the
 * fix in the picks store's fix list; both are one undo step each and saved with the project. A
 * threshold bulk-accepts the confident ones. With the list focused: N / ↓ next, ↑ previous,
 * A accept, R reject (again: back to pending); Ctrl+Z undoes as anywhere.
 */
export function CorrectionReview({ tomogram }: { tomogram: TomogramEntry }) {
  const { threshold, selectedId, showFixes, setThreshold, select, setShowFixes } = useCorrectionStore();
  const picks = useStore(picksStore, (s) => s.picks);
  const list = useStore(picksStore, (s) => s.review.get(tomogram.id));
  const classes = useProjectStore((s) => s.classes);
  if (!list) return null;
  const { fixes, rejected } = list;
  const toggleRejected = (fix: LabelFix) => {
    const review = picksStore.getState();
    const current = review.review.get(tomogram.id)?.rejected ?? EMPTY;
    review.setFixesRejected(tomogram.id, [fix.id], !current.has(fix.id));
  };
  const statusOf = (fix: LabelFix): FixStatus => fixStatus(picks, rejected, fix);
  const counts = { pending: 0, accepted: 0, rejected: 0 };
  for (const fix of fixes) counts[statusOf(fix)]++;
  const bulk = pendingAtOrAbove(picks, rejected, fixes, threshold);
  // A high threshold can leave every fix below it (an unsure estimate); the list's order still puts
  // the best finds first (bench/results/label-correction-recovery-*.json).
  const topConfidence = fixes.reduce((m, f) => (statusOf(f) === 'pending' ? Math.max(m, f.confidence) : m), 0);
  const className = (id: number | undefined) => classes.find((c) => c.id === id)?.name ?? `class ${id}`;

  const choose = (fix: LabelFix | undefined) => {
    select(fix?.id);
    if (fix) focusFix(fix);
  };
  const goNext = (from: string | undefined) => {
    const state = picksStore.getState();
    const next = nextPendingFix(state.picks, state.review.get(tomogram.id)?.rejected ?? EMPTY, fixes, from);
    if (next) choose(next);
    else useJobsStore.getState().notify('info', 'No label fixes left to review');
  };
  const accept = (targets: readonly LabelFix[]) => {
    try {
      picksStore.getState().acceptFixes(targets);
    } catch (err) {
      useJobsStore.getState().notify('error', `Cannot apply the fix: ${(err as Error).message}`);
    }
  };
  const selected = fixes.find((f) => f.id === selectedId);

  const onKeyDown = (e: KeyboardEvent<HTMLUListElement>) => {
    if (e.ctrlKey || e.metaKey || e.altKey) return; // undo/redo go to the studio's shortcuts
    const index = selected ? fixes.indexOf(selected) : -1;
    const key = e.key.toLowerCase();
    if (key === 'n') goNext(selectedId);
    else if (e.key === 'ArrowDown') choose(fixes[Math.min(fixes.length - 1, index + 1)]);
    else if (e.key === 'ArrowUp') choose(fixes[Math.max(0, index - 1)]);
    else if (key === 'a' && selected) {
      accept([selected]);
      goNext(selected.id);
    } else if (key === 'r' && selected) {
      // An accepted fix is taken back with Ctrl+Z, as its ✕ button is off; R still stops here.
      const status = statusOf(selected);
      if (status !== 'accepted') toggleRejected(selected);
      if (status === 'pending') goNext(selected.id);
    } else return;
    // Handled here: the studio-wide A/R/N would otherwise act on the selected pick too.
    e.preventDefault();
    e.stopPropagation();
  };

  return (
    <fieldset className="correction-review" data-testid="correction-review">
      <legend>Label fixes</legend>
      <p className="muted" data-testid="fix-counts" data-pending={counts.pending} data-accepted={counts.accepted} data-rejected={counts.rejected}>
        {fixes.length} from {list.modelName}: {counts.pending} pending, {counts.accepted} accepted, {counts.rejected} rejected
      </p>
      <div className="row">
        <label>
          threshold {threshold.toFixed(2)}
          <input
            type="range"
            min={0}
            max={1}
            step={0.01}
            value={threshold}
            onChange={(e) => setThreshold(Number(e.target.value))}
            data-testid="fix-threshold"
            aria-label="Confidence threshold for accept all"
          />
        </label>
        <button type="button" onClick={() => accept(bulk)} disabled={bulk.length === 0} data-testid="fix-accept-all">
          Accept all ≥ {threshold.toFixed(2)} ({bulk.length})
        </button>
        <label title="Pending fixes in the slice views: dashed circle = add, cross = remove, ring in the new class's colour = relabel">
          <input type="checkbox" checked={showFixes} onChange={(e) => setShowFixes(e.target.checked)} data-testid="fix-show" /> show fixes
        </label>
      </div>
      {counts.pending > 0 && bulk.length === 0 && (
        <p className="muted" data-testid="fix-threshold-hint">
          No pending fix reaches {threshold.toFixed(2)}: the most confident is {topConfidence.toFixed(2)}. The list is still ranked, best first —
          review from the top or lower the threshold.
        </p>
      )}
      {fixes.length === 0 ? (
        <p className="muted">No disagreement between the labels and their correction.</p>
      ) : (
        <ul className="fix-list" tabIndex={0} onKeyDown={onKeyDown} data-testid="fix-list" aria-label="Label fixes: N next, A accept, R reject">
          {fixes.slice(0, MAX_ROWS).map((fix) => {
            const status = statusOf(fix);
            return (
              <li
                key={fix.id}
                className={`fix-${status}${fix.id === selectedId ? ' selected' : ''}${fix.confidence < threshold ? ' below' : ''}`}
                data-testid="fix-row"
                data-status={status}
                data-kind={fix.kind}
                data-pick-id={fix.pickId}
                data-confidence={fix.confidence.toFixed(3)}
                onClick={() => choose(fix)}
              >
                <span className="fix-kind">{KIND_LABEL[fix.kind]}</span>
                <span className="fix-class">{fix.kind === 'relabel' ? `${className(fix.fromClassId)} → ${className(fix.classId)}` : className(fix.classId)}</span>
                <span className="fix-confidence">{fix.confidence.toFixed(2)}</span>
                <span className="fix-status">{status}</span>
                <button type="button" className="link" onClick={(e) => {
                    e.stopPropagation();
                    accept([fix]);
                  }} disabled={status === 'accepted'} aria-label="Accept fix">
                  ✓
                </button>
                <button type="button" className="link" onClick={(e) => {
                    e.stopPropagation();
                    toggleRejected(fix);
                  }} disabled={status === 'accepted'} aria-label="Reject fix">
                  ✕
                </button>
              </li>
            );
          })}
        </ul>
      )}
      {fixes.length > MAX_ROWS && <p className="muted">{fixes.length - MAX_ROWS} less confident fixes not listed (bulk accept still covers them).</p>}
    </fieldset>
  );
}
