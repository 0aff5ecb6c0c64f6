import { histogram, percentileWindow } from '../../core/volume/histogram.ts';
import type { Volume } from '../../core/volume/volume.ts';
import { useViewStore } from '../../state/view-store.ts';

/** Contrast window (auto from percentiles, or manual), invert, and slab thickness. */
export function DisplayControls({ volume }: { volume: Volume }) {
  const contrast = useViewStore((s) => s.contrast);
  const setContrast = useViewStore((s) => s.setContrast);
  const thickness = useViewStore((s) => s.slabThickness);
  const setThickness = useViewStore((s) => s.setSlabThickness);
  const lowPass = useViewStore((s) => s.lowPassAngstrom);
  const setLowPass = useViewStore((s) => s.setLowPass);
  if (!contrast) return null;
  const { min, max } = volume.stats;
  const stepSize = (max - min) / 500 || 1;
  return (
    <fieldset className="display-controls">
      <legend>Display</legend>
      <label>
        low
        <input type="range" min={min} max={max} step={stepSize} value={contrast.low}
          onChange={(e) => setContrast({ ...contrast, low: Math.min(Number(e.target.value), contrast.high - stepSize) })} />
      </label>
      <label>
        high
        <input type="range" min={min} max={max} step={stepSize} value={contrast.high}
          onChange={(e) => setContrast({ ...contrast, high: Math.max(Number(e.target.value), contrast.low + stepSize) })} />
      </label>
      <button type="button" onClick={() => setContrast({ ...percentileWindow(histogram(volume)), invert: contrast.invert })}>
        Auto
      </button>
      <label>
        <input type="checkbox" checked={contrast.invert} onChange={(e) => setContrast({ ...contrast, invert: e.target.checked })} />
        invert
      </label>
      <label>
        slab
        <input type="number" min={1} max={64} value={thickness} onChange={(e) => setThickness(Number(e.target.value))} data-testid="slab-thickness" />
        <span className="muted">[ ]</span>
      </label>
      <label title="Gaussian σ in Å, computed in a worker and cached; 0 = off">
        low-pass σ
        <input type="number" min={0} step={5} value={lowPass} onChange={(e) => setLowPass(Number(e.target.value))} data-testid="low-pass" />
        Å
      </label>
    </fieldset>
  );
}
