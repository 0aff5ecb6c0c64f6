import { useMemo, useState } from 'react';
import { DEFAULT_COMPACTNESS, selectProposals, type Polarity, type ProposalField } from '../../core/proposals/propose.ts';
import { bankDisplayName } from '../../core/proposals/log-filter-bank.ts';
import { computeProposalField } from '../../../workers/proposals.client.ts';
import { picksStore } from '../../state/picks-store.ts';
import { useJobsStore } from '../../state/jobs-store.ts';
import { useProjectStore, type TomogramEntry } from '../../state/project-store.ts';
import { useViewStore } from '../../state/view-store.ts';
import { ScoreHistogram } from './ScoreHistogram.tsx';
import { MaskPaintControls } from './MaskPaintControls.tsx';
import { rasteriseMask } from '../../core/mask/rasterise.ts';
import { useMaskPaintStore } from '../../state/mask-paint-store.ts';

/**
 * A-LoG proposals: filter once (in a worker, with progress and cancel), then move the threshold and
 * K live and apply the result as `proposal` candidates of the active class, one undoable step.
 */
export function ProposalsPanel({ tomogram }: { tomogram: TomogramEntry }) {
  const classes = useProjectStore((s) => s.classes);
  const activeClassId = useViewStore((s) => s.activeClassId);
  const activeClass = classes.find((c) => c.id === activeClassId);
  const defaultDiameter = Math.round(2 * (activeClass?.radiusAngstrom ?? 100));
  const [dMin, setDMin] = useState(Math.round(defaultDiameter * 0.7));
  const [dMax, setDMax] = useState(Math.round(defaultDiameter * 1.3));
  const [polarity, setPolarity] = useState<Polarity>('dark');
  const [autoMask, setAutoMask] = useState(true);
  const [compactness, setCompactness] = useState(DEFAULT_COMPACTNESS);
  const [field, setField] = useState<{ tomogramId: string; field: ProposalField } | undefined>(undefined);
  const [threshold, setThreshold] = useState<number | undefined>(undefined);
  const [topK, setTopK] = useState(200);
  const current = field?.tomogramId === tomogram.id ? field.field : undefined;

  const selection = useMemo(() => {
    if (!current) return undefined;
    try {
      return selectProposals(current, { threshold: threshold ?? current.defaultThreshold, topK });
    } catch {
      return undefined;
    }
  }, [current, threshold, topK]);

  const run = async () => {
    const jobs = useJobsStore.getState();
    if (!(dMin > 0 && dMax >= dMin)) {
      jobs.notify('error', `Diameter range ${dMin}–${dMax} Å is not valid: need 0 < min ≤ max`);
      return;
    }
    const controller = new AbortController();
    const jobId = jobs.startJob('A-LoG proposals', () => controller.abort());
    try {
      // The painted exclusion mask (1 = keep): ANDed with the automatic mask, or alone without it.
      const { nx, ny, nz } = tomogram.volume;
      const strokes = picksStore.getState().masks.get(tomogram.id)?.strokes;
      const userMask = strokes?.length ? rasteriseMask(strokes, [nx, ny, nz]) : undefined;
      const result = await computeProposalField(
        tomogram.volume,
        { diameterAngstrom: [dMin, dMax], polarity, autoMask, compactness, ...(userMask ? { userMask } : {}) },
        { signal: controller.signal, onProgress: (f, stage) => useJobsStore.getState().updateJob(jobId, f, stage) },
      );
      setField({ tomogramId: tomogram.id, field: result });
      useMaskPaintStore.getState().setAutoMask(tomogram.id, result.mask ? { shape: [nx, ny, nz], mask: result.mask } : undefined);
      setThreshold(undefined);
    } catch (err) {
      const e = err as Error;
      if (controller.signal.aborted) jobs.notify('info', 'Proposals cancelled');
      else jobs.notify('error', `Proposals failed: ${e.message}`);
    } finally {
      useJobsStore.getState().endJob(jobId);
    }
  };

  const apply = () => {
    if (!selection) return;
    const summary = picksStore.getState().applyModelOutput({
      source: 'proposal',
      tomograms: [tomogram.id],
      picks: selection.proposals.map((p) => ({ tomogram: tomogram.id, classId: activeClassId, x: p.x, y: p.y, z: p.z, score: p.score })),
    });
    useJobsStore.getState().notify('info', `${summary.added} proposals added as candidates (${summary.removed} earlier unreviewed ones replaced)`);
  };

  return (
    <fieldset className="proposals-panel" data-testid="proposals-panel">
      <legend>Proposals (A-LoG)</legend>
      <div className="row">
        <label>
          ⌀ min
          <input type="number" min={1} value={dMin} onChange={(e) => setDMin(Number(e.target.value))} aria-label="Minimum diameter in Å" />
        </label>
        <label>
          max
          <input type="number" min={1} value={dMax} onChange={(e) => setDMax(Number(e.target.value))} aria-label="Maximum diameter in Å" />
        </label>
        <span>Å</span>
      </div>
      <div className="row">
        <select value={polarity} onChange={(e) => setPolarity(e.target.value as Polarity)} aria-label="Particle polarity">
          <option value="dark">dark particles</option>
          <option value="bright">bright particles</option>
        </select>
        <label title="Drop proposals on gold, contamination and outside the sample slab">
          <input type="checkbox" checked={autoMask} onChange={(e) => setAutoMask(e.target.checked)} />
          auto mask
        </label>
        <label title="Rank flat peaks (membranes, the CTF fringe around dense particles) below round ones">
          <input type="checkbox" checked={compactness} onChange={(e) => setCompactness(e.target.checked)} aria-label="Prefer round blobs" />
          round blobs
        </label>
        <button type="button" onClick={run} data-testid="run-proposals">
          Find
        </button>
      </div>
      <MaskPaintControls tomogram={tomogram} />
      {current && selection && (
        <>
          <ScoreHistogram scores={current.maximaScores} threshold={selection.threshold} onThreshold={setThreshold} />
          <div className="row">
            <label>
              θ
              <input
                type="number"
                step="any"
                value={Number(selection.threshold.toPrecision(4))}
                onChange={(e) => setThreshold(Number(e.target.value))}
                aria-label="Score threshold"
              />
            </label>
            <label>
              K
              <input type="number" min={1} value={topK} onChange={(e) => setTopK(Math.max(1, Math.round(Number(e.target.value))))} aria-label="Top K" />
            </label>
          </div>
          <p className="muted" data-testid="proposal-count">
            {selection.proposals.length} proposals ({selection.aboveThreshold} above θ of {current.candidates.length} maxima in range) · filtered on {bankDisplayName(current.bank)}
          </p>
          <button type="button" onClick={apply} disabled={selection.proposals.length === 0} data-testid="apply-proposals">
            Add as candidates
          </button>
        </>
      )}
    </fieldset>
  );
}
