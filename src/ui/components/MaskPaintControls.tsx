import { useEffect } from 'react';
import { useStore } from 'zustand';
import { rasteriseMask } from '../../core/mask/rasterise.ts';
import { maskAsVolume } from '../../core/mask/mask-volume.ts';
import { writeMrc } from '../../core/io/mrc/mrc-write.ts';
import { MASK_LEGEND } from '../../render/mask-painter.ts';
import { useJobsStore } from '../../state/jobs-store.ts';
import { useMaskPaintStore } from '../../state/mask-paint-store.ts';
import { picksStore } from '../../state/picks-store.ts';
import type { TomogramEntry } from '../../state/project-store.ts';

/** Downloads the painted keep-mask as a uint8 MRC on the tomogram's grid, for `tomopick propose --mask FILE`. */
function exportMaskMrc(tomogram: TomogramEntry): void {
  const strokes = picksStore.getState().masks.get(tomogram.id)?.strokes ?? [];
  const { volume } = tomogram;
  const keep = rasteriseMask(strokes, [volume.nx, volume.ny, volume.nz]);
  const bytes = writeMrc(maskAsVolume(keep, volume), { labels: ['Tomopick Studio exclusion mask: 1 = keep, 0 = excluded'] });
  const url = URL.createObjectURL(new Blob([bytes as Uint8Array<ArrayBuffer>], { type: 'application/octet-stream' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = `${tomogram.name.replace(/\.[^.]+$/, '')}.mask.mrc`;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/**
 * The user-painted exclusion mask (issue 4): a brush toggle (drags on any slice view paint while
 * it is on; Esc leaves), radius, eraser, clear (one undo step), overlay toggles and opacity, and
 * export as MRC. Strokes are undoable records of the project, used by the next proposals run.
 */
export function MaskPaintControls({ tomogram }: { tomogram: TomogramEntry }) {
  const paint = useMaskPaintStore();
  const strokes = useStore(picksStore, (s) => s.masks.get(tomogram.id)?.strokes.length ?? 0);
  const hasAuto = useMaskPaintStore((s) => s.autoMasks[tomogram.id] !== undefined);

  useEffect(() => {
    if (!paint.painting) return;
    const onKeyDown = (e: KeyboardEvent) => {
      if (e.key === 'Escape') useMaskPaintStore.getState().setPainting(false);
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [paint.painting]);

  const report = (what: string, err: unknown) => useJobsStore.getState().notify('error', `${what}: ${(err as Error).message}`);

  return (
    <div className="mask-paint" data-testid="mask-paint">
      <div className="row">
        <button
          type="button"
          aria-pressed={paint.painting}
          className={paint.painting ? 'active' : undefined}
          onClick={() => paint.setPainting(!paint.painting)}
          title="While on, drag on a slice view to paint regions proposals must avoid (Esc stops)"
          data-testid="mask-paint-toggle"
        >
          {paint.painting ? 'Painting… (Esc)' : 'Paint exclusion mask'}
        </button>
        <label title="Brush radius">
          r
          <input type="number" min={0.1} step="any" value={paint.radiusNm} onChange={(e) => paint.setRadiusNm(Number(e.target.value))} aria-label="Brush radius in nm" data-testid="mask-brush-radius" />
          nm
        </label>
        <label title="Erase: put painted voxels back">
          <input type="checkbox" checked={paint.eraser} onChange={(e) => paint.setEraser(e.target.checked)} data-testid="mask-eraser" />
          eraser
        </label>
      </div>
      <div className="row">
        <span className="muted" data-testid="mask-stroke-count">
          {strokes} stroke{strokes === 1 ? '' : 's'}
        </span>
        <button type="button" disabled={strokes === 0} onClick={() => picksStore.getState().clearMask(tomogram.id)} data-testid="mask-clear">
          Clear
        </button>
        <button
          type="button"
          disabled={strokes === 0}
          onClick={() => {
            try {
              exportMaskMrc(tomogram);
            } catch (err) {
              report('Exporting the mask failed', err);
            }
          }}
          title="Download as an MRC (uint8, 1 = keep) for tomopick propose --mask FILE"
          data-testid="mask-export"
        >
          Export MRC
        </button>
      </div>
      <div className="row">
        <label>
          <input type="checkbox" checked={paint.showPainted} onChange={(e) => paint.setShowPainted(e.target.checked)} data-testid="mask-show-painted" />
          <span style={{ color: MASK_LEGEND.painted }}>painted</span>
        </label>
        <label title={hasAuto ? 'The mask the last Find used' : 'Shown after a Find'}>
          <input type="checkbox" checked={paint.showAuto} disabled={!hasAuto} onChange={(e) => paint.setShowAuto(e.target.checked)} data-testid="mask-show-auto" />
          <span style={{ color: MASK_LEGEND.auto }}>run mask</span>
        </label>
        <label>
          opacity
          <input type="range" min={0} max={1} step={0.05} value={paint.opacity} onChange={(e) => paint.setOpacity(Number(e.target.value))} aria-label="Mask overlay opacity" />
        </label>
      </div>
    </div>
  );
}
